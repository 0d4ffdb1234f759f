package cn.qdaipark.scenariohub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL as the platform runs it by default: durable, password-protected, least privilege. */
class EmbeddedDatabaseTest {
  private static Path dataDir;
  private static Database database;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("embedded-db");
    database = Database.open(AppConfig.from(Map.of("DATA_DIR", dataDir.toString())));
    database.migrate();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  private static String url(String db) {
    return "jdbc:postgresql://localhost:" + database.connectOptions().getPort() + "/" + db;
  }

  @Test
  @DisplayName("every commit is flushed to disk before it is acknowledged")
  void durable() {
    assertThat(database.durabilitySettings())
        .containsEntry("fsync", "on").containsEntry("synchronous_commit", "on").containsEntry("full_page_writes", "on");
  }

  @Test
  @DisplayName("nobody logs in without the generated password, not even as postgres")
  void passwordRequired() {
    assertThatThrownBy(() -> DriverManager.getConnection(url("postgres"), "postgres", ""))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(url("postgres"), "postgres", "postgres"))
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    assertThatThrownBy(() -> DriverManager.getConnection(url("scenariohub"), "scenariohub", "scenariohub"))
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
  }

  @Test
  @DisplayName("the passwords are kept in a file only its owner can read, and the server trusts nobody")
  void credentialsFile() throws Exception {
    Path file = dataDir.resolve(DatabaseCredentials.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String hba = Files.readString(dataDir.resolve("pg/pg_hba.conf"));
    assertThat(hba).doesNotContain("trust").contains("scram-sha-256");
    try (Connection c = database.openJdbc(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW listen_addresses")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("localhost");
    }
  }

  @Test
  @DisplayName("the application's role is no superuser: it cannot read password hashes or run programs")
  void leastPrivilege() throws Exception {
    try (Connection c = database.openJdbc(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_user, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
          + "WHERE rolname = current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("scenariohub");
        assertThat(rs.getBoolean(2)).isFalse();
        assertThat(rs.getBoolean(3)).isFalse();
        assertThat(rs.getBoolean(4)).isFalse();
      }
      assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'id'")).isInstanceOf(SQLException.class)
          .hasMessageContaining("must be superuser");
      assertThatThrownBy(() -> s.executeQuery("SELECT rolpassword FROM pg_authid"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("CREATE TABLE public.intruder (x int)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'scenariohub' "
          + "AND tableowner = 'scenariohub' AND tablename = 'flyway_schema_history'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the migrations ran as the application role in its own schema").isEqualTo(1);
      }
    }
    try (Connection c = DriverManager.getConnection(url("postgres"), "scenariohub",
        DatabaseCredentials.loadOrCreate(dataDir).appPassword())) {
      throw new AssertionError("the application role connected to the database postgres");
    } catch (SQLException expected) {
      assertThat(expected.getMessage()).contains("permission denied");
    }
  }
}
