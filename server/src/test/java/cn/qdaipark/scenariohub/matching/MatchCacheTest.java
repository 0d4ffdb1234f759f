package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("repeated matches come from the index's recent answers until the index or the record changes")
class MatchCacheTest {
  private static final String TOKEN = "scrape-match-cache-0123456789abcdef";

  private static double counter(TestApp app, String name, String cache) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.api.base() + "/metrics"))
        .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^scenariohub_match_cache_" + name + "_total\\{cache=\"" + cache + "\",?} ([0-9.E]+)$")
        .matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static JsonObject matches(TestApp app, String path) {
    Api.Response r = app.api.get(path, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<Long> solutionIds(JsonObject matches) {
    return matches.getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("solution").getLong("id")).toList();
  }

  private static long create(TestApp app, String token, String path, JsonObject body) {
    Api.Response r = app.api.post(path, token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static JsonObject portSolution(String title) {
    return Fixtures.solution(title).put("summary", "基于红外热成像与视频分析的港区夜间人员闯入识别告警")
        .put("description", "在集装箱堆场与码头前沿部署红外热成像与可见光双光谱摄像机，利用目标检测与轨迹跟踪算法识别夜间人员闯入作业区，"
            + "告警延迟小于1秒，联动广播与中控平台，已在港口试点。")
        .put("domains", new JsonArray().add("空天地海")).put("tags", new JsonArray().add("周界安防").add("红外热成像"));
  }

  private record PortCall(String provider, String government, long solution, long posting) {
    String matchesPath() {
      return "/api/v1/postings/" + posting + "/matches?limit=10";
    }
  }

  /** A provider's port-security solution and a government's call it fits, matched once the index has both. */
  private static PortCall portCall(TestApp app, String n) {
    String provider = Fixtures.verifiedAccount(app, "mc" + n + "-p@example.cn", "provider", "青岛缓存测试" + n + "科技有限公司",
        "91370211MA3CMC00" + n);
    String government = Fixtures.verifiedAccount(app, "mc" + n + "-g@example.cn", "government", "青岛市缓存测试" + n + "局",
        "11370200MB1CMC00" + n);
    long solution = create(app, provider, "/api/v1/solutions", portSolution("港区周界入侵智能识别系统"));
    long posting = create(app, government, "/api/v1/postings", Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅"));
    PortCall call = new PortCall(provider, government, solution, posting);
    Eventually.within(Duration.ofSeconds(5), () -> solutionIds(matches(app, call.matchesPath())).contains(solution));
    return call;
  }

  @Test
  @DisplayName("the same match twice is one index match; a new solution and an edited posting are matched afresh")
  void answersUntilSomethingChanges() throws Exception {
    try (TestApp app = TestApp.start(Map.of("METRICS_TOKEN", TOKEN))) {
      PortCall call = portCall(app, "1");
      String provider = call.provider();
      String government = call.government();
      long first = call.solution();
      long posting = call.posting();
      String path = call.matchesPath();

      double hits = counter(app, "hits", "solutions-for-posting");
      JsonObject once = matches(app, path);
      JsonObject twice = matches(app, path);
      assertThat(twice).isEqualTo(once);
      assertThat(counter(app, "hits", "solutions-for-posting")).isGreaterThanOrEqualTo(hits + 1);

      long second = create(app, provider, "/api/v1/solutions", portSolution("码头前沿夜间闯入红外告警平台"));
      Eventually.within(Duration.ofSeconds(5), () -> solutionIds(matches(app, path)).contains(second));

      double misses = counter(app, "misses", "solutions-for-posting");
      Api.Response edited = app.api.put("/api/v1/postings/" + posting, government,
          Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅（修订）").put("version", 1));
      assertThat(edited.status()).as(edited.body()).isEqualTo(200);
      assertThat(matches(app, path).getJsonArray("items")).isNotEmpty();
      assertThat(counter(app, "misses", "solutions-for-posting")).isGreaterThanOrEqualTo(misses + 1);

      String backwards = "/api/v1/solutions/" + first + "/matches?limit=10";
      double postingHits = counter(app, "hits", "postings-for-solution");
      // the edit reaches the index a moment after its answer, which starts a new generation: ask until one repeats
      Eventually.within(Duration.ofSeconds(5), () -> {
        assertThat(matches(app, backwards).getJsonArray("items")).isNotEmpty();
        try {
          return counter(app, "hits", "postings-for-solution") >= postingHits + 1;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  @Test
  @DisplayName("MATCH_CACHE_ENTRIES=0 keeps nothing: every match is computed")
  void turnedOff() throws Exception {
    try (TestApp app = TestApp.start(Map.of("METRICS_TOKEN", TOKEN, "MATCH_CACHE_ENTRIES", "0"))) {
      String path = portCall(app, "2").matchesPath();
      assertThat(matches(app, path)).isEqualTo(matches(app, path));
      assertThat(counter(app, "hits", "solutions-for-posting")).isZero();
    }
  }
}
