package cn.qdaipark.scenariohub.page;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Double-submit CSRF protection: a random token lives in a cookie and every form repeats it in {@code _csrf};
 * a POST whose field does not match the cookie is refused. Login and logout issue a fresh token.
 */
final class Csrf implements Handler<RoutingContext> {
  static final String COOKIE = "sh_csrf";
  static final String FIELD = "_csrf";
  private static final String KEY = "csrfToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void handle(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String token = cookie == null ? null : cookie.getValue();
    if (ctx.request().method() == HttpMethod.POST) {
      String sent = ctx.request().getFormAttribute(FIELD);
      if (token == null || sent == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
          sent.getBytes(StandardCharsets.UTF_8))) {
        ctx.fail(new Rejected());
        return;
      }
    }
    if (token == null || token.isBlank()) {
      renew(ctx);
    } else {
      ctx.put(KEY, token);
    }
    ctx.next();
  }

  static void renew(RoutingContext ctx) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ctx.response().addCookie(SessionCookie.cookie(ctx, COOKIE, token));
    ctx.put(KEY, token);
  }

  static String token(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** A form post without the matching token: shown as a 403 page asking to reload the form. */
  static final class Rejected extends RuntimeException {
    Rejected() {
      super("CSRF token missing or wrong", null, false, false);
    }
  }
}
