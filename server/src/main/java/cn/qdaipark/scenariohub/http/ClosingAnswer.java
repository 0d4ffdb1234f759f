package cn.qdaipark.scenariohub.http;

import io.vertx.ext.web.RoutingContext;

/**
 * An answer given before the request's body was read (refused caller, body too slow): the connection is closed once
 * the answer is sent. Vert.x would otherwise keep it open to read the rest of the body, which a paused request never
 * does, and a slow sender could go on trickling into it.
 */
public final class ClosingAnswer {
  private ClosingAnswer() {
  }

  public static void closeAfter(RoutingContext ctx) {
    ctx.response().putHeader("Connection", "close");
    ctx.addEndHandler(sent -> ctx.request().connection().close());
  }
}
