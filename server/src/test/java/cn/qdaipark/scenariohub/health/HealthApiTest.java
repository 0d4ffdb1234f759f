package cn.qdaipark.scenariohub.health;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthApiTest {
  private static final int DB_TIMEOUT_MS = 300;
  /** What a loaded test machine may add to the timeout; far below the stall itself. */
  private static final long SLACK_MS = 1500;

  private record Timed(Api.Response response, long millis) {
  }

  private static Timed timed(TestApp app, String path) {
    long start = System.nanoTime();
    Api.Response response = app.api.get(path, null);
    return new Timed(response, (System.nanoTime() - start) / 1_000_000);
  }

  /** Stops (SIGSTOP) or resumes (SIGCONT) the postmaster and every backend: PostgreSQL stalls, its sockets stay open. */
  private static void signal(Path dataDir, String signal) throws IOException, InterruptedException {
    long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    ProcessHandle.of(postmaster).stream()
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .forEach(p -> command.add(Long.toString(p.pid())));
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }

  @Test
  @DisplayName("with the database and the index ready, live, ready and the combined view answer 200")
  void allUp() {
    try (TestApp app = TestApp.start()) {
      Api.Response live = app.api.get("/health/live", null);
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.json().getString("status")).isEqualTo("up");

      Api.Response ready = app.api.get("/health/ready", null);
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().getString("status")).isEqualTo("ready");
      assertThat(ready.json().containsKey("reasons")).isFalse();
      assertThat(ready.json().getJsonObject("database").getString("status")).isEqualTo("up");
      assertThat(ready.json().getJsonObject("index").getString("status")).isEqualTo("ready");

      assertThat(app.api.get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("with PostgreSQL stalled, live answers at once and ready and the combined view answer 503 within the "
      + "database timeout; with PostgreSQL gone, ready answers 503 too, and 200 again once it is back")
  void databaseStalledOrGone() throws Exception {
    Path dir = Files.createTempDirectory("health-pg");
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
    int port = pg.getPort();
    Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    try (TestApp app = TestApp.start(Map.of("PG_URL", "postgresql://postgres:postgres@localhost:" + port + "/postgres",
        "HEALTH_DB_TIMEOUT_MS", Integer.toString(DB_TIMEOUT_MS)))) {
      assertThat(app.api.get("/health/ready", null).status()).isEqualTo(200);

      signal(dir, "STOP");
      try {
        for (int probe = 0; probe < 3; probe++) {
          Timed ready = timed(app, "/health/ready");
          assertThat(ready.response().status()).isEqualTo(503);
          assertThat(ready.millis()).isLessThan(DB_TIMEOUT_MS + SLACK_MS);
          assertThat(ready.response().json().getString("status")).isEqualTo("unready");
          assertThat(ready.response().json().getJsonArray("reasons").encode())
              .contains("database: no answer within " + DB_TIMEOUT_MS + " ms");

          Timed combined = timed(app, "/health");
          assertThat(combined.response().status()).isEqualTo(503);
          assertThat(combined.millis()).isLessThan(DB_TIMEOUT_MS + SLACK_MS);
          assertThat(combined.response().json().getJsonObject("database").getString("status")).isEqualTo("down");

          Timed live = timed(app, "/health/live");
          assertThat(live.response().status()).isEqualTo(200);
          assertThat(live.millis()).isLessThan(SLACK_MS);
        }
      } finally {
        signal(dir, "CONT");
      }
      Eventually.within(Duration.ofSeconds(10), () -> app.api.get("/health/ready", null).status() == 200);

      pg.close();
      Timed ready = timed(app, "/health/ready");
      assertThat(ready.response().status()).isEqualTo(503);
      assertThat(ready.millis()).isLessThan(DB_TIMEOUT_MS + SLACK_MS);
      assertThat(ready.response().json().getJsonObject("database").getString("status")).isEqualTo("down");
      assertThat(app.api.get("/health/live", null).status()).isEqualTo(200);

      pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
      Eventually.within(Duration.ofSeconds(20), () -> app.api.get("/health/ready", null).status() == 200);
    } finally {
      pg.close();
    }
  }
}
