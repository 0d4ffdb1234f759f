package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthApiTest {
  private static TestApp app;
  private static Api api;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("LOGIN_MAX_FAILURES", "3"));
    api = app.api;
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  private static JsonObject registration(String email) {
    return new JsonObject().put("email", email).put("password", "Str0ng#Password").put("displayName", "王工")
        .put("role", "provider").put("orgName", "青岛测试智能科技有限公司");
  }

  private String forge(String secret, JsonObject claims, JWTOptions options) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return jwt.generateToken(claims, options.setAlgorithm("HS256"));
  }

  private JsonObject adminClaims() {
    return new JsonObject().put("sub", "1").put("role", "admin").put("jti", UUID.randomUUID().toString());
  }

  @Test
  @DisplayName("a registered user logs in, sees itself, logs out, and the old token is refused")
  void registerLoginLogout() {
    Api.Response reg = api.post("/api/v1/auth/register", null, registration("wang@example.cn"));
    assertThat(reg.status()).isEqualTo(201);
    assertThat(reg.json().getString("role")).isEqualTo("provider");
    assertThat(reg.body()).doesNotContain("Str0ng#Password").doesNotContain("argon2");

    Api.Response login = api.post("/api/v1/auth/login", null, new JsonObject().put("email", "WANG@example.cn").put("password", "Str0ng#Password"));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().getInteger("expiresIn")).isPositive();
    String token = login.json().getString("token");

    assertThat(api.get("/api/v1/auth/me", token).json().getString("email")).isEqualTo("wang@example.cn");
    assertThat(api.post("/api/v1/auth/logout", token, null).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("registering the same email twice answers 409 naming the field")
  void duplicateEmail() {
    api.post("/api/v1/auth/register", null, registration("dup@example.cn"));
    Api.Response again = api.post("/api/v1/auth/register", null, registration("Dup@example.cn"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error().getJsonObject("fields").getString("email")).isNotBlank();
  }

  @Test
  @DisplayName("registration names every bad field: email, weak password, role, credit code")
  void registrationValidation() {
    Api.Response r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", "not-an-email")
        .put("password", "short").put("displayName", "").put("role", "admin").put("orgName", "某公司")
        .put("creditCode", "91370212MA3C0000X0"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getString("code")).isEqualTo("validation_failed");
    assertThat(r.error().getJsonObject("fields").fieldNames())
        .contains("email", "password", "displayName", "role", "creditCode");
  }

  @Test
  @DisplayName("a wrong password is 401 and repeated failures are rate limited with 429 and Retry-After")
  void loginThrottled() {
    api.post("/api/v1/auth/register", null, registration("throttle@example.cn"));
    JsonObject wrong = new JsonObject().put("email", "throttle@example.cn").put("password", "Wrong#Password1");
    for (int i = 0; i < 3; i++) {
      assertThat(api.post("/api/v1/auth/login", null, wrong).status()).isEqualTo(401);
    }
    Api.Response limited = api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "throttle@example.cn").put("password", "Str0ng#Password"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  @DisplayName("a token with a changed payload is refused")
  void tamperedToken() {
    String token = api.login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    String[] parts = token.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"admin\"", "\"buyer\"");
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    assertThat(api.get("/api/v1/auth/me", tampered).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a token without exp is refused even when correctly signed")
  void tokenWithoutExpiry() {
    String token = forge(TestApp.JWT_SECRET, adminClaims(),
        new JWTOptions().setIssuer("scenariohub").setAudience(List.of("scenariohub-api")));
    assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("an expired token is refused")
  void expiredToken() {
    long past = System.currentTimeMillis() / 1000 - 3600;
    String token = forge(TestApp.JWT_SECRET, adminClaims().put("exp", past).put("iat", past - 60),
        new JWTOptions().setIssuer("scenariohub").setAudience(List.of("scenariohub-api")).setNoTimestamp(true));
    assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("a token signed with another key, or for another issuer or audience, is refused")
  void foreignTokens() {
    JWTOptions ok = new JWTOptions().setIssuer("scenariohub").setAudience(List.of("scenariohub-api")).setExpiresInSeconds(600);
    assertThat(api.get("/api/v1/auth/me", forge("another-secret-0123456789-abcdefghijklmnop", adminClaims(), ok)).status()).isEqualTo(401);
    JWTOptions wrongIssuer = new JWTOptions().setIssuer("someone-else").setAudience(List.of("scenariohub-api")).setExpiresInSeconds(600);
    assertThat(api.get("/api/v1/auth/me", forge(TestApp.JWT_SECRET, adminClaims(), wrongIssuer)).status()).isEqualTo(401);
    JWTOptions wrongAudience = new JWTOptions().setIssuer("scenariohub").setAudience(List.of("other-api")).setExpiresInSeconds(600);
    assertThat(api.get("/api/v1/auth/me", forge(TestApp.JWT_SECRET, adminClaims(), wrongAudience)).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", "not.a.token").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the stored password is an Argon2id hash, never the password itself")
  void passwordIsHashed() {
    api.post("/api/v1/auth/register", null, registration("hash@example.cn"));
    String hash = app.pool().query("SELECT password_hash FROM users WHERE email = 'hash@example.cn'").execute().await()
        .iterator().next().getString(0);
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("Str0ng#Password");
  }
}
