package cn.qdaipark.scenariohub;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing the long-lived resources in order, from a thread that may block (shutdown hook, commands). */
final class Resources {
  private static final Logger log = LoggerFactory.getLogger(Resources.class);

  private Resources() {
  }

  static void close(App app, Pool pool, Vertx vertx) {
    try {
      if (app != null) {
        app.close().await(30, TimeUnit.SECONDS);
      }
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown did not complete cleanly: {}", e.toString());
    }
  }
}
