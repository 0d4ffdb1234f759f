package cn.qdaipark.scenariohub.health;

import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.matching.IndexStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Liveness (the process answers), readiness (the database answers within the timeout and the index is ready) and
 * the combined view. The database check is bounded by a timeout on its answer, not by the query: a stalled PostgreSQL still gets
 * an answer in time.
 */
public final class HealthRoutes {
  private final Pool pool;
  private final IndexStatus index;
  private final long dbTimeoutMs;
  /** The query still waiting for PostgreSQL: probes during a stall share it instead of queueing up in the pool. */
  private Future<Void> pendingCheck;

  public HealthRoutes(Pool pool, IndexStatus index, long dbTimeoutMs) {
    this.pool = pool;
    this.index = index;
    this.dbTimeoutMs = dbTimeoutMs;
  }

  public void mount(Router root) {
    root.get("/health/live").handler(this::live);
    root.get("/health/ready").handler(this::ready);
    root.get("/health").handler(this::health);
  }

  private void live(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("status", "up"));
  }

  private void ready(RoutingContext ctx) {
    database().onSuccess(db -> {
      JsonArray reasons = new JsonArray();
      if (!isUp(db)) {
        reasons.add("database: " + db.getString("error"));
      }
      String indexReason = index.notReadyReason();
      if (indexReason != null) {
        reasons.add(indexReason);
      }
      JsonObject body = new JsonObject().put("status", reasons.isEmpty() ? "ready" : "unready");
      if (!reasons.isEmpty()) {
        body.put("reasons", reasons);
      }
      Responses.json(ctx, reasons.isEmpty() ? 200 : 503, body.put("database", db).put("index", index.toJson()));
    });
  }

  private void health(RoutingContext ctx) {
    database().onSuccess(db -> Responses.json(ctx, isUp(db) ? 200 : 503, new JsonObject()
        .put("status", isUp(db) ? "up" : "degraded")
        .put("database", db)
        .put("index", index.toJson())));
  }

  private static boolean isUp(JsonObject db) {
    return "up".equals(db.getString("status"));
  }

  /** The database's state, answered within the timeout whatever PostgreSQL does. */
  private Future<JsonObject> database() {
    return check().timeout(dbTimeoutMs, TimeUnit.MILLISECONDS)
        .map(up -> new JsonObject().put("status", "up"))
        .otherwise(e -> down(e instanceof TimeoutException ? "no answer within " + dbTimeoutMs + " ms"
            : e.getClass().getSimpleName()));
  }

  private synchronized Future<Void> check() {
    if (pendingCheck == null || pendingCheck.isComplete()) {
      pendingCheck = pool.query("SELECT 1").execute().mapEmpty();
    }
    return pendingCheck;
  }

  private static JsonObject down(String error) {
    return new JsonObject().put("status", "down").put("error", error);
  }
}
