package cn.qdaipark.scenariohub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.config.AppConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LegacyDataDirectoryTest {

  @Test
  @DisplayName("a data directory of an earlier version (trust, tables of the superuser) keeps its data and loses the trust")
  void convertsLegacyDirectory() throws Exception {
    Path dataDir = Files.createTempDirectory("legacy-data");
    try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("pg"))
        .setCleanDataDirectory(false).start()) {
      Flyway.configure().dataSource(legacy.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
      try (Connection c = legacy.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO organizations (name, kind) VALUES ('青岛旧版数据科技有限公司', 'provider')");
      }
    }

    try (Database database = Database.open(AppConfig.from(Map.of("DATA_DIR", dataDir.toString())))) {
      database.migrate();
      try (Connection c = database.openJdbc(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT name FROM organizations")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("青岛旧版数据科技有限公司");
        }
        s.execute("INSERT INTO organizations (name, kind) VALUES ('升级后新建的机构', 'enterprise')");
        try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
          rs.next();
          assertThat(rs.getBoolean(1)).isFalse();
        }
      }
      assertThat(Files.readString(dataDir.resolve("pg/pg_hba.conf"))).doesNotContain("trust");
      String url = "jdbc:postgresql://localhost:" + database.connectOptions().getPort() + "/postgres";
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
    }

    try (Database reopened = Database.open(AppConfig.from(Map.of("DATA_DIR", dataDir.toString())))) {
      reopened.migrate();
      try (Connection c = reopened.openJdbc(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM organizations")) {
        rs.next();
        assertThat(rs.getInt(1)).as("both rows after a second start").isEqualTo(2);
      }
    }
  }
}
