package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signed double-submit CSRF protection: the token is a random nonce with an HMAC, under the server's key, of that
 * nonce and the session (the session cookie's JWT; nothing for a visitor). It lives in a cookie and every form
 * repeats it in {@code _csrf}; a POST is refused unless the field equals the cookie and the token is one this server
 * made for this session, so neither an empty pair nor a token planted from another session passes. Login and
 * logout issue a fresh token for the new session; a token of an ended session is replaced on the next page.
 */
final class Csrf implements Handler<RoutingContext> {
  static final String COOKIE = "sh_csrf";
  static final String FIELD = "_csrf";
  private static final String KEY = "csrfToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AuthService auth;

  Csrf(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String token = cookie == null ? "" : cookie.getValue();
    boolean valid = madeFor(token, session(ctx));
    if (ctx.request().method() == HttpMethod.POST) {
      String sent = ctx.request().getFormAttribute(FIELD);
      if (!valid || sent == null
          || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
        ctx.fail(new Rejected());
        return;
      }
    }
    if (valid) {
      ctx.put(KEY, token);
    } else {
      renew(ctx, session(ctx));
    }
    ctx.next();
  }

  /** A fresh token for the session that {@code sessionToken} (null: none) starts, e.g. at login and logout. */
  void renew(RoutingContext ctx, String sessionToken) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String token = nonce + "." + auth.mac(nonce + "|" + (sessionToken == null ? "" : sessionToken));
    ctx.response().addCookie(SessionCookie.cookie(ctx, COOKIE, token));
    ctx.put(KEY, token);
  }

  private boolean madeFor(String token, String sessionToken) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    String expected = auth.mac(token.substring(0, dot) + "|" + (sessionToken == null ? "" : sessionToken));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
  }

  /** The JWT of the request's session, when its session cookie logged it in. */
  private static String session(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SessionCookie.NAME);
    return CurrentUser.of(ctx).isPresent() && cookie != null ? cookie.getValue() : null;
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
