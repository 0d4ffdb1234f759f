package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** A person's own alert delivery settings. */
public final class NotificationSettingsRoutes {
  private final NotificationSettingsService settings;

  public NotificationSettingsRoutes(NotificationSettingsService settings) {
    this.settings = settings;
  }

  public void mount(Router api) {
    api.get("/notification-settings").handler(this::get);
    api.put("/notification-settings").handler(this::put);
  }

  private void get(RoutingContext ctx) {
    settings.get(CurrentUser.required(ctx))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    settings.put(CurrentUser.required(ctx), Params.body(ctx))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }
}
