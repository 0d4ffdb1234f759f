package cn.qdaipark.scenariohub.db;

import cn.qdaipark.scenariohub.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the platform uses: an external one when {@code PG_URL} is set, otherwise an
 * embedded, supervised one whose data directory lives under {@code DATA_DIR/pg} and survives restarts
 * (see {@link EmbeddedDatabase}).
 * Opening it is blocking (process start, JDBC, Flyway): call it before deploying verticles.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final PgConnectOptions connectOptions;
  private static final List<String> DURABILITY_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");
  /** A request waiting longer than this for a connection (database stalled or saturated) fails with 503. */
  private static final Duration POOL_ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
  private final EmbeddedDatabase embedded;

  private Database(PgConnectOptions connectOptions, EmbeddedDatabase embedded) {
    this.connectOptions = connectOptions;
    this.embedded = embedded;
  }

  public static Database open(AppConfig config) {
    if (config.pgUrl() != null) {
      Database external = new Database(PgConnectOptions.fromUri(config.pgUrl()), null);
      external.warnIfNotDurable();
      return external;
    }
    Path dataDir = config.dataDir();
    try {
      EmbeddedDatabase pg = EmbeddedDatabase.start(dataDir);
      log.info("embedded PostgreSQL running on 127.0.0.1:{} with data in {}", pg.port(), pg.pgData());
      Database database = new Database(EmbeddedSchema.appConnectOptions(pg.port(), pg.credentials()), pg);
      database.requireDurable();
      return database;
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + dataDir.resolve("pg") + ": "
          + e.getMessage(), e);
    }
  }

  /** The settings that make an acknowledged commit survive a crash, with the value each one has on this server. */
  Map<String, String> durabilitySettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection c = openJdbc(); Statement s = c.createStatement()) {
      for (String name : DURABILITY_SETTINGS) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("PostgreSQL at " + describe() + " is not usable: " + e.getMessage(), e);
    }
    return settings;
  }

  private void requireDurable() {
    Map<String, String> settings = durabilitySettings();
    if (settings.values().stream().anyMatch("off"::equals)) {
      close();
      throw new DatabaseUnavailableException("the embedded PostgreSQL is not durable: " + settings, null);
    }
  }

  /** An external server is the operator's to configure; we only say when it may lose acknowledged writes. */
  private void warnIfNotDurable() {
    try {
      Map<String, String> settings = durabilitySettings();
      if (settings.values().stream().anyMatch("off"::equals)) {
        log.warn("PostgreSQL at {} may lose acknowledged writes in a crash: {}", describe(), settings);
      }
    } catch (DatabaseUnavailableException e) {
      log.debug("durability settings not checked: {}", e.getMessage());
    }
  }

  /**
   * For commands that may run beside a live server (backup): the database of the server that runs on this data
   * directory, or the embedded one started here when none runs.
   */
  public static Database openShared(AppConfig config) {
    if (config.pgUrl() == null) {
      Optional<PgConnectOptions> running = EmbeddedDatabase.runningElsewhere(config.dataDir());
      if (running.isPresent()) {
        return new Database(running.get(), null);
      }
    }
    return open(config);
  }

  /** Applies the Flyway migrations shipped in the migrations module. */
  public void migrate() {
    migrate(MigrationVersion.LATEST);
  }

  /** Applies the migrations up to {@code version} only (a restore loads a backup at its own schema version). */
  public void migrateTo(String version) {
    migrate(MigrationVersion.fromVersion(version));
  }

  private void migrate(MigrationVersion target) {
    try {
      Flyway.configure()
          .dataSource(jdbcUrl(), connectOptions.getUser(), connectOptions.getPassword())
          .locations("classpath:db/migration")
          .connectRetries(0)
          .target(target)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException("PostgreSQL at " + describe() + " is not usable: " + rootMessage(e), e);
    }
  }

  public Connection openJdbc() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), connectOptions.getUser(), connectOptions.getPassword());
  }

  /** A superuser connection to the embedded database, searching the application's schema (restore only). */
  public Connection openSuperuserJdbc() throws SQLException {
    if (embedded == null) {
      throw new SQLException("only the embedded database can be restored by this command");
    }
    Connection c = EmbeddedSchema.superuser(embedded, EmbeddedSchema.APP_DATABASE);
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path = " + EmbeddedSchema.APP_SCHEMA);
    }
    return c;
  }

  public Pool pool(Vertx vertx, AppConfig config) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.dbPoolSize()).setMaxWaitQueueSize(config.dbPoolWaitQueue())
            .setConnectionTimeout((int) POOL_ACQUIRE_TIMEOUT.toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(connectOptions)
        .using(vertx)
        .build();
  }

  /** The pid of the embedded postmaster while it runs; empty for an external server. */
  public Optional<Long> embeddedPostmasterPid() {
    return Optional.ofNullable(embedded).flatMap(EmbeddedDatabase::postmaster).map(ProcessHandle::pid);
  }

  /** How many times the supervisor has restarted the embedded server since it was opened. */
  public int embeddedRestarts() {
    return embedded == null ? 0 : embedded.restarts();
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
      embedded.close();
    }
  }
}
