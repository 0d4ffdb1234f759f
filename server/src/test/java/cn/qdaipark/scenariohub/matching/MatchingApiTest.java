package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MatchingApiTest {
  private static TestApp app;
  private static Api api;
  private static String provider;
  private static String government;
  private static long weldSolution;
  private static long portSolution;
  private static long financeSolution;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    provider = Fixtures.verifiedAccount(app, "mp@example.cn", "provider", "青岛匹配测试科技有限公司", "91370211MA3CMP001");
    government = Fixtures.verifiedAccount(app, "mg@example.cn", "government", "青岛市匹配测试局", "11370200MB1CMP001");
    weldSolution = create(Fixtures.solution("焊缝缺陷智能识别系统"));
    portSolution = create(Fixtures.solution("港区周界入侵智能识别系统")
        .put("summary", "基于红外热成像与视频分析的港区夜间人员闯入识别告警")
        .put("description", "在集装箱堆场与码头前沿部署红外热成像与可见光双光谱摄像机，利用目标检测与轨迹跟踪算法识别夜间人员闯入作业区，"
            + "告警延迟小于1秒，联动广播与中控平台，已在港口试点。")
        .put("domains", new JsonArray().add("空天地海")).put("tags", new JsonArray().add("周界安防").add("红外热成像")));
    financeSolution = create(Fixtures.solution("小微企业信贷风控模型")
        .put("summary", "利用税务与发票数据评估小微企业信用")
        .put("description", "接入企业税务、发票、社保和水电数据，构建小微企业信用评分与贷后预警模型，帮助银行提高普惠贷款审批效率、降低不良率。")
        .put("domains", new JsonArray().add("智慧金融")).put("tags", new JsonArray().add("信贷风控").add("普惠金融")));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long create(JsonObject solution) {
    Api.Response r = api.post("/api/v1/solutions", provider, solution);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static List<Long> matchedSolutions(long postingId) {
    Api.Response r = api.get("/api/v1/postings/" + postingId + "/matches?limit=10", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("solution").getLong("id")).toList();
  }

  @Test
  @DisplayName("a new posting is matched within a second, best solution first, with readable reasons")
  void postingMatchedWithReasons() {
    long posting = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅")).json().getLong("id");
    long waited = Eventually.within(Duration.ofSeconds(5), () -> !matchedSolutions(posting).isEmpty());
    assertThat(waited).isLessThan(1000);

    JsonObject body = api.get("/api/v1/postings/" + posting + "/matches?limit=10", null).json();
    JsonObject best = body.getJsonArray("items").getJsonObject(0);
    assertThat(best.getJsonObject("solution").getLong("id")).isEqualTo(portSolution);
    assertThat(best.getJsonObject("solution").fieldNames()).contains("sourceRef", "title", "domains", "track", "maturity");
    assertThat(best.getDouble("score")).isPositive();
    List<String> kinds = best.getJsonArray("reasons").stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    assertThat(kinds).contains("semantic", "domain");
    assertThat(best.getJsonArray("reasons").stream().map(o -> ((JsonObject) o).getString("text")))
        .anyMatch(text -> text.contains("项要求"));
  }

  @Test
  @DisplayName("a solution sees the open postings it fits, not closed or expired ones")
  void solutionMatchedToOpenPostings() {
    long open = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "智慧港口周界安防揭榜")).json().getLong("id");
    JsonObject closed = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "已关闭的港口安防榜单")).json();
    api.post("/api/v1/postings/" + closed.getLong("id") + "/close", government, null);
    Eventually.within(Duration.ofSeconds(5), () -> api.get("/api/v1/solutions/" + portSolution + "/matches", null).json()
        .getJsonArray("items").stream().anyMatch(o -> ((JsonObject) o).getJsonObject("posting").getLong("id") == open));
    JsonArray items = api.get("/api/v1/solutions/" + portSolution + "/matches?limit=100", null).json().getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getJsonObject("posting").getLong("id")))
        .doesNotContain(closed.getLong("id"));
    assertThat(items.getJsonObject(0).getJsonArray("reasons")).isNotEmpty();
  }

  @Test
  @DisplayName("an archived solution disappears from matches within a second")
  void archivedNeverMatched() {
    long posting = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "焊缝质量检测揭榜")
        .put("domain", "工业智能").put("description", "船舶与压力容器焊接质量依赖人工射线底片评片，效率低、漏检多，需要自动识别焊缝气孔、裂纹等缺陷。")
        .put("requirements", new JsonArray().add("缺陷识别准确率≥95%"))).json().getLong("id");
    long doomed = create(Fixtures.solution("焊缝射线底片智能评片系统"));
    Eventually.within(Duration.ofSeconds(5), () -> matchedSolutions(posting).contains(doomed));
    api.post("/api/v1/solutions/" + doomed + "/archive", provider, null);
    long waited = Eventually.within(Duration.ofSeconds(5), () -> !matchedSolutions(posting).contains(doomed));
    assertThat(waited).isLessThan(1000);
  }

  @Test
  @DisplayName("matches of a posting the caller may not see are 404; unknown ids are 404; limit is capped")
  void matchAccessAndLimits() {
    JsonObject draft = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "草稿榜单").put("draft", true)).json();
    assertThat(api.get("/api/v1/postings/" + draft.getLong("id") + "/matches", null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/postings/" + draft.getLong("id") + "/matches", government).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/postings/987654/matches", null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/solutions/" + weldSolution + "/matches?limit=100000", null).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/solutions/" + weldSolution + "/matches?limit=abc", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("search finds solutions by Chinese text, highlights them, counts facets and filters by domain")
  void searchWithFacets() {
    Eventually.within(Duration.ofSeconds(5), () -> search("q=" + enc("信贷风控")).getLong("total") > 0);
    JsonObject result = search("q=" + enc("信贷风控"));
    JsonObject first = result.getJsonArray("items").getJsonObject(0);
    assertThat(first.getLong("id")).isEqualTo(financeSolution);
    assertThat(first.getString("titleHtml") + first.getString("snippetHtml")).contains("<mark>");
    assertThat(first.getBoolean("lowRelevance")).isFalse();
    assertThat(result.getJsonObject("facets").getJsonArray("domain")).isNotEmpty();
    JsonObject filtered = search("q=" + enc("识别") + "&domain=" + enc("空天地海"));
    assertThat(filtered.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id"))).contains(portSolution)
        .doesNotContain(financeSolution, weldSolution);
  }

  @Test
  @DisplayName("hostile or odd queries answer 200 or a clear 400, never a 500")
  void oddQueries() {
    for (String q : List.of("AND (", "\"", "*:*", "！！！", "😀😀", "title:[a TO z]", "   ")) {
      assertThat(api.get("/api/v1/search?q=" + enc(q), null).status()).as(q).isEqualTo(200);
    }
    assertThat(api.get("/api/v1/search?q=" + enc("长".repeat(201)), null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/search?domain=" + enc("火星"), null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/search?pageSize=0", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/search/suggest", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("typeahead suggests titles starting with what was typed")
  void suggestions() {
    Eventually.within(Duration.ofSeconds(5), () -> !api.get("/api/v1/search/suggest?q=" + enc("小微"), null).json()
        .getJsonArray("items").isEmpty());
    assertThat(api.get("/api/v1/search/suggest?q=" + enc("小微"), null).json().getJsonArray("items").getString(0)).startsWith("小微");
  }

  @Test
  @DisplayName("an English query and an English prefix find the Chinese records through the glossary")
  void englishQueries() {
    long drone = create(Fixtures.solution("无人机输电线路自动巡检系统")
        .put("summary", "多旋翼无人机按航线自动巡检输电线路，识别绝缘子破损与异物")
        .put("description", "无人机机载可见光与红外相机沿输电线路自动飞行巡检，边缘端识别绝缘子破损、鸟巢与异物，巡检报告自动生成。")
        .put("tags", new JsonArray().add("无人机巡检").add("输电线路")));
    Eventually.within(Duration.ofSeconds(5), () -> search("q=" + enc("drone inspection")).getJsonArray("items").stream()
        .anyMatch(o -> ((JsonObject) o).getLong("id") == drone));
    JsonArray items = search("q=" + enc("drone inspection")).getJsonArray("items");
    assertThat(items.getJsonObject(0).getLong("id")).isEqualTo(drone);
    assertThat(items.getJsonObject(0).getBoolean("lowRelevance")).isFalse();
    assertThat(items.getJsonObject(0).getString("titleHtml")).contains("<mark>");
    assertThat(items.stream().map(o -> (JsonObject) o).filter(o -> !o.getBoolean("lowRelevance"))
        .map(o -> o.getLong("id"))).doesNotContain(financeSolution);
    assertThat(api.get("/api/v1/search/suggest?q=dro", null).json().getJsonArray("items"))
        .contains("无人机输电线路自动巡检系统", "无人机巡检");
  }

  private static JsonObject search(String query) {
    Api.Response r = api.get("/api/v1/search?" + query, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
