package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12, item 10: weak passwords such as Password123 are refused, with the reason next to the field. */
class PasswordStrengthTest {
  private static final PasswordPolicy POLICY = new PasswordPolicy();
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Api.Response register(String email, String password) {
    return app.api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", password)
        .put("displayName", "王晓明").put("role", "provider").put("orgName", "青岛强密码科技有限公司"));
  }

  @Test
  @DisplayName("Password123, keyboard runs, words with a year and the account's own name are refused with 400 on fields.password")
  void guessablePasswordsRefused() {
    for (String weak : List.of("Password123", "Qwerty123456", "Password2026!", "Wangxiaoming2026", "1234567890ab")) {
      Api.Response r = register("wangxiaoming@example.cn", weak);
      assertThat(r.status()).as(weak).isEqualTo(400);
      assertThat(r.error().getJsonObject("fields").getString("password")).as(weak).contains("密码太容易被猜到");
    }
    assertThat(app.count("SELECT count(*) FROM users WHERE email = 'wangxiaoming@example.cn'")).isZero();
  }

  @Test
  @DisplayName("a password under 10 characters is refused for its length, before any estimate")
  void shortPasswordRefused() {
    Api.Response r = register("short@example.cn", "Xk#9vQ2!m");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getJsonObject("fields").getString("password")).isEqualTo("密码至少 10 位");
  }

  @Test
  @DisplayName("a password with a NUL, another control or a bidi character is refused: it could not be typed again")
  void unprintablePasswordRefused() {
    for (String unprintable : List.of("长长的口令内容\u0000长长的口令内容", "长长的口令内容\u001B长长的口令内容",
        "长长的口令内容\u202E长长的口令内容")) {
      Api.Response r = register("unprintable@example.cn", unprintable);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error().getJsonObject("fields").getString("password")).contains("含有");
    }
    assertThat(app.count("SELECT count(*) FROM users WHERE email = 'unprintable@example.cn'")).isZero();
  }

  @Test
  @DisplayName("a long passphrase without symbols or capitals is accepted: the estimate, not character classes, decides")
  void passphraseAccepted() {
    assertThat(register("phrase@example.cn", "violet harbour tractor seven").status()).isEqualTo(201);
  }

  @Test
  @DisplayName("a weak ADMIN_PASSWORD fails the first start instead of creating an admin anyone can guess")
  void weakAdminPasswordRefused() {
    for (String weak : List.of("Password123", "admin")) {
      assertThatThrownBy(() -> TestApp.start(Map.of("ADMIN_PASSWORD", weak))).as(weak)
          .hasRootCauseMessage("ADMIN_PASSWORD is too weak for the first admin: at least 10 characters and hard to guess "
              + "(a zxcvbn score of 3 or more); choose another or leave it unset to have one generated");
    }
  }

  @Test
  @DisplayName("no demo account ships with a password; the generated passwords and the test fixtures pass the policy")
  void shippedPasswordsPass() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/demo/accounts.json")) {
      JsonArray demo = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(demo).isNotEmpty();
      for (Object account : demo) {
        JsonObject a = (JsonObject) account;
        assertThat(a.containsKey("password")).as(a.getString("email")).isFalse();
        assertThat(POLICY.guessable(TestApp.DEMO_PASSWORD, List.of(a.getString("email")))).isFalse();
      }
    }
    for (int i = 0; i < 20; i++) {
      assertThat(POLICY.guessable(RandomPassword.generate(), List.of("admin@localhost"))).isFalse();
    }
    for (String fixture : List.of(Api.PASSWORD, TestApp.ADMIN_PASSWORD, "Browser#Test2026")) {
      assertThat(PasswordPolicy.formProblem(fixture)).as(fixture).isNull();
      assertThat(POLICY.guessable(fixture, List.of())).as(fixture).isFalse();
    }
  }
}
