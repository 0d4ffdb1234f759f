package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

public final class ApplicationRoutes {
  private final ApplicationService service;

  public ApplicationRoutes(ApplicationService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.post("/postings/:id/applications").handler(this::submit);
    api.get("/postings/:id/applications").handler(this::list);
    api.get("/applications/:id").handler(this::get);
    api.put("/applications/:id").handler(this::update);
    api.post("/applications/:id/withdraw").handler(this::withdraw);
    api.post("/applications/:id/partners").handler(this::addPartner);
    api.post("/applications/:id/partners/:orgId/confirm").handler(this::confirmPartner);
    api.post("/applications/:id/partners/:orgId/decline").handler(this::declinePartner);
  }

  private void submit(RoutingContext ctx) {
    CreatedAnswer<Application> answer = CreatedAnswer.of(ctx, Application::toJson);
    service.submit(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.body(ctx), answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> Responses.items(ctx, list, Application::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    Integer version = v.version("version");
    v.throwIfInvalid();
    service.update(user, Params.pathId(ctx, "id"), version, body)
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    service.withdraw(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  private void addPartner(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Validator v = new Validator(Params.body(ctx));
    long org = v.wholeNumber("organizationId", 0, 1, Long.MAX_VALUE);
    v.check(org > 0, "organizationId", "必填");
    v.throwIfInvalid();
    service.addPartner(user, Params.pathId(ctx, "id"), org)
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  private void declinePartner(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    String reason = declineReason(Params.bodyOrEmpty(ctx));
    service.declinePartner(user, Params.pathId(ctx, "id"), Params.pathId(ctx, "orgId"), reason)
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  /** The optional reason a partner gives for declining an invitation; null when none. */
  public static String declineReason(JsonObject body) {
    Validator v = new Validator(body);
    String reason = v.text("reason", false, 2, 500);
    v.throwIfInvalid();
    return reason.isEmpty() ? null : reason;
  }

  private void confirmPartner(RoutingContext ctx) {
    service.confirmPartner(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "orgId"))
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }
}
