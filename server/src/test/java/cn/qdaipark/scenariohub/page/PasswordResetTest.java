package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.support.TestSmtp;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Password reset by e-mail")
class PasswordResetTest {
  private static final Pattern LINK = Pattern.compile("https://hub\\.example\\.cn/password-reset/confirm\\?token=([A-Za-z0-9_-]+)");
  private static final String NEW_PASSWORD = "海湾 灯塔 晨跑 绿茶 2026";
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestSmtp smtp;
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    smtp = TestSmtp.start();
    app = TestApp.start(smtp.settings(), true, clock);
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.close();
  }

  private static Api.Response ask(String email) {
    return api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", email));
  }

  private static Api.Response confirm(String token, String password) {
    return api.post("/api/v1/auth/password-reset/confirm", null,
        new JsonObject().put("token", token).put("password", password));
  }

  /** The token of the latest reset e-mail to {@code email}. */
  static String tokenFrom(TestSmtp smtp, String email) {
    List<MimeMessage> got = smtp.to(email);
    assertThat(got).isNotEmpty();
    MimeMessage last = got.get(got.size() - 1);
    assertThat(TestSmtp.subject(last)).isEqualTo("【智算谷·场景汇】重置密码");
    Matcher link = LINK.matcher(TestSmtp.text(last));
    assertThat(link.find()).as(TestSmtp.text(last)).isTrue();
    return link.group(1);
  }

  private static void send() {
    while (app.app().sendMail().await() > 0) {
      // until nothing due is left
    }
  }

  @Test
  @DisplayName("a reset link sets a new password once, and every earlier token and session cookie is refused")
  void happyPath() {
    Account me = ChallengeFixtures.verified(app, "provider", "青岛忘记密码科技有限公司");
    String email = ChallengeFixtures.email(app, me);
    PageClient browser = PageClient.as(app, me);
    assertThat(browser.get("/workspace").statusCode()).isEqualTo(200);

    // e-mails turned off for every kind still leave the reset e-mail its way
    api.put("/api/v1/notification-preferences", me.token(), new JsonObject().put("kinds",
        new JsonObject().put("standing_match", "off").put("digest", "in_app")));
    Api.Response asked = ask(email.toUpperCase());
    assertThat(asked.status()).isEqualTo(202);
    send();
    String token = tokenFrom(smtp, email);
    assertThat(app.count("SELECT count(*) FROM password_resets WHERE token_hash = sha256(convert_to('" + token
        + "', 'UTF8'))")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM password_resets WHERE encode(token_hash, 'escape') LIKE '%" + token
        + "%'")).isZero();
    // the sent e-mail keeps no copy of the link
    assertThat(app.count("SELECT count(*) FROM email_outbox WHERE secret AND (body <> '' OR status <> 'sent') "
        + "AND recipient = '" + email + "'")).isZero();

    assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/auth/me", me.token()).status()).isEqualTo(401);
    HttpResponse<String> stale = browser.get("/workspace");
    assertThat(stale.statusCode()).isEqualTo(303);
    assertThat(stale.headers().firstValue("Location").orElse("")).startsWith("/login");
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", Api.PASSWORD))
        .status()).isEqualTo(401);
    String fresh = api.login(email, NEW_PASSWORD);
    assertThat(api.get("/api/v1/auth/me", fresh).status()).isEqualTo(200);

    Api.Response reused = confirm(token, "另一个 很长的 新密码 组合 99");
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.error().getJsonObject("fields").fieldNames()).containsExactly("token");
    assertThat(api.get("/api/v1/auth/me", fresh).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a link older than 30 minutes is refused; a newer link still works and uses up the others")
  void expiredToken() {
    Account me = ChallengeFixtures.verified(app, "buyer", "青岛过期链接集团");
    String email = ChallengeFixtures.email(app, me);
    ask(email);
    send();
    String old = tokenFrom(smtp, email);
    clock.advance(Duration.ofMinutes(31));
    Api.Response expired = confirm(old, NEW_PASSWORD);
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.error().getJsonObject("fields").getString("token")).contains("过期");
    assertThat(api.get("/api/v1/auth/me", me.token()).status()).isEqualTo(200);

    ask(email);
    ask(email);
    send();
    List<MimeMessage> got = smtp.to(email);
    String second = LINK.matcher(TestSmtp.text(got.get(got.size() - 2))).results().findFirst().orElseThrow().group(1);
    String third = tokenFrom(smtp, email);
    assertThat(confirm(third, NEW_PASSWORD).status()).isEqualTo(204);
    assertThat(confirm(second, "另一个 很长的 新密码 组合 99").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("an unknown e-mail gets the same answer and no e-mail; a malformed one is 400; a fourth request in the hour sends nothing")
  void sameAnswerAndLimits() {
    Account me = ChallengeFixtures.verified(app, "buyer", "青岛频繁重置集团");
    String email = ChallengeFixtures.email(app, me);
    long before = app.count("SELECT count(*) FROM email_outbox");
    Api.Response unknown = ask("nobody-here@example.cn");
    Api.Response known = ask(email);
    assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(202);
    assertThat(unknown.body()).isEqualTo(known.body());
    assertThat(app.count("SELECT count(*) FROM email_outbox")).isEqualTo(before + 1);
    assertThat(ask("not-an-email").status()).isEqualTo(400);

    ask(email);
    ask(email);
    assertThat(ask(email).status()).isEqualTo(202);
    assertThat(app.count("SELECT count(*) FROM email_outbox WHERE user_id = " + me.userId())).isEqualTo(3);
  }

  @Test
  @DisplayName("a weak new password is refused next to the field, and the link stays usable")
  void weakPassword() {
    Account me = ChallengeFixtures.verified(app, "provider", "青岛弱密码科技有限公司");
    String email = ChallengeFixtures.email(app, me);
    ask(email);
    send();
    String token = tokenFrom(smtp, email);
    Api.Response weak = confirm(token, "password123");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.error().getJsonObject("fields").fieldNames()).containsExactly("password");
    assertThat(confirm(token, "short").error().getJsonObject("fields").getString("password")).contains("至少 10 位");

    PageClient page = new PageClient(api.base());
    assertThat(page.get("/login").body()).contains("href=\"/password-reset\"");
    HttpResponse<String> form = page.get("/password-reset/confirm?token=" + token);
    assertThat(form.body()).contains("value=\"" + token + "\"");
    HttpResponse<String> refused = page.post("/password-reset/confirm", Map.of("token", token, "password", "qwertyuiop1"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"password-error\"").contains("密码太容易被猜到");
    HttpResponse<String> done = page.post("/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD));
    assertThat(done.headers().firstValue("Location")).hasValue("/login?notice=password_reset_done");
    HttpResponse<String> again = page.post("/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("id=\"token-error\"");
  }

  @Test
  @DisplayName("the request form answers the same sentence for a known and an unknown e-mail")
  void requestForm() {
    Account me = ChallengeFixtures.verified(app, "buyer", "青岛表单重置集团");
    PageClient page = new PageClient(api.base());
    page.get("/password-reset");
    HttpResponse<String> known = page.post("/password-reset", Map.of("email", ChallengeFixtures.email(app, me)));
    HttpResponse<String> unknown = page.post("/password-reset", Map.of("email", "nobody@example.cn"));
    assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
    assertThat(known.body()).contains("如果该邮箱已注册，我们已发送重置链接");
    assertThat(unknown.body()).contains("如果该邮箱已注册，我们已发送重置链接");
    assertThat(page.post("/password-reset", Map.of("email", "bad")).body()).contains("id=\"email-error\"");
  }
}
