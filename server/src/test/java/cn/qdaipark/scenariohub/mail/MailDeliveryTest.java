package cn.qdaipark.scenariohub.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.support.TestSmtp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("E-mail delivery of notifications through the outbox")
class MailDeliveryTest {
  private static TestSmtp smtp;
  private static TestApp app;
  private static Api api;
  private static NotificationRepository notifications;

  @BeforeAll
  static void start() {
    smtp = TestSmtp.start();
    app = TestApp.start(smtp.settings());
    api = app.api;
    notifications = new NotificationRepository(Mailing.from(app.config()));
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.close();
  }

  private static void notify(Account who, String kind, String title) {
    notifications.notifyUsers(app.pool(), List.of(who.userId()), kind, null, title, "正文：" + title, "/workspace")
        .await();
  }

  private static long notificationsOf(Account who, String title) {
    return app.count("SELECT count(*) FROM notifications WHERE user_id = " + who.userId() + " AND title = '" + title + "'");
  }

  private static long outboxOf(Account who) {
    return app.count("SELECT count(*) FROM email_outbox WHERE user_id = " + who.userId());
  }

  private static void drain() {
    while (app.app().sendMail().await() > 0) {
      // until nothing due is left
    }
  }

  @Test
  @DisplayName("a notification is e-mailed once, in Chinese, with an absolute link that marks it read")
  void deliveredOnce() throws Exception {
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛邮件送达科技有限公司");
    String email = ChallengeFixtures.email(app, provider);
    notify(provider, "application_received", "收到新的揭榜申报：港口巡检");
    drain();
    drain();

    List<MimeMessage> got = smtp.to(email);
    assertThat(got).hasSize(1);
    MimeMessage mail = got.get(0);
    assertThat(TestSmtp.subject(mail)).isEqualTo("【智算谷·场景汇】收到新的揭榜申报：港口巡检");
    assertThat(mail.getFrom()[0].toString()).isEqualTo(TestSmtp.FROM);
    long id = api.get("/api/v1/notifications", provider.token()).json().getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(TestSmtp.text(mail)).contains("正文：收到新的揭榜申报：港口巡检")
        .contains("https://hub.example.cn/notifications/" + id + "/open");
    assertThat(app.count("SELECT count(*) FROM email_outbox WHERE status = 'sent' AND sent_at IS NOT NULL "
        + "AND attempts = 1 AND notification_id = " + id)).isEqualTo(1);
  }

  @Test
  @DisplayName("each kind follows the person's channel: off writes nothing, in-app no e-mail, e-mail both; unknown kinds mail")
  void channelsPerKind() {
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛通知偏好集团");
    // defaults: alerts in-app only, workflow kinds and kinds missing from the catalogue also by e-mail
    notify(buyer, "standing_match", "默认的匹配提醒");
    assertThat(notificationsOf(buyer, "默认的匹配提醒")).isEqualTo(1);
    assertThat(outboxOf(buyer)).isZero();
    notify(buyer, "some_future_kind", "新功能的通知");
    assertThat(outboxOf(buyer)).isEqualTo(1);

    Api.Response set = api.put("/api/v1/notification-preferences", buyer.token(), new JsonObject().put("kinds",
        new JsonObject().put("standing_match", "off").put("saved_search", "email").put("join_request", "in_app")));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    notify(buyer, "standing_match", "关闭后的匹配提醒");
    notify(buyer, "saved_search", "订阅的新结果");
    notify(buyer, "join_request", "加入申请");
    assertThat(notificationsOf(buyer, "关闭后的匹配提醒")).isZero();
    assertThat(notificationsOf(buyer, "订阅的新结果")).isEqualTo(1);
    assertThat(notificationsOf(buyer, "加入申请")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM email_outbox WHERE user_id = " + buyer.userId()
        + " AND subject LIKE '%订阅的新结果'")).isEqualTo(1);
    assertThat(outboxOf(buyer)).isEqualTo(2);

    JsonObject kinds = byKind(api.get("/api/v1/notification-preferences", buyer.token()).json());
    assertThat(kinds.getJsonObject("standing_match").getString("channel")).isEqualTo("off");
    assertThat(kinds.getJsonObject("application_received").getString("channel")).isEqualTo("email");
    assertThat(kinds.getJsonObject("application_received").getJsonArray("channels").getList())
        .containsExactly("in_app", "email");
  }

  @Test
  @DisplayName("a workflow kind cannot be turned off, an unknown kind or channel is refused, and nothing is changed")
  void refusedPreferences() {
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛拒绝偏好集团");
    Api.Response off = api.put("/api/v1/notification-preferences", buyer.token(), new JsonObject().put("kinds",
        new JsonObject().put("saved_search", "off").put("objection_received", "off")));
    assertThat(off.status()).isEqualTo(400);
    assertThat(off.error().getJsonObject("fields").fieldNames()).containsExactly("kinds.objection_received");
    Api.Response unknown = api.put("/api/v1/notification-preferences", buyer.token(), new JsonObject().put("kinds",
        new JsonObject().put("no_such_kind", "email").put("digest", "weekly")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error().getJsonObject("fields").fieldNames()).containsExactlyInAnyOrder("kinds.no_such_kind",
        "kinds.digest");
    assertThat(app.count("SELECT count(*) FROM notification_preferences WHERE user_id = " + buyer.userId())).isZero();
    assertThat(api.put("/api/v1/notification-preferences", null, new JsonObject().put("kinds", new JsonObject()))
        .status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the daily digest is one e-mail listing the held alerts, and a second run sends no other")
  void digestEmail() {
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛日报邮件科技有限公司");
    String email = ChallengeFixtures.email(app, provider);
    // hour 0: due whenever the test runs
    assertThat(api.put("/api/v1/notification-settings", provider.token(),
        new JsonObject().put("delivery", "daily").put("digestHour", 0)).status()).isEqualTo(200);
    notify(provider, "saved_search", "订阅「港口」有新结果：岸桥远程操控");
    notify(provider, "saved_search", "订阅「港口」有新结果：集装箱识别");
    // alerts of a person on daily delivery are held, not mailed one by one
    app.pool().query("UPDATE notifications SET held = true WHERE user_id = " + provider.userId()).execute().await();
    app.app().sendDigests().await();
    app.app().sendDigests().await();
    drain();

    List<MimeMessage> got = smtp.to(email);
    assertThat(got).hasSize(1);
    assertThat(TestSmtp.subject(got.get(0))).isEqualTo("【智算谷·场景汇】订阅与匹配日报：2 条新消息");
    assertThat(TestSmtp.text(got.get(0))).contains("岸桥远程操控").contains("集装箱识别")
        .contains("https://hub.example.cn/notifications");
    assertThat(api.get("/api/v1/notifications", provider.token()).json().getJsonArray("items").getJsonObject(0)
        .getString("kind")).isEqualTo("digest");
  }

  @Test
  @DisplayName("two senders racing over the same outbox never send one e-mail twice")
  void racingSenders() {
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛并发邮件科技有限公司");
    String email = ChallengeFixtures.email(app, provider);
    int total = 60;
    for (int i = 0; i < total; i++) {
      notify(provider, "application_received", "并发通知 " + i);
    }
    Vertx other = Vertx.vertx();
    try {
      MailSender first = new MailSender(other, app.pool(), app.config().smtp(), Clock.systemUTC());
      MailSender second = new MailSender(other, app.pool(), app.config().smtp(), Clock.systemUTC());
      while (app.count("SELECT count(*) FROM email_outbox WHERE status = 'pending' AND user_id = " + provider.userId()) > 0) {
        Future.all(first.sendDue(), second.sendDue(), app.app().sendMail()).await();
      }
      Future.all(first.close(), second.close()).await();
    } finally {
      other.close().await();
    }
    List<MimeMessage> got = smtp.to(email);
    Set<String> subjects = new HashSet<>();
    got.forEach(m -> subjects.add(TestSmtp.subject(m)));
    assertThat(got).hasSize(total);
    assertThat(subjects).hasSize(total);
  }

  @Test
  @DisplayName("a join request e-mails the organization's members from the registration's transaction; a rollback queues nothing")
  void sameTransaction() {
    Account member = ChallengeFixtures.verified(app, "provider", "青岛事务邮件科技有限公司");
    String email = ChallengeFixtures.email(app, member);
    Api.Response joined = api.post("/api/v1/auth/register", null, new JsonObject().put("email", "newcomer@example.cn")
        .put("password", Api.PASSWORD).put("displayName", "新同事").put("role", "provider")
        .put("orgName", "青岛事务邮件科技有限公司"));
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    drain();
    assertThat(smtp.to(email)).hasSize(1);
    assertThat(TestSmtp.subject(smtp.to(email).get(0))).contains("申请加入青岛事务邮件科技有限公司");

    long before = app.count("SELECT count(*) FROM email_outbox");
    assertThatThrownBy(() -> app.pool().<Void>withTransaction(db -> notifications.notifyOrganizations(db,
            List.of(member.organizationId()), "objection_received", null, "回滚的通知", "", "/workspace")
        .compose(done -> Future.failedFuture(new IllegalStateException("the change failed")))).await())
        .hasMessageContaining("the change failed");
    assertThat(app.count("SELECT count(*) FROM email_outbox")).isEqualTo(before);
    assertThat(app.count("SELECT count(*) FROM notifications WHERE title = '回滚的通知'")).isZero();
  }

  @Test
  @DisplayName("only admins see the outbox")
  void outboxForAdmins() {
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛旁观集团");
    assertThat(api.get("/api/v1/admin/email-outbox", buyer.token()).status()).isEqualTo(403);
    Api.Response r = api.get("/api/v1/admin/email-outbox?status=sent", app.adminToken());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getJsonObject("counts").fieldNames()).contains("pending", "sent", "failed");
  }

  private static JsonObject byKind(JsonObject preferences) {
    Map<String, Object> kinds = new HashMap<>();
    preferences.getJsonArray("kinds").forEach(k -> kinds.put(((JsonObject) k).getString("kind"), k));
    return new JsonObject(kinds);
  }
}
