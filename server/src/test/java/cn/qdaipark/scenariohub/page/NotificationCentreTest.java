package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.mail.Mailing;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bell, the notifications page and API, and the per-kind settings; e-mail is off in this app (no SMTP_HOST). */
@DisplayName("The notification centre")
class NotificationCentreTest {
  private static TestApp app;
  private static Api api;
  private static NotificationRepository notifications;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    notifications = new NotificationRepository(Mailing.from(app.config()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static void notify(Account who, String title, String link) {
    notifications.notifyUsers(app.pool(), List.of(who.userId()), "application_received", null, title, "", link).await();
  }

  private static JsonArray items(Account who) {
    return api.get("/api/v1/notifications", who.token()).json().getJsonArray("items");
  }

  private static int unread(Account who) {
    return api.get("/api/v1/notifications", who.token()).json().getInteger("unreadCount");
  }

  @Test
  @DisplayName("the bell counts unread notifications on every page; one or all are marked read, never another person's")
  void bellAndMarkRead() {
    Account me = ChallengeFixtures.verified(app, "provider", "青岛铃铛科技有限公司");
    Account other = ChallengeFixtures.verified(app, "provider", "青岛别人科技有限公司");
    notify(me, "第一条", "/workspace");
    notify(me, "第二条", "/workspace");
    notify(me, "第三条", "/workspace");
    PageClient page = PageClient.as(app, me);
    for (String path : List.of("/", "/workspace", "/solutions", "/alerts")) {
      assertThat(page.get(path).body()).as(path).contains("id=\"unread-count\">3<");
    }
    assertThat(unread(me)).isEqualTo(3);
    long newest = items(me).getJsonObject(0).getLong("id");
    assertThat(items(me).getJsonObject(0).getString("title")).isEqualTo("第三条");

    Api.Response foreign = api.post("/api/v1/notifications/" + newest + "/read", other.token(), null);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(page.get("/notifications/" + newest + "/open").statusCode()).isEqualTo(303);
    assertThat(PageClient.as(app, other).post("/notifications/" + newest + "/read", Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(PageClient.as(app, other).get("/notifications/" + newest + "/open").statusCode()).isEqualTo(404);
    assertThat(unread(me)).isEqualTo(2);

    long oldest = items(me).getJsonObject(2).getLong("id");
    assertThat(api.post("/api/v1/notifications/" + oldest + "/read", me.token(), null).status()).isEqualTo(200);
    assertThat(unread(me)).isEqualTo(1);
    assertThat(api.post("/api/v1/notifications/read-all", other.token(), null).json().getInteger("marked")).isZero();
    assertThat(unread(me)).isEqualTo(1);
    assertThat(api.post("/api/v1/notifications/read-all", me.token(), null).json().getInteger("marked")).isEqualTo(1);
    assertThat(unread(me)).isZero();
    assertThat(page.get("/workspace").body()).contains("id=\"bell\"").doesNotContain("unread-count");
    assertThat(api.post("/api/v1/notifications/read-all", null, null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the notifications page lists newest first with the unread highlighted; opening one reads it and follows its link")
  void notificationsPage() {
    Account me = ChallengeFixtures.verified(app, "buyer", "青岛通知页面集团");
    notify(me, "较早的通知", "/alerts");
    notify(me, "较新的通知", "/workspace");
    PageClient page = PageClient.as(app, me);
    String html = page.get("/notifications").body();
    assertThat(html.indexOf("较新的通知")).isLessThan(html.indexOf("较早的通知"));
    assertThat(html).contains("class=\"unread\"").contains("id=\"mark-all-read\"");
    long older = items(me).getJsonObject(1).getLong("id");

    HttpResponse<String> opened = page.get("/notifications/" + older + "/open");
    assertThat(opened.statusCode()).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location")).hasValue("/alerts");
    assertThat(items(me).getJsonObject(1).getBoolean("read")).isTrue();
    assertThat(items(me).getJsonObject(0).getBoolean("read")).isFalse();

    assertThat(page.postRaw("/notifications/read-all", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
    HttpResponse<String> all = page.post("/notifications/read-all", Map.of());
    assertThat(all.headers().firstValue("Location")).hasValue("/notifications?notice=notifications_all_read");
    assertThat(unread(me)).isZero();
    assertThat(page.get("/notifications").body()).doesNotContain("class=\"unread\"");
    assertThat(new PageClient(api.base()).get("/notifications").headers().firstValue("Location").orElse(""))
        .startsWith("/login");
    // the alerts page no longer lists notifications: it links here
    assertThat(page.get("/alerts").body()).contains("href=\"/notifications\"").doesNotContain("较新的通知");
  }

  @Test
  @DisplayName("the settings page saves a channel per kind, and refuses to turn a workflow kind off")
  void settingsPage() {
    Account me = ChallengeFixtures.verified(app, "provider", "青岛设置页面科技有限公司");
    PageClient page = PageClient.as(app, me);
    String form = page.get("/notifications/settings").body();
    assertThat(form).contains("name=\"standing_match\" value=\"off\"")
        .doesNotContain("name=\"objection_received\" value=\"off\"");
    HttpResponse<String> saved = page.post("/notifications/settings", Map.of("standing_match", "off",
        "application_received", "in_app"));
    assertThat(saved.statusCode()).isEqualTo(303);
    JsonArray kinds = api.get("/api/v1/notification-preferences", me.token()).json().getJsonArray("kinds");
    assertThat(kinds.stream().map(JsonObject.class::cast).filter(k -> k.getString("kind").equals("standing_match"))
        .findFirst().orElseThrow().getString("channel")).isEqualTo("off");
    HttpResponse<String> refused = page.post("/notifications/settings", Map.of("objection_received", "off"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("class=\"alert\"");
  }

  @Test
  @DisplayName("a page still renders, without the count, when the count cannot be read in time")
  void bellNeverFailsThePage() throws Exception {
    Account me = ChallengeFixtures.verified(app, "buyer", "青岛慢数据库集团");
    notify(me, "有一条", "/workspace");
    PageClient page = PageClient.as(app, me);
    try (Connection jdbc = app.jdbc(); Statement lock = jdbc.createStatement()) {
      jdbc.setAutoCommit(false);
      lock.execute("LOCK TABLE notifications IN ACCESS EXCLUSIVE MODE");
      HttpResponse<String> shown = page.get("/stats");
      assertThat(shown.statusCode()).isEqualTo(200);
      assertThat(shown.body()).contains("id=\"bell\"").doesNotContain("unread-count");
      jdbc.rollback();
    }
    assertThat(page.get("/stats").body()).contains("id=\"unread-count\">1<");
  }

  @Test
  @DisplayName("with e-mail off nothing is queued, and a reset request answers the same")
  void mailOff() {
    Account me = ChallengeFixtures.verified(app, "buyer", "青岛无邮件集团");
    notify(me, "不发邮件", "/workspace");
    Api.Response reset = api.post("/api/v1/auth/password-reset", null,
        new JsonObject().put("email", ChallengeFixtures.email(app, me)));
    assertThat(reset.status()).isEqualTo(202);
    assertThat(reset.body()).isEmpty();
    assertThat(app.count("SELECT count(*) FROM email_outbox")).isZero();
    assertThat(app.count("SELECT count(*) FROM password_resets")).isZero();
  }
}
