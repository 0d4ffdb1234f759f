package cn.qdaipark.scenariohub.support;

import cn.qdaipark.scenariohub.App;
import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import cn.qdaipark.scenariohub.index.Embedder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The whole platform on a random port against a fresh embedded database, as a test fixture. */
public final class TestApp implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@test.scenariohub.cn";
  public static final String ADMIN_PASSWORD = "Admin#Pass2026";
  /** The password of every demo account in tests (DEMO_PASSWORD); a deployment gets a generated one each. */
  public static final String DEMO_PASSWORD = "Qd-Demo#Accounts-2026";
  public static final String JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

  private final Vertx vertx;
  private final Pool pool;
  private final App app;
  private final HttpServer server;
  private final AppConfig config;
  private final App.Bootstrap bootstrap;
  public final Api api;

  private TestApp(Vertx vertx, AppConfig config, Pool pool, App app, HttpServer server, App.Bootstrap bootstrap) {
    this.bootstrap = bootstrap;
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.app = app;
    this.server = server;
    this.api = new Api("http://localhost:" + server.actualPort());
  }

  public static TestApp start() {
    return start(Map.of());
  }

  public static TestApp start(Map<String, String> overrides) {
    return start(overrides, true);
  }

  /** Starts the app; with {@code awaitIndex} false the index catches up (or rebuilds) in the background. */
  public static TestApp start(Map<String, String> overrides, boolean awaitIndex) {
    return start(overrides, awaitIndex, Clock.systemDefaultZone());
  }

  /** Starts the app reading the time from {@code clock} (e.g. a {@link MutableClock} to pass deadlines). */
  public static TestApp start(Clock clock) {
    return start(Map.of(), true, clock);
  }

  public static TestApp start(Map<String, String> overrides, boolean awaitIndex, Clock clock) {
    return start(overrides, awaitIndex, clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Starts the app recording its metrics into {@code metrics}, for a test to read them. */
  public static TestApp start(Map<String, String> overrides, PrometheusMeterRegistry metrics) {
    return start(overrides, true, Clock.systemDefaultZone(), metrics);
  }

  /** The app with another embedding model, e.g. one a test can hold up. */
  public static TestApp start(Embedder embedder) {
    return start(Map.of(), true, Clock.systemDefaultZone(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        embedder);
  }

  private static TestApp start(Map<String, String> overrides, boolean awaitIndex, Clock clock,
                               PrometheusMeterRegistry metrics) {
    return start(overrides, awaitIndex, clock, metrics, SharedEmbedder.get());
  }

  private static TestApp start(Map<String, String> overrides, boolean awaitIndex, Clock clock,
                               PrometheusMeterRegistry metrics, Embedder embedder) {
    try {
      Map<String, String> env = new HashMap<>();
      env.put("PORT", "0");
      env.put("HOST", "127.0.0.1");
      env.put("DATA_DIR", Files.createTempDirectory("scenariohub-test").toString());
      env.put("PG_URL", EmbeddedDb.freshDatabaseUrl());
      env.put("DEMO_DATA", "false");
      env.put("ADMIN_EMAIL", ADMIN_EMAIL);
      env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("JWT_SECRET", JWT_SECRET);
      env.put("DEMO_PASSWORD", DEMO_PASSWORD);
      // every test registers its accounts from 127.0.0.1; RegistrationLimitTest sets a low limit of its own
      env.put("REGISTRATIONS_PER_ADDRESS", "1000000");
      env.putAll(overrides);
      AppConfig config = AppConfig.from(env);
      Vertx vertx = Vertx.vertx();
      Database database = Database.open(config);
      Pool pool = database.pool(vertx, config);
      App app = new App(vertx, config, pool, database.connectOptions(), embedder, metrics, clock);
      App.Bootstrap bootstrap = app.bootstrap().await();
      var indexing = app.startIndexing();
      if (awaitIndex) {
        indexing.await();
      }
      HttpServer server = app.listen().await();
      return new TestApp(vertx, config, pool, app, server, bootstrap);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test app", e);
    }
  }

  public App app() {
    return app;
  }

  public Pool pool() {
    return pool;
  }

  public AppConfig config() {
    return config;
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public String adminToken() {
    return api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  /** Runs the first-start work again, as a restart would. */
  /** What the first start created: the generated admin password, and the demo accounts with their passwords. */
  public App.Bootstrap bootstrap() {
    return bootstrap;
  }

  public void bootstrapAgain() {
    app.bootstrap().await();
  }

  /** A JDBC connection of its own to the test database, outside the server's pool (e.g. to hold a lock). */
  public Connection jdbc() throws SQLException {
    URI url = URI.create(config.pgUrl());
    String[] user = url.getUserInfo().split(":");
    return DriverManager.getConnection("jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath(),
        user[0], user[1]);
  }

  public long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  @Override
  public void close() {
    server.close().await();
    app.close().await();
    pool.close().await();
    vertx.close().await();
  }
}
