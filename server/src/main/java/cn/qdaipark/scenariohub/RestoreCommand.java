package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.backup.DatabaseRestore;
import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code restore FILE}: a backup loaded into a fresh embedded database in {@code DATA_DIR} (refused when one exists
 * there). The index is rebuilt from the restored database when the server starts.
 */
final class RestoreCommand {
  private RestoreCommand() {
  }

  static int run(AppConfig config, String[] args) {
    if (args.length != 1) {
      System.err.println("usage: java -jar scenariohub-all.jar restore FILE.zip   (into a fresh DATA_DIR)");
      return 2;
    }
    if (config.pgUrl() != null) {
      System.err.println("restore refused: it restores into the embedded database; unset PG_URL");
      return 2;
    }
    Path backup = Path.of(args[0]);
    Path pgData = config.dataDir().resolve("pg");
    if (Files.exists(pgData.resolve("PG_VERSION"))) {
      System.err.println("restore refused: " + config.dataDir() + " holds a database already; restore into a fresh DATA_DIR");
      return 2;
    }
    try {
      JsonObject manifest = DatabaseRestore.manifest(backup);
      restore(config, backup, manifest.getString("schemaVersion"));
      System.out.println("restored " + backup + " (schema version " + manifest.getString("schemaVersion") + ") into "
          + config.dataDir() + "; the search index is rebuilt when the server starts");
      return 0;
    } catch (Exception e) {
      removeHalfCreatedDatabase(config);
      System.err.println("restore failed, nothing restored: " + e.getMessage());
      return 1;
    }
  }

  /** The database created for the restore is removed so that the restore can simply be run again. */
  private static void removeHalfCreatedDatabase(AppConfig config) {
    try {
      deleteTree(config.dataDir().resolve("pg"));
      Files.deleteIfExists(config.dataDir().resolve("db-credentials"));
    } catch (IOException e) {
      System.err.println("could not remove the half-created database in " + config.dataDir() + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Creates and migrates to the backup's version, loads it in one transaction, then applies newer migrations. */
  static void restore(AppConfig config, Path backup, String schemaVersion) throws Exception {
    try (Database database = Database.open(config)) {
      database.migrateTo(schemaVersion);
      try (Connection c = database.openSuperuserJdbc()) {
        DatabaseRestore.load(c, backup, line -> System.err.println("  " + line));
      }
      database.migrate();
    }
  }
}
