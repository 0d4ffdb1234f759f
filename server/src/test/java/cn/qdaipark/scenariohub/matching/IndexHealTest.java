package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndexHealTest {

  /** The published solutions search finds, as (id → title); empty while search answers 503. */
  private static Map<Long, String> searchable(TestApp app) {
    var response = app.api.get("/api/v1/search?sort=newest&pageSize=100", null);
    Map<Long, String> found = new HashMap<>();
    if (response.status() == 200) {
      response.json().getJsonArray("items").stream().map(JsonObject.class::cast)
          .forEach(item -> found.put(item.getLong("id"), item.getString("title")));
    }
    return found;
  }

  private static long create(TestApp app, String token, String title) {
    var created = app.api.post("/api/v1/solutions", token, Fixtures.solution(title));
    assertThat(created.status()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static double counter(PrometheusMeterRegistry metrics, String name) {
    FunctionCounter counter = metrics.find(name).functionCounter();
    return counter == null ? 0 : counter.count();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  @DisplayName("an index directory deleted under the running server turns readiness to 503 with the reason, "
      + "then the server rebuilds it by itself and finds every record, old and new")
  void deletedIndexHeals() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (TestApp app = TestApp.start(Map.of("INDEX_HEAL_AFTER_MS", "3000"), metrics)) {
      String provider = Fixtures.verifiedAccount(app, "heal@example.cn", "provider", "青岛自愈测试科技有限公司", "91370211MA3CHL001");
      Set<Long> before = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        before.add(create(app, provider, "删除之前的方案" + i));
      }
      Eventually.within(Duration.ofSeconds(20), () -> searchable(app).keySet().equals(before));
      assertThat(app.api.get("/health/ready", null).status()).isEqualTo(200);

      long deletedAt = System.nanoTime();
      deleteTree(app.dataDir().resolve("index"));
      Set<Long> all = new HashSet<>(before);
      for (int i = 0; i < 3; i++) {
        all.add(create(app, provider, "删除之后的方案" + i));
      }

      Eventually.within(Duration.ofSeconds(15), () -> app.api.get("/health/ready", null).status() == 503);
      JsonObject unready = app.api.get("/health/ready", null).json();
      assertThat(unready.getJsonArray("reasons").encode()).containsAnyOf("index failing: applying the outbox failed",
          "index rebuilding");
      assertThat(counter(metrics, "scenariohub.index.apply.failures")).isGreaterThanOrEqualTo(3);

      Eventually.within(Duration.ofSeconds(60), () -> app.api.get("/health/ready", null).status() == 200);
      assertThat(searchable(app).keySet()).isEqualTo(all);
      long healedInMs = (System.nanoTime() - deletedAt) / 1_000_000;
      assertThat(counter(metrics, "scenariohub.index.heals")).isEqualTo(1);
      assertThat(metrics.find("scenariohub.index.state").tag("state", "ready").gauge().value()).isEqualTo(1);
      assertThat(metrics.find("scenariohub.index.outbox.lag").gauge().value()).isZero();
      assertThat(app.api.get("/health", null).json().getJsonObject("index").getString("status")).isEqualTo("ready");
      System.out.println("index deleted -> every record searchable again: " + healedInMs + " ms");
    }
  }

  @Test
  @DisplayName("while the sync is failing readiness gives the reason, and searches still answer from the index")
  void failingStillSearches() throws Exception {
    try (TestApp app = TestApp.start(Map.of("INDEX_HEAL_AFTER_MS", "8000"))) {
      String provider = Fixtures.verifiedAccount(app, "stale@example.cn", "provider", "青岛陈旧测试科技有限公司", "91370211MA3CKT001");
      long indexed = create(app, provider, "仍可检索的方案");
      Eventually.within(Duration.ofSeconds(20), () -> searchable(app).containsKey(indexed));

      deleteTree(app.dataDir().resolve("index"));
      long notYet = create(app, provider, "暂未收录的方案");

      Eventually.within(Duration.ofSeconds(15), () -> app.api.get("/health/ready", null).status() == 503);
      JsonObject index = app.api.get("/health", null).json().getJsonObject("index");
      assertThat(index.getString("status")).isEqualTo("failing");
      assertThat(index.getString("error")).contains("NoSuchFile");
      assertThat(index.getLong("outboxLag")).isPositive();
      assertThat(searchable(app)).containsKey(indexed).doesNotContainKey(notYet);
      Eventually.within(Duration.ofSeconds(60), () -> searchable(app).containsKey(notYet));
    }
  }

  @Test
  @DisplayName("a change PostgreSQL fails to load for the index is applied once it loads again, not skipped")
  void failedBatchReadAgain() {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (TestApp app = TestApp.start(Map.of(), metrics)) {
      String provider = Fixtures.verifiedAccount(app, "retry@example.cn", "provider", "青岛重试测试科技有限公司", "91370211MA3CRT001");
      long id = create(app, provider, "原来的标题");
      Eventually.within(Duration.ofSeconds(20), () -> "原来的标题".equals(searchable(app).get(id)));

      // The outbox row is committed, but loading the solution fails until the table has its name back.
      app.pool().withTransaction(tx -> tx.query("UPDATE solutions SET title = '改过的标题' WHERE id = " + id).execute()
          .compose(done -> tx.query("ALTER TABLE solutions RENAME TO solutions_away").execute())).await();
      try {
        Eventually.within(Duration.ofSeconds(20), () -> counter(metrics, "scenariohub.index.apply.failures") >= 2);
      } finally {
        app.pool().query("ALTER TABLE solutions_away RENAME TO solutions").execute().await();
      }

      Eventually.within(Duration.ofSeconds(20), () -> "改过的标题".equals(searchable(app).get(id)));
      assertThat(counter(metrics, "scenariohub.index.heals")).as("a database failure is not cured by a rebuild").isZero();
      Eventually.within(Duration.ofSeconds(10), () -> app.api.get("/health/ready", null).status() == 200);
    }
  }
}
