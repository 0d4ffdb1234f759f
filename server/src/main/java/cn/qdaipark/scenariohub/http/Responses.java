package cn.qdaipark.scenariohub.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

public final class Responses {
  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
