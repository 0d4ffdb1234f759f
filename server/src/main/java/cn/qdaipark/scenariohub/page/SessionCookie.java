package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.BrowserSession;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser's login: the JWT in an HttpOnly, SameSite=Lax cookie. A missing, expired or revoked token
 * makes the request a visitor's (and clears the stale cookie) rather than failing the page.
 */
final class SessionCookie implements Handler<RoutingContext> {
  static final String NAME = BrowserSession.COOKIE;

  private final AuthService auth;

  SessionCookie(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(NAME);
    if (cookie == null || cookie.getValue().isBlank()) {
      ctx.next();
      return;
    }
    auth.authenticate(cookie.getValue())
        .onSuccess(user -> user.attachTo(ctx))
        .onFailure(stale -> clear(ctx))
        .onComplete(done -> ctx.next());
  }

  static void set(RoutingContext ctx, String token, int maxAgeSeconds) {
    ctx.response().addCookie(cookie(ctx, NAME, token).setMaxAge(maxAgeSeconds));
  }

  static void clear(RoutingContext ctx) {
    ctx.response().addCookie(cookie(ctx, NAME, "").setMaxAge(0));
  }

  /** Secure only when the request came over TLS, so plain-HTTP localhost keeps working. */
  static Cookie cookie(RoutingContext ctx, String name, String value) {
    boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(tls);
  }
}
