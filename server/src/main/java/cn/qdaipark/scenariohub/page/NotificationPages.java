package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.alert.NotificationKinds;
import cn.qdaipark.scenariohub.alert.NotificationPreferences;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 通知中心: the person's notifications newest first, marking them read, and the channel of each kind. */
final class NotificationPages {
  private static final int PAGE_SIZE = 20;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final List<String> NOTICES = List.of("notifications_all_read", "notifications_settings_saved");

  private final Views views;
  private final Pool pool;
  private final PageRoutes.Alerts alerts;

  NotificationPages(Views views, Pool pool, PageRoutes.Alerts alerts) {
    this.views = views;
    this.pool = pool;
    this.alerts = alerts;
  }

  record Item(long id, String kind, String title, String body, String when, boolean read) {
  }

  record Setting(String kind, String label, List<Forms.Option> channels, boolean required) {
  }

  void list(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    int page = Pager.number(ctx.queryParams().get("page"));
    PageRequest request = new PageRequest(page, PAGE_SIZE);
    alerts.notifications().list(pool, user.id(), false, request).onSuccess(found -> {
      Map<String, Object> model = new HashMap<>();
      model.put("notice", notice(ctx, m));
      model.put("items", found.items().stream().map(n -> new Item(n.id(), NotificationKinds.of(n.kind()).label(m.english()),
          NotificationTranslator.translate(n.title(), m), NotificationTranslator.translate(n.body(), m), n.createdAt().atZoneSameInstant(ZONE).format(WHEN), n.readAt() != null)).toList());
      model.put("anyUnread", found.items().stream().anyMatch(n -> n.readAt() == null));
      model.put("page", page);
      model.put("pager", Pager.of(Query.empty(), "/notifications", page, PAGE_SIZE, found.total()));
      views.render(ctx, "notifications", m.get("notifications_title"), model);
    }).onFailure(ctx::fail);
  }

  /** The link of a notification (in the list or an e-mail) goes through here: it is read once opened. */
  void open(RoutingContext ctx) {
    alerts.notifications().markReadFor(pool, CurrentUser.required(ctx).id(), PageRoutes.pathId(ctx))
        .onSuccess(link -> {
          if (link == null) {
            ctx.fail(ApiException.notFound("通知"));
            return;
          }
          Views.redirect(ctx, link.isEmpty() ? "/notifications" : AuthPages.safeNext(link));
        })
        .onFailure(ctx::fail);
  }

  void markRead(RoutingContext ctx) {
    alerts.notifications().markRead(pool, CurrentUser.required(ctx).id(), PageRoutes.pathId(ctx))
        .onSuccess(found -> {
          if (!found) {
            ctx.fail(ApiException.notFound("通知"));
            return;
          }
          Views.redirect(ctx, "/notifications" + samePage(ctx));
        })
        .onFailure(ctx::fail);
  }

  void markAllRead(RoutingContext ctx) {
    alerts.notifications().markAllRead(pool, CurrentUser.required(ctx).id())
        .onSuccess(marked -> Views.redirect(ctx, "/notifications?notice=notifications_all_read"))
        .onFailure(ctx::fail);
  }

  void settings(RoutingContext ctx) {
    showSettings(ctx, 200, Map.of());
  }

  /** One radio group per kind, named by the kind; a group left out keeps its channel. */
  void saveSettings(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject kinds = new JsonObject();
    NotificationKinds.all().forEach(k -> {
      if (form.get(k.code()) != null) {
        kinds.put(k.code(), form.get(k.code()));
      }
    });
    alerts.preferences().put(CurrentUser.required(ctx), new JsonObject().put("kinds", kinds))
        .onSuccess(saved -> Views.redirect(ctx, "/notifications/settings?notice=notifications_settings_saved"))
        .onFailure(e -> Forms.problems(e).ifPresentOrElse(errors -> showSettings(ctx, 400, errors), () -> ctx.fail(e)));
  }

  private void showSettings(RoutingContext ctx, int status, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    alerts.preferences().get(CurrentUser.required(ctx).id()).onSuccess(choices -> {
      Map<String, Object> model = new HashMap<>();
      model.put("notice", notice(ctx, m));
      model.put("hasErrors", !errors.isEmpty());
      model.put("settings", choices.stream().map(c -> setting(c, m)).toList());
      views.render(ctx, status, "notification-settings", m.get("notifications_settings_title"), model);
    }).onFailure(ctx::fail);
  }

  private static Setting setting(NotificationPreferences.Choice c, Messages m) {
    return new Setting(c.kind().code(), c.kind().label(m.english()), c.kind().channels().stream()
        .map(ch -> new Forms.Option(ch, m.get("notifications_channel_" + ch), ch.equals(c.channel()))).toList(),
        !c.kind().mayTurnOff());
  }

  private static String notice(RoutingContext ctx, Messages m) {
    String notice = ctx.queryParams().get("notice");
    return notice != null && NOTICES.contains(notice) ? m.get("notice_" + notice) : null;
  }

  private static String samePage(RoutingContext ctx) {
    int page = Pager.number(ctx.request().getFormAttribute("page"));
    return page > 1 ? "?page=" + page : "";
  }
}
