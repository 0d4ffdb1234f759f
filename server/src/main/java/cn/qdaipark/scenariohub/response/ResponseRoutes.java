package cn.qdaipark.scenariohub.response;

import cn.qdaipark.scenariohub.acceptance.DemandAcceptance;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

public final class ResponseRoutes {
  private final ResponseService service;

  public ResponseRoutes(ResponseService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.post("/postings/:id/responses").handler(this::respond);
    api.get("/postings/:id/responses").handler(this::list);
    api.get("/responses").handler(this::mine);
    api.get("/responses/:id").handler(this::get);
    api.put("/responses/:id").handler(this::update);
    api.delete("/responses/:id").handler(this::withdraw);
    api.post("/responses/:id/shortlist").handler(ctx -> decide(ctx, service::shortlist));
    api.post("/responses/:id/decline").handler(this::decline);
    api.post("/responses/:id/pilot").handler(ctx -> decide(ctx, service::pilot));
    api.post("/responses/:id/landed").handler(ctx -> withAcceptance(ctx, service::landed));
    api.post("/responses/:id/acceptance").handler(ctx -> withAcceptance(ctx, service::accept));
    api.get("/responses/:id/acceptances").handler(this::acceptances);
  }

  private void respond(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long postingId = Params.pathId(ctx, "id");
    ResponseInput input = ResponseInput.read(Params.body(ctx));
    service.respond(user, postingId, input)
        .onSuccess(r -> Responses.json(ctx, 201, r.toJson()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.listForPosting(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> Responses.items(ctx, list, RankedResponse::toJson))
        .onFailure(ctx::fail);
  }

  private void mine(RoutingContext ctx) {
    service.mine(CurrentUser.required(ctx))
        .onSuccess(list -> Responses.items(ctx, list, DemandResponse::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(r -> Responses.json(ctx, 200, r.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    long version = v.wholeNumber("version", 0, 1, Integer.MAX_VALUE);
    v.check(version > 0, "version", "必填");
    v.throwIfInvalid();
    ResponseInput input = ResponseInput.read(body);
    service.update(user, id, (int) version, input)
        .onSuccess(r -> Responses.json(ctx, 200, r.toJson()))
        .onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    service.withdraw(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void decline(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    String reason = ResponseInput.reason(Params.body(ctx));
    service.decline(user, id, reason)
        .onSuccess(r -> Responses.json(ctx, 200, r.toJson()))
        .onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx, BiFunction<CurrentUser, Long, Future<DemandResponse>> decision) {
    decision.apply(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(r -> Responses.json(ctx, 200, r.toJson()))
        .onFailure(ctx::fail);
  }

  private void withAcceptance(RoutingContext ctx, AcceptanceDecision decision) {
    decision.apply(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.bodyOrEmpty(ctx))
        .onSuccess(r -> Responses.json(ctx, 200, r.toJson()))
        .onFailure(ctx::fail);
  }

  private interface AcceptanceDecision {
    Future<DemandResponse> apply(CurrentUser user, long id, JsonObject acceptance);
  }

  private void acceptances(RoutingContext ctx) {
    service.acceptances(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> Responses.items(ctx, list, DemandAcceptance::toJson))
        .onFailure(ctx::fail);
  }
}
