package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.alert.NotificationRoutes;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a page template inside the layout with what every page needs: strings, user, CSRF token, language.
 * Templates hold no literal Chinese: every text comes from the UTF-8 message bundles, because the Handlebars
 * loader of vertx-web reads template files in the platform charset, which is not UTF-8 everywhere.
 */
final class Views {
  static final String LANG_COOKIE = "sh_lang";
  private static final String TEMPLATES = "web/templates/";

  private static final Logger log = LoggerFactory.getLogger(Views.class);
  /** A database slow to count leaves the bell without its number rather than holding the page. */
  private static final long UNREAD_WAIT_MS = 500;
  private final HandlebarsTemplateEngine engine;
  /** The signed-in person's unread notifications (capped), for the bell of every page. */
  private final Function<Long, Future<Integer>> unread;

  /** Pages without the bell's count (it shows no number). */
  Views(Vertx vertx) {
    this(vertx, user -> Future.succeededFuture(0));
  }

  Views(Vertx vertx, Function<Long, Future<Integer>> unread) {
    this.engine = HandlebarsTemplateEngine.create(vertx);
    this.unread = unread;
  }

  /** The language of this request: {@code ?lang=} (remembered in a cookie), else the cookie, else Chinese. */
  static Messages messages(RoutingContext ctx) {
    Messages cached = ctx.get("messages");
    if (cached != null) {
      return cached;
    }
    String asked = ctx.queryParams().get("lang");
    Messages m;
    if ("en".equals(asked) || "zh".equals(asked)) {
      m = Messages.of(asked);
      ctx.response().addCookie(SessionCookie.cookie(ctx, LANG_COOKIE, asked).setMaxAge(365L * 24 * 3600));
    } else {
      Cookie cookie = ctx.request().getCookie(LANG_COOKIE);
      m = Messages.of(cookie == null ? "zh" : cookie.getValue());
    }
    ctx.put("messages", m);
    return m;
  }

  void render(RoutingContext ctx, String template, String title, Map<String, Object> model) {
    render(ctx, 200, template, title, model);
  }

  void render(RoutingContext ctx, int status, String template, String title, Map<String, Object> model) {
    page(ctx, template, title, model)
        .onSuccess(html -> {
          if (ctx.response().ended()) {
            // answered already (503 at the request deadline): a page arriving after it has no one to go to
            return;
          }
          ctx.response().setStatusCode(status)
              .putHeader("Content-Type", "text/html; charset=utf-8")
              .putHeader("Cache-Control", "no-store")
              .end(html);
        })
        .onFailure(ctx::fail);
  }

  Future<String> page(RoutingContext ctx, String template, String title, Map<String, Object> model) {
    Messages m = messages(ctx);
    Map<String, Object> data = new HashMap<>(model);
    data.put("t", m.all());
    data.put("lang", m.lang());
    data.put("english", m.english());
    data.put("title", title);
    data.put("csrf", Csrf.token(ctx));
    // The raw path may start with "//" (normalizing folds it) or "/\" (browsers read a backslash as a slash):
    // either way a link to it would lead to another site.
    String path = ctx.normalizedPath().replace("\\", "%5C");
    Object section = model.containsKey("section") ? model.get("section") : section(path);
    data.put("active", Map.of(section, true));
    data.put("langSwitch", Query.of(ctx.queryParams(), ctx.queryParams().names().toArray(String[]::new))
        .with("lang", m.english() ? "zh" : "en").link(path));
    CurrentUser.of(ctx).ifPresent(user -> data.put("me", new Me(user.email(), m.get("role_" + user.role().wire()))));
    Future<Integer> count = CurrentUser.of(ctx).map(user -> unread.apply(user.id())
            .timeout(UNREAD_WAIT_MS, TimeUnit.MILLISECONDS)
            .recover(e -> {
              // the bell is a convenience: a page is still worth showing without its number
              log.debug("unread count unavailable", e);
              return Future.succeededFuture(0);
            }))
        .orElse(Future.succeededFuture(0));
    return count.compose(n -> {
      if (n > 0) {
        data.put("bellUnread", n >= NotificationRoutes.UNREAD_CAP ? (NotificationRoutes.UNREAD_CAP - 1) + "+" : n.toString());
      }
      return engine.render(data, TEMPLATES + template + ".hbs");
    }).map(buffer -> buffer.toString());
  }

  private static String section(String path) {
    if (path.equals("/")) {
      return "home";
    }
    if (path.startsWith("/solutions")) {
      return "solutions";
    }
    if (path.startsWith("/challenges")) {
      return "challenges";
    }
    if (path.startsWith("/demands") || path.startsWith("/postings")) {
      return "demands";
    }
    return path.substring(1).split("/")[0];
  }

  record Me(String email, String roleName) {
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }
}
