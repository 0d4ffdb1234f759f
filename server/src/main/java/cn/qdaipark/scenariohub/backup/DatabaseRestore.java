package cn.qdaipark.scenariohub.backup;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.postgresql.PGConnection;

/**
 * Loads a backup of {@link DatabaseBackup} into a database migrated to the backup's schema version, in one
 * transaction: either every table is restored or nothing is. Runs as a superuser, so that foreign keys and the
 * outbox triggers stay quiet while tables arrive in any order (the backup holds the outbox as it was).
 */
public final class DatabaseRestore {
  private DatabaseRestore() {
  }

  /** The manifest of a backup file, checked to be one this version can restore. */
  public static JsonObject manifest(Path backup) throws IOException {
    try (ZipFile zip = new ZipFile(backup.toFile())) {
      ZipEntry entry = zip.getEntry(DatabaseBackup.MANIFEST);
      if (entry == null) {
        throw new IOException(backup + " is not a ScenarioHub backup (no " + DatabaseBackup.MANIFEST + ")");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        JsonObject manifest = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (manifest.getInteger("format", -1) != DatabaseBackup.FORMAT) {
          throw new IOException(backup + " has backup format " + manifest.getValue("format") + "; this version reads "
              + DatabaseBackup.FORMAT);
        }
        return manifest;
      }
    }
  }

  /** Restores into {@code c} (a superuser connection whose search path is the application schema). */
  public static void load(Connection c, Path backup, Consumer<String> progress) throws IOException, SQLException {
    JsonObject manifest = manifest(backup);
    c.setAutoCommit(false);
    try (ZipFile zip = new ZipFile(backup.toFile()); Statement s = c.createStatement()) {
      String version = DatabaseBackup.schemaVersion(s);
      if (!version.equals(manifest.getString("schemaVersion"))) {
        throw new IOException("the database is at schema version " + version + ", the backup at "
            + manifest.getString("schemaVersion"));
      }
      List<String> existing = DatabaseBackup.tables(s);
      s.execute("SET LOCAL session_replication_role = replica");
      s.execute("TRUNCATE " + String.join(", ", existing.stream().map(DatabaseBackup::quote).toList()));
      for (Object t : manifest.getJsonArray("tables")) {
        JsonObject table = (JsonObject) t;
        String name = table.getString("name");
        if (!existing.contains(name)) {
          throw new IOException("the backup holds table " + name + ", which this schema does not have");
        }
        try (InputStream in = zip.getInputStream(zip.getEntry("tables/" + name + ".copy"))) {
          long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + DatabaseBackup.quote(name) + " FROM STDIN", in);
          if (rows != table.getLong("rows")) {
            throw new IOException("table " + name + ": the backup lists " + table.getLong("rows") + " rows, it holds " + rows);
          }
          progress.accept(name + ": " + rows + " rows");
        }
      }
      try (PreparedStatement setval = c.prepareStatement("SELECT setval(quote_ident(?), ?)")) {
        for (Object q : manifest.getJsonArray("sequences")) {
          JsonObject sequence = (JsonObject) q;
          setval.setString(1, sequence.getString("name"));
          setval.setLong(2, sequence.getLong("lastValue"));
          setval.execute();
        }
      }
      c.commit();
    } catch (IOException | SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }
}
