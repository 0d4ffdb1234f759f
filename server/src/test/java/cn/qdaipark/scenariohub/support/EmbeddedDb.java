package cn.qdaipark.scenariohub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM with a database migrated once by the real Flyway files;
 * every test gets its own fresh copy of it ({@code CREATE DATABASE … TEMPLATE}).
 */
public final class EmbeddedDb {
  private static final String TEMPLATE = "scenariohub_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private EmbeddedDb() {
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + TEMPLATE);
        }
        Flyway.configure().dataSource(postgres.getDatabase("postgres", TEMPLATE))
            .locations("classpath:db/migration").load().migrate();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is exiting; the temporary cluster goes with it
          }
        }));
      } catch (IOException | java.sql.SQLException e) {
        throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
    return postgres;
  }

  /** A new, migrated, empty database; returns its PG_URL. */
  public static synchronized String freshDatabaseUrl() {
    EmbeddedPostgres pg = server();
    String name = "test_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    } catch (java.sql.SQLException e) {
      throw new UncheckedIOException(new IOException(e));
    }
    // a copy of the template would share the identity migrated into it; each test database is an instance of its own
    try (Connection c = pg.getDatabase("postgres", name).getConnection(); Statement s = c.createStatement()) {
      s.execute("UPDATE instance_identity SET id = substr(md5(random()::text || clock_timestamp()::text), 1, 16)");
    } catch (java.sql.SQLException e) {
      throw new UncheckedIOException(new IOException(e));
    }
    return "postgresql://postgres:postgres@localhost:" + pg.getPort() + "/" + name;
  }
}
