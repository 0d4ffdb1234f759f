package cn.qdaipark.scenariohub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.EmbeddedDb;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StandingMatchNotificationTest {

  private static JsonArray notifications(Api api, String token) {
    Api.Response r = api.get("/api/v1/notifications?unread=true", token);
    assertThat(r.status()).isEqualTo(200);
    return r.json().getJsonArray("items");
  }

  @Test
  @DisplayName("a new call notifies, once, the providers whose published solutions fit it in its domain; others hear nothing")
  void newCallNotifiesFittingProviders() {
    String db = EmbeddedDb.freshDatabaseUrl();
    try (TestApp a = TestApp.start(Map.of("PG_URL", db)); TestApp b = TestApp.start(Map.of("PG_URL", db))) {
      Api api = a.api;
      String port = Fixtures.verifiedAccount(a, "np@example.cn", "provider", "青岛港安智能科技有限公司", "91370211MA3CNP001");
      String bank = Fixtures.verifiedAccount(a, "nb@example.cn", "provider", "青岛金融风控科技有限公司", "91370211MA3CNB001");
      String government = Fixtures.verifiedAccount(a, "ng@example.cn", "government", "青岛市港口管理局", "11370200MB1CNG001");
      api.post("/api/v1/solutions", port, Fixtures.solution("港区周界入侵智能识别系统")
          .put("domains", new JsonArray().add("空天地海")).put("tags", new JsonArray().add("周界安防").add("红外热成像")));
      api.post("/api/v1/solutions", bank, Fixtures.solution("小微企业信贷风控模型").put("domains", new JsonArray().add("智慧金融"))
          .put("description", "接入企业税务、发票、社保和水电数据，构建小微企业信用评分与贷后预警模型，帮助银行提高普惠贷款审批效率。"));

      long call = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅"))
          .json().getLong("id");
      Eventually.within(Duration.ofSeconds(10), () -> !notifications(api, port).isEmpty());
      JsonObject note = notifications(api, port).getJsonObject(0);
      assertThat(note.getString("kind")).isEqualTo("standing_match");
      assertThat(note.getLong("postingId")).isEqualTo(call);
      assertThat(note.getString("title")).contains("港区夜间人员入侵识别揭榜挂帅");
      assertThat(note.getString("link")).isEqualTo("/postings/" + call);
      assertThat(notifications(api, bank)).isEmpty();
      assertThat(a.count("SELECT count(*) FROM notifications WHERE posting_id = " + call))
          .as("two replicas applied the posting, one notification").isEqualTo(1);

      assertThat(api.post("/api/v1/notifications/" + note.getLong("id") + "/read", bank, null).status()).isEqualTo(404);
      assertThat(api.post("/api/v1/notifications/" + note.getLong("id") + "/read", port, null).status()).isEqualTo(200);
      assertThat(notifications(api, port)).isEmpty();
      assertThat(api.get("/api/v1/notifications", null).status()).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("a provider whose alerts are off hears nothing, and the statistics funnel still counts the call as matched")
  void alertsOffDoNotChangeTheFunnel() {
    try (TestApp app = TestApp.start(Map.of("PG_URL", EmbeddedDb.freshDatabaseUrl()))) {
      Api api = app.api;
      String quiet = Fixtures.verifiedAccount(app, "nq@example.cn", "provider", "青岛免打扰安防科技有限公司", "91370211MA3CNQ001");
      String government = Fixtures.verifiedAccount(app, "ngq@example.cn", "government", "青岛市港口管理局", "11370200MB1CNQ001");
      assertThat(api.put("/api/v1/notification-settings", quiet, new JsonObject().put("delivery", "off").put("digestHour", 8))
          .status()).isEqualTo(200);
      api.post("/api/v1/solutions", quiet, Fixtures.solution("港区周界入侵智能识别系统")
          .put("domains", new JsonArray().add("空天地海")).put("tags", new JsonArray().add("周界安防").add("红外热成像")));
      long before = matchedOnStatsPage(api);

      long call = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅"))
          .json().getLong("id");
      Eventually.within(Duration.ofSeconds(10), () -> matchedOnStatsPage(api) == before + 1);
      assertThat(notifications(api, quiet)).isEmpty();
      assertThat(app.count("SELECT count(*) FROM notifications WHERE posting_id = " + call)).isZero();
    }
  }

  /** The 合计 row's 已匹配 cell of the funnel on the public statistics page. */
  private static long matchedOnStatsPage(Api api) {
    String html = api.get("/stats", null).body();
    int table = html.indexOf("id=\"funnel\"");
    assertThat(table).isPositive();
    Matcher total = Pattern.compile("<th scope=\"row\">合计</th><td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td>")
        .matcher(html.substring(table));
    assertThat(total.find()).isTrue();
    return Long.parseLong(total.group(2));
  }
}
