package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.ClosingAnswer;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Mounted on its own route before the body handler of an upload or import: the caller's token is verified (the
 * same check as on every route: signature, claims, not revoked) while the body waits unread, so a stranger cannot
 * make the server store or buffer megabytes. A refusal is answered at once and its connection closed once the
 * client stops sending; what it sends meanwhile is discarded, never stored. It only admits: the route's usual authentication still attaches the caller after the body.
 */
public final class CredentialsFirst implements Handler<RoutingContext> {
  private final AuthService auth;
  private final Function<HttpServerRequest, String> token;
  private final Role required;

  private CredentialsFirst(AuthService auth, Function<HttpServerRequest, String> token, Role required) {
    this.auth = auth;
    this.token = token;
    this.required = required;
  }

  /**
   * Admits only callers of that role (403 otherwise): for the imports, whose large bodies are buffered in memory,
   * so that any registered account cannot make the server hold them.
   */
  public CredentialsFirst requiring(Role role) {
    return new CredentialsFirst(auth, token, role);
  }

  /** The API's {@code Authorization: Bearer} token. */
  public static CredentialsFirst bearer(AuthService auth) {
    return new CredentialsFirst(auth, request -> {
      String header = request.getHeader("Authorization");
      return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }, null);
  }

  /** The pages' session cookie of that name. */
  public static CredentialsFirst cookie(AuthService auth, String name) {
    return new CredentialsFirst(auth, request -> {
      Cookie cookie = request.getCookie(name);
      return cookie == null ? null : cookie.getValue();
    }, null);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String presented = token.apply(ctx.request());
    if (presented == null || presented.isBlank()) {
      refuse(ctx, ApiException.unauthorized("请先登录"));
      return;
    }
    // The body handler after this one resumes the request; until then nothing of the body is read.
    ctx.request().pause();
    auth.authenticate(presented)
        .onSuccess(user -> {
          if (required != null && user.role() != required) {
            refuse(ctx, ApiException.forbidden("当前账号角色无权执行此操作"));
          } else {
            ctx.next();
          }
        })
        .onFailure(failure -> refuse(ctx, failure));
  }

  private static void refuse(RoutingContext ctx, Throwable failure) {
    ClosingAnswer.lingerAfter(ctx);
    ctx.fail(failure);
  }
}
