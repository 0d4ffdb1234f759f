package cn.qdaipark.scenariohub.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request is answered within a bounded time. The first handler of the router arms the standard deadline;
 * routes that legitimately take longer (bulk imports, attachment uploads, exports) mount {@link #extended} to get
 * the long one. When the deadline passes before the answer has started: a body still arriving is 408 and the
 * connection is closed (so a slow sender cannot hold it), otherwise the request is 503 {@code unavailable} with
 * Retry-After, rendered by the route's own failure handler (JSON for the API, an error page for pages). A response
 * already streaming is left to finish.
 */
public final class RequestDeadline implements Handler<RoutingContext> {
  private static final String KEY = RequestDeadline.class.getName();
  private static final String EXPIRED = KEY + ".expired";
  private final long standardMs;
  private final long longMs;

  public RequestDeadline(long standardMs, long longMs) {
    this.standardMs = standardMs;
    this.longMs = longMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, new Armed(this, ctx.vertx().setTimer(standardMs, id -> expire(ctx))));
    ctx.addEndHandler(done -> {
      Armed armed = ctx.get(KEY);
      ctx.vertx().cancelTimer(armed.timer());
    });
    ctx.next();
  }

  /** A handler giving the request the long deadline, for a route of its own mounted before the body handler. */
  public static void extended(RoutingContext ctx) {
    extend(ctx);
    ctx.next();
  }

  /** Replaces the standard deadline of this request by the long one, counted from now. */
  public static void extend(RoutingContext ctx) {
    Armed armed = ctx.get(KEY);
    if (armed != null && ctx.vertx().cancelTimer(armed.timer())) {
      ctx.put(KEY, new Armed(armed.deadline(), ctx.vertx().setTimer(armed.deadline().longMs, id -> expire(ctx))));
    }
  }

  private static void expire(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      return;
    }
    if (!ctx.request().isEnded()) {
      ClosingAnswer.closeAfter(ctx);
      ctx.fail(new ApiException(408, "request_timeout", "请求体未能在限定时间内收到"));
      return;
    }
    ctx.put(EXPIRED, true);
    ctx.fail(ApiException.unavailable("服务繁忙，请求未能在限定时间内完成，请稍后重试"));
  }

  /** Whether the request was answered 503 by its deadline while its handler may still be running. */
  static boolean expired(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(EXPIRED));
  }

  private record Armed(RequestDeadline deadline, long timer) {
  }
}
