package cn.qdaipark.scenariohub.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * An answer given before the request's body was read (refused caller, body too slow) ends its connection. Vert.x
 * would otherwise keep it open to read the rest of the body, which a paused request never does, and a slow sender
 * could go on trickling into it.
 */
public final class ClosingAnswer {
  /** A refused client still sending its body has this long between two chunks before the connection is closed. */
  private static final long LINGER_IDLE_MS = 1_000;
  /** and this long in all. */
  private static final long LINGER_MAX_MS = 10_000;

  private ClosingAnswer() {
  }

  /** Closes the connection as soon as the answer is sent: for a client too slow to be worth waiting for. */
  public static void closeAfter(RoutingContext ctx) {
    ctx.response().putHeader("Connection", "close");
    ctx.addEndHandler(sent -> ctx.request().connection().close());
  }

  /**
   * Closes the connection after the answer once the client stops sending, discarding what it sends meanwhile (as a
   * web server's lingering close): closing a socket with unread bytes makes the kernel reset the connection, and a
   * client still writing its body would lose the answer it had not read yet.
   */
  public static void lingerAfter(RoutingContext ctx) {
    ctx.response().putHeader("Connection", "close");
    HttpServerRequest request = ctx.request();
    ctx.addEndHandler(sent -> {
      if (request.isEnded()) {
        request.connection().close();
        return;
      }
      new Linger(ctx.vertx(), request.connection()).drain(request);
    });
  }

  private static final class Linger {
    private final Vertx vertx;
    private final HttpConnection connection;
    private final long cap;
    private long idle;

    Linger(Vertx vertx, HttpConnection connection) {
      this.vertx = vertx;
      this.connection = connection;
      this.cap = vertx.setTimer(LINGER_MAX_MS, id -> close());
      this.idle = vertx.setTimer(LINGER_IDLE_MS, id -> close());
    }

    void drain(HttpServerRequest request) {
      request.handler(discarded -> {
        vertx.cancelTimer(idle);
        idle = vertx.setTimer(LINGER_IDLE_MS, id -> close());
      });
      request.endHandler(end -> close());
      request.resume();
    }

    void close() {
      vertx.cancelTimer(cap);
      vertx.cancelTimer(idle);
      connection.close();
    }
  }
}
