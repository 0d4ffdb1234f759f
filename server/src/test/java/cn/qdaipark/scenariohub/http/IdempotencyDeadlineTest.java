package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdempotencyDeadlineTest {
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @DisplayName("a create answered 503 by its deadline but committed later: the retry with its key gets the late answer, "
      + "and the record exists once")
  void retryAfterTheDeadlineGetsTheLateAnswer() throws Exception {
    try (TestApp app = TestApp.start(Map.of("REQUEST_TIMEOUT_MS", "800"))) {
      Account provider = ChallengeFixtures.verified(app, "provider", "青岛超时重试科技有限公司");
      String key = UUID.randomUUID().toString();
      JsonObject solution = Fixtures.solution("超时后提交的方案");
      HttpResponse<String> first;
      try (Connection lock = app.jdbc()) {
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
          s.execute("LOCK TABLE solutions IN ACCESS EXCLUSIVE MODE");
        }
        first = post(app, provider.token(), solution, key);
        HttpResponse<String> whileRunning = post(app, provider.token(), solution, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        assertThat(whileRunning.statusCode()).as(whileRunning.body()).isEqualTo(409);
        lock.commit();
      }
      HttpResponse<String> retry = post(app, provider.token(), solution, key);
      for (int i = 0; i < 50 && retry.statusCode() == 409; i++) {
        Thread.sleep(100);
        retry = post(app, provider.token(), solution, key);
      }

      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
      assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
      long id = new JsonObject(retry.body()).getLong("id");
      assertThat(app.count("SELECT count(*) FROM solutions WHERE title = '超时后提交的方案'")).isEqualTo(1);
      assertThat(app.count("SELECT min(id) FROM solutions WHERE title = '超时后提交的方案'")).isEqualTo(id);
    }
  }

  private static HttpResponse<String> post(TestApp app, String token, JsonObject body, String key) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.api.base() + "/api/v1/solutions"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }
}
