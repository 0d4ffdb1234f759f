package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the caller from {@code Authorization: Bearer}. Requests without a token pass through as
 * visitors; a token that is present but invalid is refused outright rather than silently ignored.
 */
public final class Authenticator implements Handler<RoutingContext> {
  private final AuthService auth;

  public Authenticator(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      ctx.next();
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      ctx.fail(ApiException.unauthorized("Authorization 头格式应为 Bearer <token>"));
      return;
    }
    auth.authenticate(header.substring(7).trim())
        .onSuccess(user -> {
          user.attachTo(ctx);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
