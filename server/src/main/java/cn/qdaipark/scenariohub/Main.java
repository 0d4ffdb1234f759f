package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.config.ConfigException;
import cn.qdaipark.scenariohub.db.Database;
import cn.qdaipark.scenariohub.db.DatabaseUnavailableException;
import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the jar: {@code serve} (default), {@code import solutions|postings FILE}, {@code reindex}, {@code eval DIR},
 * {@code backup FILE}, {@code restore FILE}. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    try {
      AppConfig config = AppConfig.load(System.getenv());
      switch (command) {
        case "serve" -> serve(config);
        case "import" -> System.exit(ImportCommand.run(config, Arrays.copyOfRange(args, 1, args.length)));
        case "reindex" -> System.exit(ReindexCommand.run(config));
        case "eval" -> System.exit(EvalCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        case "backup" -> System.exit(BackupCommand.run(config, Arrays.copyOfRange(args, 1, args.length)));
        case "restore" -> System.exit(RestoreCommand.run(config, Arrays.copyOfRange(args, 1, args.length)));
        default -> {
          System.err.println("usage: java -jar scenariohub-all.jar [serve | import solutions|postings FILE | reindex | eval DIR | backup FILE | restore FILE]");
          System.exit(2);
        }
      }
    } catch (ConfigException | DatabaseUnavailableException e) {
      System.err.println("ScenarioHub cannot start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void serve(AppConfig config) {
    long started = System.nanoTime();
    Database database = Database.open(config);
    database.migrate();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    Pool pool = database.pool(vertx, config);
    App app = new App(vertx, config, pool, database.connectOptions(), new BgeSmallZhEmbedder(), metrics,
        Clock.systemDefaultZone());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, app, pool, database), "shutdown"));
    app.bootstrap()
        .onSuccess(boot -> app.startIndexing().onFailure(e -> log.error("the index could not be brought up to date", e)))
        .compose(boot -> app.listen().map(server -> {
          announce(config, server.actualPort(), boot, (System.nanoTime() - started) / 1_000_000);
          return server;
        }))
        .onFailure(e -> {
          log.error("ScenarioHub failed to start", e);
          System.err.println("ScenarioHub failed to start: " + e.getMessage());
          System.exit(1);
        });
  }

  private static void announce(AppConfig config, int port, App.Bootstrap boot, long millis) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n  ScenarioHub 智算谷·场景汇 is running at http://localhost:").append(port).append("/  (started in ")
        .append(millis).append(" ms)\n");
    sb.append("  API: http://localhost:").append(port).append("/api/v1/openapi.yaml   health: /health   metrics: /metrics\n");
    if (boot.generatedAdminPassword() != null) {
      sb.append("  First admin: admin@localhost / ").append(boot.generatedAdminPassword())
          .append("  (shown once; set ADMIN_EMAIL/ADMIN_PASSWORD to choose)\n");
    } else if (config.adminEmail() != null) {
      sb.append("  Admin: ").append(config.adminEmail()).append("\n");
    }
    if (!boot.demoAccounts().isEmpty()) {
      sb.append("  Demo accounts:\n");
      boot.demoAccounts().forEach(a -> sb.append("    ").append(String.format("%-11s", a.role())).append(a.email())
          .append(" / ").append(a.password()).append('\n'));
    }
    // UTF-8 whatever the platform charset (a bare POSIX locale would print the Chinese name as question marks)
    new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8).println(sb);
  }

  /** Closing Vert.x stops the HTTP server after in-flight requests; the index is committed before the database stops. */
  private static void shutdown(Vertx vertx, App app, Pool pool, Database database) {
    Resources.close(app, pool, vertx);
    database.close();
  }
}
