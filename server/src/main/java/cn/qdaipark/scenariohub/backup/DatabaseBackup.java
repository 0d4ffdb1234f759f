package cn.qdaipark.scenariohub.backup;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;

/**
 * A consistent logical snapshot of the application's tables, taken while the server keeps running: one
 * repeatable-read, read-only transaction copies every table (attachments included, they live in PostgreSQL) into a
 * zip with a manifest naming the schema version, the row counts and the sequence positions.
 */
public final class DatabaseBackup {
  static final String MANIFEST = "manifest.json";
  static final int FORMAT = 1;

  private DatabaseBackup() {
  }

  /** Writes the backup next to {@code target} and moves it into place when complete; answers its manifest. */
  public static JsonObject write(Connection c, Path target, Consumer<String> progress) throws IOException, SQLException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      JsonObject manifest = new JsonObject()
          .put("format", FORMAT)
          .put("schemaVersion", schemaVersion(s))
          .put("createdAt", Instant.now().toString());
      JsonArray tables = new JsonArray();
      try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
        for (String table : tables(s)) {
          zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
          long rows = c.unwrap(PGConnection.class).getCopyAPI()
              .copyOut("COPY " + quote(table) + " TO STDOUT", new UncloseableStream(zip));
          zip.closeEntry();
          tables.add(new JsonObject().put("name", table).put("rows", rows));
          progress.accept(table + ": " + rows + " rows");
        }
        manifest.put("tables", tables).put("sequences", sequences(s));
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(manifest.encodePrettily().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      c.commit();
      try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } finally {
      Files.deleteIfExists(partial);
      if (!c.isClosed()) {
        c.rollback();
      }
    }
  }

  static String schemaVersion(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
        + "ORDER BY installed_rank DESC LIMIT 1")) {
      if (!rs.next()) {
        throw new SQLException("the database has no migrations applied");
      }
      return rs.getString(1);
    }
  }

  /** The application's tables in the current schema; Flyway's own history is recreated by migrating. */
  static List<String> tables(Statement s) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        + "AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static JsonArray sequences(Statement s) throws SQLException {
    JsonArray sequences = new JsonArray();
    try (ResultSet rs = s.executeQuery("SELECT sequencename, last_value FROM pg_sequences "
        + "WHERE schemaname = current_schema() AND last_value IS NOT NULL ORDER BY sequencename")) {
      while (rs.next()) {
        sequences.add(new JsonObject().put("name", rs.getString(1)).put("lastValue", rs.getLong(2)));
      }
    }
    return sequences;
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** The driver closes the stream it copies into; the zip must stay open for the next entry. */
  private static final class UncloseableStream extends java.io.FilterOutputStream {
    UncloseableStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
