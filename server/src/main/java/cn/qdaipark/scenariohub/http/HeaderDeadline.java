package cn.qdaipark.scenariohub.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a connection whose next request has not fully arrived (request line and headers) within the deadline,
 * counted from the connection's opening and from the end of each answer on it: a client trickling its headers a
 * byte at a time (slowloris) keeps the idle timeout from firing, but not this. It is also how long a keep-alive
 * connection waits for its next request. The server calls {@link #opened} for each connection; the router's first
 * handler is this one, which marks a request as arrived until its answer ends.
 */
public final class HeaderDeadline implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final long deadlineMs;
  private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

  public HeaderDeadline(Vertx vertx, long deadlineMs) {
    this.vertx = vertx;
    this.deadlineMs = deadlineMs;
  }

  public void opened(HttpConnection connection) {
    Watch watch = new Watch(connection);
    watches.put(connection, watch);
    connection.closeHandler(closed -> {
      watches.remove(connection);
      watch.disarm();
    });
    watch.arm();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Watch watch = watches.get(ctx.request().connection());
    if (watch != null) {
      watch.requestArrived();
      ctx.addEndHandler(done -> watch.answered());
    }
    ctx.next();
  }

  /** One connection's state; touched only on its event loop. */
  private final class Watch {
    private final HttpConnection connection;
    private int inFlight;
    private long timer = -1;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    void requestArrived() {
      inFlight++;
      disarm();
    }

    void answered() {
      inFlight--;
      if (inFlight == 0) {
        arm();
      }
    }

    void arm() {
      disarm();
      timer = vertx.setTimer(deadlineMs, id -> {
        timer = -1;
        if (inFlight == 0) {
          connection.close();
        }
      });
    }

    void disarm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
