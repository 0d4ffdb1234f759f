package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12, item 7: wrong-password logins sent in parallel, and the owner logging in from elsewhere meanwhile. */
class LoginConcurrencyTest {
  private static final String EMAIL = "hammered@example.cn";
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    assertThat(app.api.post("/api/v1/auth/register", null, new JsonObject().put("email", EMAIL).put("password", Api.PASSWORD)
        .put("displayName", "被攻击的账号").put("role", "buyer").put("orgName", "青岛被攻击科技有限公司")).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("40 parallel wrong guesses: at most LOGIN_MAX_FAILURES (5) are checked, the rest are 429; the owner at another address still logs in")
  void parallelGuesses() throws Exception {
    JsonObject wrong = new JsonObject().put("email", EMAIL).put("password", "Wrong#Guess-2026");
    ExecutorService pool = Executors.newFixedThreadPool(40);
    List<Future<Api.Response>> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        sent.add(pool.submit(() -> app.api.post("/api/v1/auth/login", null, wrong)));
      }
      int checked = 0;
      int refused = 0;
      for (Future<Api.Response> f : sent) {
        Api.Response r = f.get();
        if (r.status() == 401) {
          checked++;
        } else {
          assertThat(r.status()).as(r.body()).isEqualTo(429);
          assertThat(r.headers().firstValue("Retry-After")).isPresent();
          refused++;
        }
      }
      System.out.printf("40 parallel wrong guesses: %d evaluated (401), %d refused (429)%n", checked, refused);
      assertThat(checked).isBetween(1, 5);
      assertThat(checked + refused).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }

    Api.Response attacker = app.api.post("/api/v1/auth/login", null, new JsonObject().put("email", EMAIL).put("password", Api.PASSWORD));
    assertThat(attacker.status()).as("even the right password waits at the hammering address").isEqualTo(429);
    FromAddress.Response owner = FromAddress.post("127.0.0.2", app.api.base(), "/api/v1/auth/login", "application/json",
        new JsonObject().put("email", EMAIL).put("password", Api.PASSWORD).encode());
    assertThat(owner.status()).as(owner.body()).isEqualTo(200);
    assertThat(new JsonObject(owner.body()).getString("token")).isNotBlank();
  }
}
