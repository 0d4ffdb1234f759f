package cn.qdaipark.scenariohub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.config.SmtpSettings;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.support.TestSmtp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("E-mail while the SMTP server is down")
class MailRetryTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestSmtp smtp;
  private static TestApp app;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    smtp = TestSmtp.down();
    app = TestApp.start(smtp.settings());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    app.close();
    smtp.close();
  }

  private static JsonObject row(long userId) {
    return new JsonObject(app.pool().query("SELECT row_to_json(o)::text AS j FROM email_outbox o WHERE user_id = " + userId)
        .execute().await().iterator().next().getString("j"));
  }

  /** The outbox stamps rows with the database's clock: the test clock must not lag behind it. */
  private static void catchUp() {
    Duration behind = Duration.between(clock.instant(), Instant.now());
    if (!behind.isNegative()) {
      clock.advance(behind.plusSeconds(1));
    }
  }

  private static MailSender sender(int maxAttempts) {
    catchUp();
    SmtpSettings s = app.config().smtp();
    return new MailSender(vertx, app.pool(), new SmtpSettings(s.host(), s.port(), null, null, s.from(), s.starttls(),
        false, maxAttempts, s.pollMs()), clock);
  }

  @Test
  @DisplayName("a refused connection is retried after 30 s, then 1 min, and the e-mail goes out once the server is up")
  void retriedWithBackOff() {
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛重试邮件科技有限公司");
    String email = ChallengeFixtures.email(app, provider);
    new NotificationRepository(Mailing.from(app.config())).notifyUsers(app.pool(), List.of(provider.userId()),
        "application_received", null, "服务器恢复后送达", "", "/workspace").await();
    MailSender sender = sender(8);

    assertThat(sender.sendDue().await()).isZero();
    JsonObject first = row(provider.userId());
    assertThat(first.getInteger("attempts")).isEqualTo(1);
    assertThat(first.getString("status")).isEqualTo("pending");
    assertThat(first.getString("last_error")).isNotBlank();
    // not due again before its back-off
    clock.advance(Duration.ofSeconds(20));
    assertThat(sender.sendDue().await()).isZero();
    assertThat(row(provider.userId()).getInteger("attempts")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(15));
    assertThat(sender.sendDue().await()).isZero();
    assertThat(row(provider.userId()).getInteger("attempts")).isEqualTo(2);
    clock.advance(Duration.ofSeconds(45));
    assertThat(sender.sendDue().await()).isZero();
    assertThat(row(provider.userId()).getInteger("attempts")).isEqualTo(2);

    smtp.up();
    try {
      clock.advance(Duration.ofSeconds(20));
      assertThat(sender.sendDue().await()).isEqualTo(1);
      assertThat(sender.sendDue().await()).isZero();
      assertThat(smtp.to(email)).hasSize(1);
      JsonObject sent = row(provider.userId());
      assertThat(sent.getString("status")).isEqualTo("sent");
      assertThat(sent.getInteger("attempts")).isEqualTo(3);
      assertThat(sent.getString("sent_at")).isNotNull();
    } finally {
      // the client first: closing it says QUIT on its pooled connection, which a stopped server has already closed
      sender.close().await();
      smtp.close();
    }
  }

  @Test
  @DisplayName("after the last attempt an e-mail is failed for good and listed to admins")
  void failsAfterMaxAttempts() {
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛失败邮件集团");
    new NotificationRepository(Mailing.from(app.config())).notifyUsers(app.pool(), List.of(buyer.userId()),
        "join_request", null, "永远送不到", "", "/workspace").await();
    MailSender sender = sender(2);
    sender.sendDue().await();
    clock.advance(Duration.ofMinutes(2));
    sender.sendDue().await();
    clock.advance(Duration.ofHours(2));
    sender.sendDue().await();
    JsonObject failed = row(buyer.userId());
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getInteger("attempts")).isEqualTo(2);

    Api.Response listed = app.api.get("/api/v1/admin/email-outbox?status=failed", app.adminToken());
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("subject")))
        .contains("【智算谷·场景汇】永远送不到");
    assertThat(listed.json().getJsonObject("counts").getLong("failed")).isPositive();
    sender.close().await();
  }

  @Test
  @DisplayName("back-off doubles from 30 s and stops growing at an hour")
  void backOff() {
    assertThat(MailSender.backOff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(MailSender.backOff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(MailSender.backOff(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(MailSender.backOff(9)).isEqualTo(Duration.ofHours(1));
    assertThat(MailSender.backOff(50)).isEqualTo(Duration.ofHours(1));
  }
}
