package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertPagesTest {
  private static TestApp app;
  private static Api api;
  private static Account buyer;
  private static Account other;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛订阅页面测试集团");
    other = ChallengeFixtures.verified(app, "buyer", "青岛另一家集团");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  @Test
  @DisplayName("the alerts page changes the delivery; a bad hour is shown next to the field")
  void settingsForm() {
    PageClient page = as(buyer);
    HttpResponse<String> shown = page.get("/alerts");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("id=\"alert-settings\"").contains("value=\"instant\" checked");
    assertThat(page.get("/workspace").body()).contains("href=\"/alerts\"");

    HttpResponse<String> saved = page.post("/alerts/settings", Map.of("delivery", "daily", "digestHour", "18"));
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).hasValue("/alerts?notice=alert_settings_saved");
    assertThat(api.get("/api/v1/notification-settings", buyer.token()).json())
        .isEqualTo(new JsonObject().put("delivery", "daily").put("digestHour", 18));

    HttpResponse<String> bad = page.post("/alerts/settings", Map.of("delivery", "daily", "digestHour", "25"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("class=\"field-error\"");
    assertThat(page.postRaw("/alerts/settings", Map.of("delivery", "off", "_csrf", "forged")).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/v1/notification-settings", buyer.token()).json().getString("delivery")).isEqualTo("daily");
  }

  @Test
  @DisplayName("a search is saved from the results page and deleted from the alerts page; someone else's is not found")
  void savedSearchForms() {
    PageClient page = as(buyer);
    assertThat(page.get("/solutions?q=" + java.net.URLEncoder.encode("焊缝检测", java.nio.charset.StandardCharsets.UTF_8))
        .body()).contains("id=\"save-as-alert\"");
    assertThat(new PageClient(api.base()).get("/solutions").body()).doesNotContain("id=\"save-as-alert\"");

    HttpResponse<String> saved = page.post("/alerts/saved-searches",
        Map.of("target", "solutions", "name", "焊缝检测", "query", "焊缝检测", "domain", "工业智能"));
    assertThat(saved.statusCode()).isEqualTo(303);
    JsonArray items = api.get("/api/v1/saved-searches", buyer.token()).json().getJsonArray("items");
    assertThat(items).hasSize(1);
    long id = items.getJsonObject(0).getLong("id");
    assertThat(items.getJsonObject(0).getJsonObject("filters").getJsonArray("domain")).containsExactly("工业智能");
    assertThat(page.get("/alerts").body()).contains("焊缝检测").contains("id=\"delete-search-" + id + "\"");

    HttpResponse<String> bad = page.post("/alerts/saved-searches",
        Map.of("target", "solutions", "name", "", "query", "焊缝", "domain", "火星"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"name-error\"").contains("火星");

    assertThat(as(other).post("/alerts/saved-searches/" + id + "/delete", Map.of()).statusCode()).isEqualTo(404);
    HttpResponse<String> deleted = page.post("/alerts/saved-searches/" + id + "/delete", Map.of());
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(api.get("/api/v1/saved-searches", buyer.token()).json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("the alerts page needs a login")
  void needsLogin() {
    HttpResponse<String> r = new PageClient(api.base()).get("/alerts");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElse("")).startsWith("/login");
  }
}
