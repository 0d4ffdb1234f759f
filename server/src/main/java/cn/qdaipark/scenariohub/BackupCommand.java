package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.backup.DatabaseBackup;
import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * {@code backup FILE}: a consistent snapshot of the database into a zip, while the server keeps running (it uses the
 * running server's embedded database, or starts it when no server runs).
 */
final class BackupCommand {
  private BackupCommand() {
  }

  static int run(AppConfig config, String[] args) {
    if (args.length != 1) {
      System.err.println("usage: java -jar scenariohub-all.jar backup FILE.zip");
      return 2;
    }
    Path target = Path.of(args[0]).toAbsolutePath();
    if (Files.exists(target)) {
      System.err.println("backup refused: " + target + " exists already");
      return 2;
    }
    long started = System.nanoTime();
    try (Database database = Database.openShared(config); Connection c = database.openJdbc()) {
      JsonObject manifest = DatabaseBackup.write(c, target, line -> System.err.println("  " + line));
      long rows = manifest.getJsonArray("tables").stream().mapToLong(t -> ((JsonObject) t).getLong("rows")).sum();
      System.out.printf("backup of %d rows in %d tables (schema version %s) written to %s in %.1f s%n", rows,
          manifest.getJsonArray("tables").size(), manifest.getString("schemaVersion"), target,
          (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (Exception e) {
      System.err.println("backup failed, nothing written: " + e.getMessage());
      return 1;
    }
  }
}
