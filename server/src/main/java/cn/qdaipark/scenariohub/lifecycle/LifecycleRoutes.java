package cn.qdaipark.scenariohub.lifecycle;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

public final class LifecycleRoutes {
  private final LifecycleService service;

  public LifecycleRoutes(LifecycleService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.post("/postings/:id/transitions").handler(this::transition);
    api.get("/postings/:id/timeline").handler(this::timeline);
    api.post("/postings/:id/close").handler(ctx -> move(ctx, PostingStatus.CLOSED, null));
    api.post("/postings/:id/archive").handler(ctx -> move(ctx, PostingStatus.ARCHIVED, null));
  }

  private void transition(RoutingContext ctx) {
    CurrentUser.required(ctx);
    Validator v = new Validator(Params.body(ctx));
    String to = v.oneOf("to", PostingStatus.ALL, Map.of());
    String note = v.text("note", false, 0, 500);
    v.throwIfInvalid();
    move(ctx, to, note.isEmpty() ? null : note);
  }

  private void move(RoutingContext ctx, String to, String note) {
    service.transition(CurrentUser.required(ctx), Params.pathId(ctx, "id"), to, note)
        .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
        .onFailure(ctx::fail);
  }

  private void timeline(RoutingContext ctx) {
    service.timeline(CurrentUser.of(ctx), Params.pathId(ctx, "id"))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }
}
