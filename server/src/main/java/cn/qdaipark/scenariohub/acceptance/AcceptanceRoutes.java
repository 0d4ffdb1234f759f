package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.review.ReviewRoutes;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

public final class AcceptanceRoutes {
  private final AcceptanceService service;

  public AcceptanceRoutes(AcceptanceService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/postings/:id/acceptance").handler(this::ofPosting);
    api.get("/acceptances/mine").handler(this::mine);
    api.get("/acceptances/:id").handler(this::round);
    api.post("/acceptances/:id/panel").handler(this::appoint);
    api.put("/acceptances/:id/scores").handler(this::score);
    api.post("/acceptances/:id/recusal").handler(this::recuse);
    api.post("/acceptances/:id/conclusion").handler(this::conclude);
  }

  private void ofPosting(RoutingContext ctx) {
    service.ofPosting(CurrentUser.of(ctx), Params.pathId(ctx, "id"))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void mine(RoutingContext ctx) {
    service.assignments(CurrentUser.required(ctx))
        .onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("items",
            new JsonArray(list.stream().map(AcceptanceRepository.Assignment::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void round(RoutingContext ctx) {
    service.round(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void appoint(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Validator v = new Validator(Params.body(ctx));
    long member = v.wholeNumber("userId", 0, 1, Long.MAX_VALUE);
    v.check(member > 0, "userId", "必填");
    v.throwIfInvalid();
    service.appoint(user, Params.pathId(ctx, "id"), member)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void score(RoutingContext ctx) {
    service.score(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.body(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void recuse(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    String reason = ReviewRoutes.recusalReason(Params.body(ctx));
    service.recuse(user, Params.pathId(ctx, "id"), reason)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void conclude(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Validator v = new Validator(Params.body(ctx));
    String outcome = v.oneOf("outcome", AcceptanceService.OUTCOMES, Map.of());
    String summary = v.text("summary", false, 0, ScoreSheet.MAX_COMMENT);
    v.throwIfInvalid();
    service.conclude(user, Params.pathId(ctx, "id"), outcome, summary)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }
}
