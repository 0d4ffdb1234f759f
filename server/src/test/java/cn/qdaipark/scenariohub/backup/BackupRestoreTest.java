package cn.qdaipark.scenariohub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackupRestoreTest {

  @Test
  @DisplayName("a backup taken while the server runs restores into a fresh data directory with every record, "
      + "attachment and a rebuilt index")
  void backupAndRestore() throws Exception {
    Path backup = Files.createTempDirectory("backup").resolve("scenariohub.zip");
    long solutionId;
    long applicationId;
    long attachmentId;
    byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% 备份测试\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    long solutions;
    try (TestApp app = TestApp.start()) {
      Api api = app.api;
      String provider = Fixtures.verifiedAccount(app, "backup@test.cn", "provider", "备份测试科技有限公司",
          "91370211MA3BACKUP");
      solutionId = api.post("/api/v1/solutions", provider, Fixtures.solution("港口无人机巡检备份方案")).json().getLong("id");
      Account issuer = ChallengeFixtures.verified(app, "government", "青岛市备份局");
      Account lead = ChallengeFixtures.verified(app, "provider", "青岛备份牵头科技有限公司");
      long call = ChallengeFixtures.call(api, issuer, "备份恢复揭榜", LocalDate.now().plusDays(30));
      applicationId = ChallengeFixtures.apply(api, lead, call).getLong("id");
      Api.Response uploaded = api.upload("/api/v1/applications/" + applicationId + "/attachments", lead.token(),
          "方案.pdf", "application/pdf", pdf);
      assertThat(uploaded.status()).isEqualTo(201);
      attachmentId = uploaded.json().getLong("id");
      solutions = app.count("SELECT count(*) FROM solutions");

      try (Database source = Database.open(app.config()); Connection c = source.openJdbc()) {
        JsonObject manifest = DatabaseBackup.write(c, backup, line -> { });
        assertThat(manifest.getJsonArray("tables").size()).isGreaterThan(10);
      }
      api.post("/api/v1/solutions", provider, Fixtures.solution("备份之后写入的方案"));
    }

    Path fresh = Files.createTempDirectory("restored").resolve("data");
    AppConfig restoredConfig = AppConfig.from(Map.of("DATA_DIR", fresh.toString()));
    try (Database restored = Database.open(restoredConfig)) {
      restored.migrateTo(DatabaseRestore.manifest(backup).getString("schemaVersion"));
      try (Connection c = restored.openSuperuserJdbc()) {
        DatabaseRestore.load(c, backup, line -> { });
      }
      restored.migrate();
      try (Connection c = restored.openJdbc(); Statement s = c.createStatement()) {
        var rs = s.executeQuery("SELECT count(*) FROM solutions");
        rs.next();
        assertThat(rs.getLong(1)).as("the snapshot, without what was written after it").isEqualTo(solutions);
        s.execute("INSERT INTO organizations (name, kind) VALUES ('恢复后新建机构', 'provider')");
      }
      String url = "postgresql://scenariohub:" + appPassword(fresh) + "@localhost:"
          + restored.connectOptions().getPort() + "/scenariohub";
      try (TestApp app = TestApp.start(Map.of("PG_URL", url, "DATA_DIR", fresh.toString()), false)) {
        Api api = app.api;
        assertThat(api.get("/api/v1/solutions/" + solutionId, null).json().getString("title")).isEqualTo("港口无人机巡检备份方案");
        String admin = app.adminToken();
        Api.Download file = api.download("/api/v1/applications/" + applicationId + "/attachments/" + attachmentId, admin);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(pdf);
        Eventually.within(Duration.ofSeconds(60), () -> api.get("/api/v1/search?type=solutions", null).status() == 200
            && api.get("/api/v1/search?type=solutions", null).json().getLong("total") == solutions);
      }
    }
  }

  @Test
  @DisplayName("a file that is not a backup is refused before anything is created")
  void refusesOtherFiles() throws Exception {
    Path notBackup = Files.createTempFile("not-a-backup", ".zip");
    Files.writeString(notBackup, "hello");
    assertThatThrownBy(() -> DatabaseRestore.manifest(notBackup)).isInstanceOf(java.io.IOException.class);
  }

  private static String appPassword(Path dataDir) throws Exception {
    java.util.Properties p = new java.util.Properties();
    try (var reader = Files.newBufferedReader(dataDir.resolve("db-credentials"))) {
      p.load(reader);
    }
    return p.getProperty("app.password");
  }
}
