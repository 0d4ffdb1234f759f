package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.ClientAddress;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.TooManyAttemptsException;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Log in, register and log out for the browser; the token goes into the session cookie, never into the page. */
final class AuthPages {
  private static final List<String> ROLES = List.of("provider", "government", "buyer");

  private final Views views;
  private final AuthService auth;
  private final Csrf csrf;

  AuthPages(Views views, AuthService auth, Csrf csrf) {
    this.views = views;
    this.auth = auth;
    this.csrf = csrf;
  }

  void loginForm(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("next", safeNext(ctx.queryParams().get("next")));
    if ("password_reset_done".equals(ctx.queryParams().get("notice"))) {
      model.put("notice", Views.messages(ctx).get("notice_password_reset_done"));
    }
    showLogin(ctx, 200, model, null);
  }

  void login(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    Map<String, Object> typed = Map.of("email", email == null ? "" : email, "next", next);
    auth.login(email, ctx.request().getFormAttribute("password"), ClientAddress.of(ctx))
        .onSuccess(login -> {
          SessionCookie.set(ctx, login.token(), login.expiresIn());
          csrf.renew(ctx, login.token());
          Views.redirect(ctx, next);
        })
        .onFailure(failure -> {
          Messages m = Views.messages(ctx);
          String error = failure instanceof TooManyAttemptsException tooMany
              ? m.format("login_throttled", retryAfter(ctx, tooMany))
              : m.get("login_failed");
          showLogin(ctx, failure instanceof TooManyAttemptsException ? 429 : 401, typed, error);
        });
  }

  void registerForm(RoutingContext ctx) {
    showRegister(ctx, 200, new JsonObject().put("role", ctx.queryParams().get("role")), Map.of());
  }

  void register(RoutingContext ctx) {
    JsonObject form = Forms.read(ctx, List.of("email", "password", "displayName", "role", "orgName", "creditCode",
        "invitationCode"),
        List.of(), List.of(), List.of());
    AuthService.Registration registration;
    try {
      registration = AuthService.validateRegistration(form);
    } catch (ApiException invalid) {
      showRegister(ctx, 400, form, Forms.problems(invalid).orElseThrow(() -> invalid));
      return;
    }
    auth.register(registration, ClientAddress.of(ctx))
        .compose(user -> auth.login(registration.email(), registration.password(), ClientAddress.of(ctx)))
        .onSuccess(login -> {
          SessionCookie.set(ctx, login.token(), login.expiresIn());
          csrf.renew(ctx, login.token());
          Views.redirect(ctx, "/workspace");
        })
        .onFailure(failure -> {
          if (failure instanceof TooManyAttemptsException tooMany) {
            retryAfter(ctx, tooMany);
            showRegister(ctx, 429, form, Map.of("form", MessageTranslator.translate(tooMany.getMessage(), Views.messages(ctx))));
            return;
          }
          Forms.problems(failure).ifPresentOrElse(errors -> showRegister(ctx, 400, form, errors), () -> ctx.fail(failure));
        });
  }

  void logout(RoutingContext ctx) {
    Future<Void> revoked = CurrentUser.of(ctx).map(auth::logout).orElse(Future.succeededFuture());
    revoked.onComplete(done -> {
      SessionCookie.clear(ctx);
      csrf.renew(ctx, null);
      Views.redirect(ctx, "/");
    });
  }

  private void showLogin(RoutingContext ctx, int status, Map<String, Object> typed, String error) {
    Messages m = Views.messages(ctx);
    Map<String, Object> model = new HashMap<>(typed);
    model.put("error", error);
    views.render(ctx, status, "login", m.get("login_title"), model);
  }

  private void showRegister(RoutingContext ctx, int status, JsonObject form, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    form.remove("password");
    Map<String, Object> model = new HashMap<>();
    model.put("form", Forms.typed(form));
    model.put("errors", MessageTranslator.fields(errors, m));
    model.put("roles", ROLES.stream()
        .map(r -> new Forms.Option(r, m.get("role_" + r), r.equals(form.getString("role")))).toList());
    views.render(ctx, status, "register", m.get("register_title"), model);
  }

  /**
   * Only same-site paths, so the login form cannot be used to bounce people to another site. Control characters
   * and spaces are refused too: browsers drop tabs and line breaks from a Location, so {@code /<tab>/evil.example}
   * would become the other site's {@code //evil.example}.
   */
  static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
        && next.chars().noneMatch(c -> c <= ' ' || c == 0x7f) ? next : "/workspace";
  }

  /** Sets Retry-After and answers the wait in whole minutes, as the pages say it. */
  private static long retryAfter(RoutingContext ctx, TooManyAttemptsException tooMany) {
    ctx.response().putHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
    return (tooMany.retryAfterSeconds() + 59) / 60;
  }
}
