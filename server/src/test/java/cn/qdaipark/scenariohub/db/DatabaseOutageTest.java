package cn.qdaipark.scenariohub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.support.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  @Test
  @DisplayName("an unreachable PostgreSQL at startup is reported clearly")
  void unreachableAtStartup() {
    AppConfig config = AppConfig.from(Map.of("PG_URL", "postgresql://nobody:secret@127.0.0.1:1/nothing"));
    assertThatThrownBy(() -> Database.open(config).migrate())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("127.0.0.1:1/nothing")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("when PostgreSQL goes away requests answer 503, and the server recovers when it comes back")
  void outageAndRecovery() throws Exception {
    Path dir = Files.createTempDirectory("outage-pg");
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
    int port = pg.getPort();
    Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    try (TestApp app = TestApp.start(Map.of("PG_URL", "postgresql://postgres:postgres@localhost:" + port + "/postgres"))) {
      assertThat(app.api.get("/api/v1/solutions", null).status()).isEqualTo(200);

      pg.close();
      var down = app.api.get("/api/v1/solutions", null);
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.error().getString("code")).isEqualTo("unavailable");
      assertThat(app.api.get("/health", null).status()).isEqualTo(503);

      pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      int status = 0;
      while (System.nanoTime() < deadline && status != 200) {
        status = app.api.get("/api/v1/solutions", null).status();
        Thread.sleep(200);
      }
      assertThat(status).isEqualTo(200);
    } finally {
      pg.close();
    }
  }
}
