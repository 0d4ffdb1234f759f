package cn.qdaipark.scenariohub.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The baseline of server/bench/durability.sh, not a test: the embedded PostgreSQL exactly as the server started it
 * before it was made durable (zonky's defaults: fsync off through -F, synchronous_commit=off, trust authentication),
 * on the same PostgreSQL binaries. Prints {@code PG_URL=…} and the durability settings, then runs until it is
 * terminated.
 *
 * <p>usage: {@code java -cp scenariohub-all.jar:test-classes cn.qdaipark.scenariohub.bench.NonDurablePostgres DIR}
 */
public final class NonDurablePostgres {
  private NonDurablePostgres() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir.getParent());
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start()) {
      System.out.println("PG_URL=postgresql://postgres:postgres@localhost:" + pg.getPort() + "/postgres");
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
          try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            System.out.println(name + "=" + rs.getString(1));
          }
        }
      }
      System.out.flush();
      // runs until terminated; zonky's shutdown hook then stops the postmaster
      Thread.currentThread().join();
    }
  }
}
