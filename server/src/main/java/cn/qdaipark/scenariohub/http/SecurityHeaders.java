package cn.qdaipark.scenariohub.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries (pages, API, static files, errors): no content sniffing, no referrer to other
 * sites, no framing, and a policy that runs only the site's own script files (no inline script, no event handler
 * attribute, no plugin) and lets forms post only back to the site. Inline style attributes stay allowed: the
 * progress bars set their width that way, and styles cannot run code.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
      + "form-action 'self'";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.next();
  }
}
