package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.ClientAddress;
import cn.qdaipark.scenariohub.auth.PasswordResets;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/** 忘记密码: asking for a reset link by e-mail, and setting the new password from the link. */
final class PasswordResetPages {
  private final Views views;
  private final PasswordResets resets;

  PasswordResetPages(Views views, PasswordResets resets) {
    this.views = views;
    this.resets = resets;
  }

  void requestForm(RoutingContext ctx) {
    showRequest(ctx, 200, "", Map.of(), false);
  }

  /** The same page whether or not the e-mail has an account. */
  void request(RoutingContext ctx) {
    String typed = value(ctx, "email");
    String email;
    try {
      email = PasswordResets.validEmail(typed);
    } catch (ApiException invalid) {
      showRequest(ctx, 400, typed, Forms.problems(invalid).orElseThrow(() -> invalid), false);
      return;
    }
    resets.request(email, ClientAddress.of(ctx))
        .onSuccess(done -> showRequest(ctx, 200, typed, Map.of(), true))
        .onFailure(ctx::fail);
  }

  void confirmForm(RoutingContext ctx) {
    showConfirm(ctx, 200, value(ctx, "token"), Map.of());
  }

  void confirm(RoutingContext ctx) {
    String token = value(ctx, "token");
    resets.confirm(token, ctx.request().getFormAttribute("password"))
        .onSuccess(done -> Views.redirect(ctx, "/login?notice=password_reset_done"))
        .onFailure(e -> Forms.problems(e).ifPresentOrElse(errors -> showConfirm(ctx, 400, token, errors),
            () -> ctx.fail(e)));
  }

  private void showRequest(RoutingContext ctx, int status, String email, Map<String, String> errors, boolean sent) {
    Messages m = Views.messages(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("email", email);
    model.put("sent", sent);
    model.put("errors", MessageTranslator.fields(errors, m));
    views.render(ctx, status, "password-reset", m.get("reset_title"), model);
  }

  private void showConfirm(RoutingContext ctx, int status, String token, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("token", token);
    model.put("errors", MessageTranslator.fields(errors, m));
    views.render(ctx, status, "password-reset-confirm", m.get("reset_confirm_title"), model);
  }

  /** A form field, else the query parameter of the same name (the token arrives in the e-mail's link). */
  private static String value(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    if (v == null) {
      v = ctx.queryParams().get(name);
    }
    return v == null ? "" : v;
  }
}
