package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12, item 10: registrations are limited per client address (here 3 an hour). */
class RegistrationLimitTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("REGISTRATIONS_PER_ADDRESS", "3", "REGISTRATION_WINDOW_SECONDS", "3600"), true, clock);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject newAccount() {
    int n = SEQUENCE.incrementAndGet();
    return new JsonObject().put("email", "signup" + n + "@example.cn").put("password", Api.PASSWORD)
        .put("displayName", "注册者").put("role", "buyer").put("orgName", "青岛注册测试公司" + n);
  }

  @Test
  @DisplayName("the fourth registration from one address within the hour is 429 with Retry-After; other addresses and the next hour may register")
  void limitedPerAddress() {
    for (int i = 0; i < 3; i++) {
      assertThat(app.api.post("/api/v1/auth/register", null, newAccount()).status()).isEqualTo(201);
    }
    Api.Response refused = app.api.post("/api/v1/auth/register", null, newAccount());
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.error().getString("message")).contains("注册的账号过多");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500L, 3600L);
    assertThat(app.count("SELECT count(*) FROM users WHERE email LIKE 'signup%'")).isEqualTo(3);

    FromAddress.Response elsewhere = FromAddress.post("127.0.0.3", app.api.base(), "/api/v1/auth/register",
        "application/json", newAccount().encode());
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);

    clock.advance(Duration.ofHours(1));
    assertThat(app.api.post("/api/v1/auth/register", null, newAccount()).status()).isEqualTo(201);
  }
}
