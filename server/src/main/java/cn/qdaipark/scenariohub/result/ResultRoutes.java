package cn.qdaipark.scenariohub.result;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

public final class ResultRoutes {
  private final ResultService service;

  public ResultRoutes(ResultService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/results").handler(this::results);
    api.get("/postings/:id/objections").handler(this::objections);
    api.post("/postings/:id/objections").handler(this::object);
    api.post("/objections/:id/answer").handler(this::answer);
  }

  private void results(RoutingContext ctx) {
    service.results(PageRequest.from(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void object(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    String text = text(ctx, 10);
    CreatedAnswer<ResultRepository.Objection> answer = CreatedAnswer.of(ctx, ResultRepository.Objection::toJson);
    service.object(user, Params.pathId(ctx, "id"), text, answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void objections(RoutingContext ctx) {
    service.objections(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> {
          JsonArray items = new JsonArray();
          list.forEach(o -> items.add(o.toJson()));
          Responses.json(ctx, 200, new JsonObject().put("items", items));
        })
        .onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    String text = text(ctx, 2);
    service.answer(user, Params.pathId(ctx, "id"), text)
        .onSuccess(o -> Responses.json(ctx, 200, o.toJson()))
        .onFailure(ctx::fail);
  }

  private static String text(RoutingContext ctx, int min) {
    Validator v = new Validator(Params.body(ctx));
    String text = v.text("text", true, min, 2000);
    v.throwIfInvalid();
    return text;
  }
}
