package cn.qdaipark.scenariohub.review;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

public final class ReviewRoutes {
  private final ReviewService service;

  public ReviewRoutes(ReviewService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/postings/:id/rubric").handler(this::rubric);
    api.put("/postings/:id/rubric").handler(this::setRubric);
    api.get("/postings/:id/reviewers").handler(this::reviewers);
    api.post("/postings/:id/reviewers").handler(this::addReviewer);
    api.get("/postings/:id/review").handler(this::table);
    api.put("/applications/:id/scores").handler(this::score);
    api.post("/applications/:id/shortlist").handler(this::shortlist);
    api.post("/applications/:id/award").handler(this::award);
    api.get("/reviews/mine").handler(this::mine);
    api.post("/postings/:id/recusal").handler(ctx -> recuse(ctx, false));
    api.post("/applications/:id/recusal").handler(ctx -> recuse(ctx, true));
  }

  private void rubric(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    service.rubric(CurrentUser.of(ctx), id)
        .onSuccess(rubric -> Responses.json(ctx, 200, new JsonObject().put("postingId", id)
            .put("criteria", rubric.map(Rubric::toJson).orElse(new JsonArray()))))
        .onFailure(ctx::fail);
  }

  private void setRubric(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    Rubric rubric = Rubric.read(Params.body(ctx));
    service.setRubric(user, id, rubric)
        .onSuccess(saved -> Responses.json(ctx, 200, new JsonObject().put("postingId", id).put("criteria", saved.toJson())))
        .onFailure(ctx::fail);
  }

  private void reviewers(RoutingContext ctx) {
    service.reviewers(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("items", list)))
        .onFailure(ctx::fail);
  }

  private void addReviewer(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Validator v = new Validator(Params.body(ctx));
    long reviewer = v.wholeNumber("userId", 0, 1, Long.MAX_VALUE);
    v.check(reviewer > 0, "userId", "必填");
    v.throwIfInvalid();
    service.addReviewer(user, Params.pathId(ctx, "id"), reviewer)
        .onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("items", list)))
        .onFailure(ctx::fail);
  }

  private void table(RoutingContext ctx) {
    service.table(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void score(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    JsonObject body = Params.body(ctx);
    service.score(user, id, body)
        .onSuccess(done -> Responses.json(ctx, 200, new JsonObject().put("applicationId", id)
            .put("scores", body.getJsonArray("scores"))))
        .onFailure(ctx::fail);
  }

  private void shortlist(RoutingContext ctx) {
    service.shortlist(CurrentUser.required(ctx), Params.pathId(ctx, "id"), confirmIncomplete(ctx))
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  private void award(RoutingContext ctx) {
    service.award(CurrentUser.required(ctx), Params.pathId(ctx, "id"), confirmIncomplete(ctx))
        .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
        .onFailure(ctx::fail);
  }

  private static boolean confirmIncomplete(RoutingContext ctx) {
    Object confirm = Params.bodyOrEmpty(ctx).getValue("confirmIncomplete");
    if (confirm != null && !(confirm instanceof Boolean)) {
      throw ApiException.validation(Map.of("confirmIncomplete", "必须是 true 或 false"));
    }
    return Boolean.TRUE.equals(confirm);
  }

  private void mine(RoutingContext ctx) {
    service.assignments(CurrentUser.required(ctx))
        .onSuccess(list -> Responses.json(ctx, 200, new JsonObject().put("items",
            new JsonArray(list.stream().map(ReviewRepository.Assignment::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void recuse(RoutingContext ctx, boolean application) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    String reason = recusalReason(Params.body(ctx));
    (application ? service.recuseFromApplication(user, id, reason) : service.recuse(user, id, null, reason))
        .onSuccess(recusal -> Responses.json(ctx, 201, recusal.toJson()))
        .onFailure(ctx::fail);
  }

  /** The reason of a declared conflict of interest: required, as the issuer must be able to judge it. */
  public static String recusalReason(JsonObject body) {
    Validator v = new Validator(body);
    String reason = v.text("reason", true, 2, 500);
    v.throwIfInvalid();
    return reason;
  }
}
