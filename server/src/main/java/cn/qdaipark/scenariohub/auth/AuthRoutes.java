package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

public final class AuthRoutes {
  private final AuthService auth;
  private final UserRepository users;
  private final Pool pool;
  private final PasswordResets resets;

  public AuthRoutes(AuthService auth, UserRepository users, Pool pool, PasswordResets resets) {
    this.auth = auth;
    this.users = users;
    this.pool = pool;
    this.resets = resets;
  }

  public void mount(Router api) {
    api.post("/auth/register").handler(this::register);
    api.post("/auth/login").handler(this::login);
    api.post("/auth/logout").handler(this::logout);
    api.get("/auth/me").handler(this::me);
    api.post("/auth/password-reset").handler(this::requestReset);
    api.post("/auth/password-reset/confirm").handler(this::confirmReset);
  }

  /** 202 whether or not the e-mail has an account (and whether or not the limits let a link go out). */
  private void requestReset(RoutingContext ctx) {
    resets.request(PasswordResets.validEmail(Params.body(ctx).getValue("email")), ClientAddress.of(ctx))
        .onSuccess(done -> ctx.response().setStatusCode(202).end())
        .onFailure(ctx::fail);
  }

  private void confirmReset(RoutingContext ctx) {
    JsonObject body = Params.body(ctx);
    resets.confirm(body.getValue("token"), body.getValue("password"))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void register(RoutingContext ctx) {
    AuthService.Registration registration = AuthService.validateRegistration(Params.body(ctx));
    auth.register(registration, ClientAddress.of(ctx))
        .onSuccess(user -> Responses.json(ctx, 201, user.toJson()))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Params.body(ctx);
    auth.login(body.getValue("email") instanceof String e ? e : "", body.getValue("password") instanceof String p ? p : "",
            ClientAddress.of(ctx))
        .onSuccess(login -> Responses.json(ctx, 200, new JsonObject()
            .put("token", login.token())
            .put("expiresIn", login.expiresIn())
            .put("user", login.user().toJson())))
        .onFailure(failure -> fail(ctx, failure));
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof TooManyAttemptsException tooMany) {
      ctx.response().putHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
    }
    ctx.fail(failure);
  }

  private void logout(RoutingContext ctx) {
    auth.logout(CurrentUser.required(ctx))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    users.findById(pool, user.id())
        .onSuccess(found -> found.ifPresentOrElse(
            account -> Responses.json(ctx, 200, account.toJson()),
            () -> ctx.fail(ApiException.unauthorized("账号不存在"))))
        .onFailure(ctx::fail);
  }
}
