package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12, item 10 on the pages: CSRF tokens bound to the session, deleted accounts, weak passwords, sign-up limit. */
class PageAuthHardeningTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final HttpClient RAW = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A new buyer account (API registration) and its email. */
  private static String account() {
    String email = "page-hardening" + SEQUENCE.incrementAndGet() + "@example.cn";
    Api.Response r = app.api.post("/api/v1/auth/register", null, new JsonObject().put("email", email)
        .put("password", Api.PASSWORD).put("displayName", "页面测试").put("role", "buyer").put("orgName", "青岛页面测试公司" + email));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return email;
  }

  /** A form post with exactly these cookies and fields, as a forging page or a planted cookie would send it. */
  private static HttpResponse<String> postWith(String path, String cookies, Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    try {
      return RAW.send(HttpRequest.newBuilder(URI.create(app.api.base() + path)).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("an empty CSRF token with an empty cookie, or a token the server did not make, is refused with 403")
  void emptyOrForgedTokenRefused() {
    Map<String, String> login = Map.of("email", "nobody@example.cn", "password", "Whatever#2026", "_csrf", "");
    assertThat(postWith("/login", "sh_csrf=", login).statusCode()).isEqualTo(403);
    Map<String, String> forged = new HashMap<>(login);
    forged.put("_csrf", "made-up");
    assertThat(postWith("/login", "sh_csrf=made-up", forged).statusCode()).isEqualTo(403);
    forged.put("_csrf", "bm9uY2U.c2lnbmF0dXJl");
    assertThat(postWith("/login", "sh_csrf=bm9uY2U.c2lnbmF0dXJl", forged).statusCode()).isEqualTo(403);
    PageClient visitor = new PageClient(app.api.base());
    visitor.get("/login");
    assertThat(visitor.post("/login", Map.of("email", "nobody@example.cn", "password", "Whatever#2026")).statusCode())
        .as("the server's own visitor token passes; the login itself fails").isEqualTo(401);
  }

  @Test
  @DisplayName("a CSRF token is good only for the session it was made for: a visitor's or another session's token is refused")
  void tokenBoundToSession() {
    String email = account();
    PageClient victim = new PageClient(app.api.base()).login(email, Api.PASSWORD);
    PageClient other = new PageClient(app.api.base()).login(email, Api.PASSWORD);
    PageClient visitor = new PageClient(app.api.base());
    visitor.get("/login");
    String session = "sh_session=" + victim.cookie("sh_session");

    String visitorToken = visitor.cookie("sh_csrf");
    assertThat(postWith("/logout", session + "; sh_csrf=" + visitorToken, Map.of("_csrf", visitorToken)).statusCode())
        .isEqualTo(403);
    String othersToken = other.cookie("sh_csrf");
    assertThat(postWith("/logout", session + "; sh_csrf=" + othersToken, Map.of("_csrf", othersToken)).statusCode())
        .isEqualTo(403);
    String ownToken = victim.cookie("sh_csrf");
    assertThat(postWith("/logout", session + "; sh_csrf=" + ownToken, Map.of("_csrf", "")).statusCode())
        .as("the field must repeat the cookie").isEqualTo(403);
    assertThat(victim.get("/workspace").statusCode()).as("still logged in").isEqualTo(200);
    assertThat(postWith("/logout", session + "; sh_csrf=" + ownToken, Map.of("_csrf", ownToken)).statusCode())
        .isEqualTo(303);
  }

  @Test
  @DisplayName("a valid token of a deleted account is a visitor's on pages and 401 on the API")
  void deletedAccountLoggedOut() {
    String email = account();
    PageClient page = new PageClient(app.api.base()).login(email, Api.PASSWORD);
    String token = app.api.login(email, Api.PASSWORD);
    assertThat(page.get("/workspace").statusCode()).isEqualTo(200);
    assertThat(app.api.get("/api/v1/notifications", token).status()).isEqualTo(200);

    long id = app.api.get("/api/v1/auth/me", token).json().getLong("id");
    app.pool().withTransaction(db -> db.preparedQuery("UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1")
        .execute(Tuple.of(id)).compose(done -> db.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(id))))
        .await();

    HttpResponse<String> workspace = page.get("/workspace");
    assertThat(workspace.statusCode()).isEqualTo(303);
    assertThat(workspace.headers().firstValue("Location").orElseThrow()).startsWith("/login");
    assertThat(page.get("/").body()).doesNotContain(email);
    assertThat(app.api.get("/api/v1/notifications", token).status()).isEqualTo(401);
    Api.Response me = app.api.get("/api/v1/auth/me", token);
    assertThat(me.status()).isEqualTo(401);
    assertThat(me.error().getString("message")).contains("账号不存在");
  }

  @Test
  @DisplayName("the register form refuses Password123 with the reason next to the password field and creates no account")
  void weakPasswordOnRegisterForm() {
    PageClient visitor = new PageClient(app.api.base());
    visitor.get("/register");
    HttpResponse<String> r = visitor.post("/register", Map.of("role", "buyer", "orgName", "青岛弱密码测试公司",
        "displayName", "弱密码", "email", "weak-page@example.cn", "password", "Password123"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"password-error\">密码太容易被猜到").contains("value=\"weak-page@example.cn\"");
    assertThat(app.count("SELECT count(*) FROM users WHERE email = 'weak-page@example.cn'")).isZero();
    PageClient english = new PageClient(app.api.base());
    english.get("/register?lang=en");
    assertThat(english.post("/register", Map.of("role", "buyer", "orgName", "青岛弱密码测试公司", "displayName", "weak",
        "email", "weak-page@example.cn", "password", "Password123")).body())
        .contains("id=\"password-error\">This password is too easy to guess");
  }

  @Test
  @DisplayName("the register form over the per-address limit is re-shown with 429, Retry-After and the reason")
  void registerFormLimited() {
    try (TestApp limited = TestApp.start(Map.of("REGISTRATIONS_PER_ADDRESS", "1"))) {
      Map<String, String> form = new HashMap<>(Map.of("role", "buyer", "displayName", "注册者", "password", Api.PASSWORD));
      PageClient first = new PageClient(limited.api.base());
      first.get("/register");
      form.putAll(Map.of("orgName", "青岛限流测试一公司", "email", "limited1@example.cn"));
      assertThat(first.post("/register", form).statusCode()).isEqualTo(303);
      PageClient second = new PageClient(limited.api.base());
      second.get("/register");
      form.putAll(Map.of("orgName", "青岛限流测试二公司", "email", "limited2@example.cn"));
      HttpResponse<String> refused = second.post("/register", form);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body()).contains("注册的账号过多").contains("value=\"limited2@example.cn\"");
    }
  }
}
