package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/**
 * A person's own in-app notifications: list (optionally unread only, with the unread count), mark one or all as
 * read, and the channel of each kind.
 */
public final class NotificationRoutes {
  private final Pool pool;
  /** Beyond this the count says "at least": the bell shows 99+. */
  public static final int UNREAD_CAP = 100;
  private final NotificationRepository notifications;
  private final NotificationPreferences preferences;

  public NotificationRoutes(Pool pool, NotificationRepository notifications, NotificationPreferences preferences) {
    this.pool = pool;
    this.notifications = notifications;
    this.preferences = preferences;
  }

  public void mount(Router api) {
    api.get("/notifications").handler(this::list);
    api.post("/notifications/read-all").handler(this::markAllRead);
    api.post("/notifications/:id/read").handler(this::markRead);
    api.get("/notification-preferences").handler(this::preferences);
    api.put("/notification-preferences").handler(this::setPreferences);
  }

  private void list(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    boolean unread = "true".equals(Params.oneOf(ctx, "unread", Set.of("true", "false")));
    PageRequest page = PageRequest.from(ctx);
    notifications.list(pool, user.id(), unread, page)
        .compose(result -> notifications.unreadCount(pool, user.id(), UNREAD_CAP)
            .map(count -> result.toJson(page, Notification::toJson).put("unreadCount", count)))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void markAllRead(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    notifications.markAllRead(pool, user.id())
        .onSuccess(marked -> Responses.json(ctx, 200, new JsonObject().put("marked", marked)))
        .onFailure(ctx::fail);
  }

  private void preferences(RoutingContext ctx) {
    preferences.get(CurrentUser.required(ctx).id())
        .onSuccess(choices -> Responses.json(ctx, 200, NotificationPreferences.toJson(choices)))
        .onFailure(ctx::fail);
  }

  private void setPreferences(RoutingContext ctx) {
    preferences.put(CurrentUser.required(ctx), Params.body(ctx))
        .onSuccess(choices -> Responses.json(ctx, 200, NotificationPreferences.toJson(choices)))
        .onFailure(ctx::fail);
  }

  private void markRead(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    notifications.markRead(pool, user.id(), Params.pathId(ctx, "id"))
        .onSuccess(found -> {
          if (!found) {
            ctx.fail(ApiException.notFound("通知"));
            return;
          }
          Responses.json(ctx, 200, new JsonObject().put("id", Long.parseLong(ctx.pathParam("id"))).put("read", true));
        })
        .onFailure(ctx::fail);
  }
}
