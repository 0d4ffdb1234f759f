package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Unavailable;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures of page routes as pages: anonymous callers of a members' page go to the login form, wrong roles
 * get 403, missing records 404, and anything unexpected a 500 page with an id to quote (logged, no internals).
 */
final class PageErrors implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(PageErrors.class);
  private final Views views;

  PageErrors(Views views) {
    this.views = views;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      // already answered, e.g. 503 by the request deadline before the late failure arrived
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Messages m = Views.messages(ctx);
    Throwable failure = ctx.failure();
    int status = failure instanceof ApiException api ? api.status() : failure instanceof Csrf.Rejected ? 403
        : Unavailable.is(failure) ? 503 : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status == 401) {
      String next = ctx.request().method().name().equals("GET") ? ctx.request().uri() : "/";
      Views.redirect(ctx, "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      return;
    }
    String message;
    if (failure instanceof Csrf.Rejected) {
      message = m.get("error_csrf");
    } else if (status == 503) {
      log.warn("page {} unavailable: {}", ctx.request().path(), failure == null ? "503" : failure.toString());
      ctx.response().putHeader("Retry-After", Unavailable.RETRY_AFTER_SECONDS);
      message = m.get("error_503_detail");
    } else if (status >= 500) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      log.error("page {} failed [{}]", ctx.request().path(), id, failure);
      message = m.format("error_500_detail", id);
    } else {
      String said = failure instanceof ApiException api ? MessageTranslator.translate(api.getMessage(), m) : null;
      boolean shown = said != null && (!m.english() || !said.equals(((ApiException) failure).getMessage()));
      message = shown ? said : m.get("error_" + (status == 403 || status == 404 || status == 409 ? status : 400) + "_detail");
    }
    String heading = m.get("error_" + (status == 403 || status == 404 || status == 409 || status == 503 ? status
        : status >= 500 ? 500 : 400));
    views.render(ctx, status, "error", heading, Map.of("heading", heading, "message", message, "status", status));
  }
}
