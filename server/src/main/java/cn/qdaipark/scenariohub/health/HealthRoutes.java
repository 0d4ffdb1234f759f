package cn.qdaipark.scenariohub.health;

import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;

/** Liveness and readiness: 200 while the database answers, 503 with the reason otherwise. */
public final class HealthRoutes {
  private final Pool pool;
  private final Supplier<JsonObject> indexState;

  public HealthRoutes(Pool pool, Supplier<JsonObject> indexState) {
    this.pool = pool;
    this.indexState = indexState;
  }

  public void mount(Router root) {
    root.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .map(rows -> new JsonObject().put("status", "up"))
        .otherwise(e -> new JsonObject().put("status", "down").put("error", e.getClass().getSimpleName()))
        .onSuccess(db -> {
          boolean up = "up".equals(db.getString("status"));
          Responses.json(ctx, up ? 200 : 503, new JsonObject()
              .put("status", up ? "up" : "degraded")
              .put("database", db)
              .put("index", indexState.get()));
        });
  }
}
