package cn.qdaipark.scenariohub.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets an API download (a GET, so cross-site request forgery has nothing to gain) be opened from a page: when no
 * bearer token named the caller, the page's session cookie does. A missing or stale cookie leaves a visitor, whom
 * the route then refuses as it would without a token.
 */
public final class BrowserSession implements Handler<RoutingContext> {
  /** The cookie the pages keep the login in. */
  public static final String COOKIE = "sh_session";

  private final AuthService auth;

  public BrowserSession(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (ctx.request().method() != HttpMethod.GET || CurrentUser.of(ctx).isPresent() || cookie == null
        || cookie.getValue().isBlank()) {
      ctx.next();
      return;
    }
    auth.authenticate(cookie.getValue())
        .onSuccess(user -> user.attachTo(ctx))
        .onComplete(done -> ctx.next());
  }
}
