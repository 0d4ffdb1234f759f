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

/** A person's own in-app notifications: list (optionally unread only) and mark as read. */
public final class NotificationRoutes {
  private final Pool pool;
  private final NotificationRepository notifications;

  public NotificationRoutes(Pool pool, NotificationRepository notifications) {
    this.pool = pool;
    this.notifications = notifications;
  }

  public void mount(Router api) {
    api.get("/notifications").handler(this::list);
    api.post("/notifications/:id/read").handler(this::markRead);
  }

  private void list(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    boolean unread = "true".equals(Params.oneOf(ctx, "unread", Set.of("true", "false")));
    PageRequest page = PageRequest.from(ctx);
    notifications.list(pool, user.id(), unread, page)
        .onSuccess(result -> Responses.json(ctx, 200, result.toJson(page, Notification::toJson)))
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
