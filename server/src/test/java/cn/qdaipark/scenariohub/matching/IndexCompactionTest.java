package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the index merges into one segment per side once a bulk of changes has settled")
class IndexCompactionTest {
  private static final String TOKEN = "scrape-compaction-0123456789abcdef";
  private static final Pattern SEGMENTS = Pattern.compile("(?m)^scenariohub_index_segments(?:\\{[^}]*})? ([0-9.]+)$");

  private static TestApp start(int afterChanges, int quietMillis) {
    return TestApp.start(Map.of("METRICS_TOKEN", TOKEN, "INDEX_COMPACT_AFTER_CHANGES", String.valueOf(afterChanges),
        "INDEX_COMPACT_QUIET_MS", String.valueOf(quietMillis)));
  }

  private static int segments(TestApp app) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.api.base() + "/metrics"))
        .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = SEGMENTS.matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    return (int) Double.parseDouble(m.group(1));
  }

  private static void importBatch(TestApp app, String admin, int batch) {
    String body = IntStream.range(0, 12).mapToObj(i -> new JsonObject().put("key", "SEG-" + batch + "-" + i)
            .put("title", "分段合并测试方案 qzseg" + batch + " 第" + i + "号").put("summary", "港口岸桥远程操控与智能理货一体化方案")
            .put("description", "通过岸桥多路高清视频与激光扫描，结合箱号识别与残损检测模型，实现集装箱装卸全过程智能理货。")
            .put("domains", new JsonArray().add("空天地海")).put("track", "复杂算法软件研发")
            .put("tags", new JsonArray().add("智能理货").add("箱号识别")).put("maturity", "规模化应用")
            .put("provider", "青岛分段科技有限公司").put("region", "青岛市黄岛区").put("cases", new JsonArray())
            .put("priceRange", "").encode())
        .collect(Collectors.joining("\n"));
    Api.Response r = app.api.postRaw("/api/v1/admin/import/solutions", admin, body, "application/x-ndjson");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static boolean finds(TestApp app, String word) {
    return !app.api.get("/api/v1/search?type=solutions&q=" + word, null).json().getJsonArray("items").isEmpty();
  }

  @Test
  @DisplayName("three imports leave a segment each; past the threshold and quiet, one segment, all searchable")
  void mergesWhenSettled() throws Exception {
    try (TestApp app = start(30, 1500)) {
      String admin = app.adminToken();
      int before = segments(app);
      for (int batch = 0; batch < 3; batch++) {
        importBatch(app, admin, batch);
      }
      assertThat(segments(app)).isGreaterThanOrEqualTo(before + 3);
      Eventually.within(Duration.ofSeconds(30), () -> {
        try {
          return segments(app) == 1;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      for (int batch = 0; batch < 3; batch++) {
        assertThat(finds(app, "qzseg" + batch)).isTrue();
      }
    }
  }

  @Test
  @DisplayName("below the threshold the segments stay as they are")
  void smallChangesDoNotMerge() throws Exception {
    try (TestApp app = start(1000, 200)) {
      String admin = app.adminToken();
      int before = segments(app);
      importBatch(app, admin, 0);
      importBatch(app, admin, 1);
      Thread.sleep(1500);
      assertThat(segments(app)).isGreaterThanOrEqualTo(before + 2);
      assertThat(finds(app, "qzseg1")).isTrue();
    }
  }
}
