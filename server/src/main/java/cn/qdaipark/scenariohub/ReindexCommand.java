package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** {@code reindex}: rebuilds this instance's index from PostgreSQL, with progress in the log (server stopped). */
final class ReindexCommand {
  private ReindexCommand() {
  }

  static int run(AppConfig config) {
    try (Database database = Database.open(config)) {
      database.migrate();
      Vertx vertx = Vertx.vertx();
      Pool pool = database.pool(vertx, config);
      App app = new App(vertx, config, pool, database.connectOptions(), new BgeSmallZhEmbedder(), null,
          Clock.systemDefaultZone());
      long started = System.nanoTime();
      try {
        app.rebuildIndex().await(2, TimeUnit.HOURS);
        System.out.printf("index rebuilt in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
      } catch (Exception e) {
        System.err.println("reindex failed: " + e.getMessage());
        return 1;
      } finally {
        Resources.close(app, pool, vertx);
      }
    } catch (Exception e) {
      System.err.println("reindex failed: " + e.getMessage());
      return 1;
    }
  }
}
