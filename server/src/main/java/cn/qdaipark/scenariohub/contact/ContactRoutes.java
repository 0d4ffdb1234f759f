package cn.qdaipark.scenariohub.contact;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

public final class ContactRoutes {
  private final ContactService service;

  public ContactRoutes(ContactService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.post("/postings/:id/contacts").handler(this::contactForPosting);
    api.get("/postings/:id/contacts").handler(this::list);
    api.post("/solutions/:id/contacts").handler(this::contactFromBuyer);
  }

  private void contactForPosting(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long postingId = Params.pathId(ctx, "id");
    Validator v = new Validator(Params.body(ctx));
    long solutionId = v.wholeNumber("solutionId", 0, 1, Long.MAX_VALUE);
    v.check(solutionId > 0, "solutionId", "必填");
    v.throwIfInvalid();
    service.contactForPosting(user, postingId, solutionId)
        .onSuccess(outcome -> answer(ctx, outcome))
        .onFailure(ctx::fail);
  }

  private void contactFromBuyer(RoutingContext ctx) {
    service.contactFromBuyer(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(outcome -> answer(ctx, outcome))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.listForPosting(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> Responses.json(ctx, 200,
            new JsonObject().put("items", new JsonArray(list.stream().map(Contact::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  /** 201 the first time, 200 when the contact already existed: clicking twice is harmless. */
  private static void answer(RoutingContext ctx, ContactService.Outcome outcome) {
    Responses.json(ctx, outcome.created() ? 201 : 200, outcome.contact().toJson()
        .put("conversationId", outcome.conversationId()).put("conversationUrl", "/conversations/" + outcome.conversationId()));
  }
}
