package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.application.Application.Endorsement;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

public final class EndorsementRoutes {
  private final EndorsementService service;

  public EndorsementRoutes(EndorsementService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/endorsements").handler(this::list);
    api.post("/applications/:id/endorse").handler(ctx -> decide(ctx, true));
    api.post("/applications/:id/decline").handler(ctx -> decide(ctx, false));
  }

  private void list(RoutingContext ctx) {
    String state = Optional.ofNullable(Params.oneOf(ctx, "status",
        Set.of(Endorsement.PENDING, Endorsement.ENDORSED, Endorsement.DECLINED))).orElse(Endorsement.PENDING);
    service.list(CurrentUser.required(ctx), state)
        .onSuccess(list -> Responses.items(ctx, list, Application::toJson))
        .onFailure(ctx::fail);
  }

  /** The body is optional: {@code {note}} with the endorsing body's remark, at most 500 characters. */
  private void decide(RoutingContext ctx, boolean endorse) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    boolean empty = ctx.body() == null || ctx.body().asString() == null || ctx.body().asString().isBlank();
    Validator v = new Validator(empty ? new JsonObject() : Params.body(ctx));
    String note = v.text("note", false, 0, 500);
    v.throwIfInvalid();
    String kept = note.isEmpty() ? null : note;
    (endorse ? service.endorse(user, id, kept) : service.decline(user, id, kept))
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }
}
