package cn.qdaipark.scenariohub.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

public final class Responses {
  static final String JSON = "application/json; charset=utf-8";

  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    IdempotencyScope idempotency = IdempotencyScope.of(ctx);
    if (idempotency == null) {
      send(ctx, status, body.toBuffer());
      return;
    }
    Buffer bytes = body.toBuffer();
    // a request answered by its deadline meanwhile has only its answer stored, for a retry
    idempotency.keep(StoredResponse.json(ctx.response(), status, bytes)).onComplete(kept -> send(ctx, status, bytes));
  }

  private static void send(RoutingContext ctx, int status, Buffer body) {
    if (ctx.response().ended()) {
      // answered already (503 at the request deadline): a result arriving after it has no one to go to
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON)
        .end(body);
  }

  /** A whole (unpaged) list as {@code {items, total}}. */
  public static <T> void items(RoutingContext ctx, List<T> list, Function<T, JsonObject> toJson) {
    JsonArray items = new JsonArray();
    list.forEach(item -> items.add(toJson.apply(item)));
    json(ctx, 200, new JsonObject().put("items", items).put("total", list.size()));
  }
}
