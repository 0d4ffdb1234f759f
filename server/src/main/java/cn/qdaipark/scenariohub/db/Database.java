package cn.qdaipark.scenariohub.db;

import cn.qdaipark.scenariohub.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the platform uses: an external one when {@code PG_URL} is set, otherwise an
 * embedded one whose data directory lives under {@code DATA_DIR/pg} and survives restarts.
 * Opening it is blocking (process start, JDBC, Flyway): call it before deploying verticles.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final PgConnectOptions connectOptions;
  private final EmbeddedPostgres embedded;

  private Database(PgConnectOptions connectOptions, EmbeddedPostgres embedded) {
    this.connectOptions = connectOptions;
    this.embedded = embedded;
  }

  public static Database open(AppConfig config) {
    if (config.pgUrl() != null) {
      return new Database(PgConnectOptions.fromUri(config.pgUrl()), null);
    }
    Path dir = config.dataDir().resolve("pg");
    try {
      Files.createDirectories(dir.getParent());
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .start();
      log.info("embedded PostgreSQL running on port {} with data in {}", pg.getPort(), dir);
      PgConnectOptions options = new PgConnectOptions()
          .setHost("localhost")
          .setPort(pg.getPort())
          .setDatabase("postgres")
          .setUser("postgres")
          .setPassword("postgres");
      return new Database(options, pg);
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Applies the Flyway migrations shipped in the migrations module. */
  public void migrate() {
    try {
      Flyway.configure()
          .dataSource(jdbcUrl(), connectOptions.getUser(), connectOptions.getPassword())
          .locations("classpath:db/migration")
          .connectRetries(0)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException("PostgreSQL at " + describe() + " is not usable: " + rootMessage(e), e);
    }
  }

  public Connection openJdbc() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), connectOptions.getUser(), connectOptions.getPassword());
  }

  public Pool pool(Vertx vertx, AppConfig config) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.dbPoolSize()).setMaxWaitQueueSize(config.dbPoolWaitQueue()))
        .connectingTo(connectOptions)
        .using(vertx)
        .build();
  }

  public PgConnectOptions connectOptions() {
    return connectOptions;
  }

  public String describe() {
    return connectOptions.getHost() + ":" + connectOptions.getPort() + "/" + connectOptions.getDatabase();
  }

  private String jdbcUrl() {
    return "jdbc:postgresql://" + connectOptions.getHost() + ":" + connectOptions.getPort() + "/" + connectOptions.getDatabase();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        log.warn("embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }
}
