package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** A person's own saved searches; someone else's are reported as not found. */
public final class SavedSearchRoutes {
  private final SavedSearchService searches;

  public SavedSearchRoutes(SavedSearchService searches) {
    this.searches = searches;
  }

  public void mount(Router api) {
    api.get("/saved-searches").handler(this::list);
    api.post("/saved-searches").handler(this::create);
    api.delete("/saved-searches/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    searches.list(CurrentUser.required(ctx))
        .onSuccess(all -> Responses.json(ctx, 200, new JsonObject()
            .put("items", new JsonArray(all.stream().map(SavedSearch::toJson).toList()))
            .put("limit", SavedSearchService.MAX_PER_USER)))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    CreatedAnswer<SavedSearch> answer = CreatedAnswer.of(ctx, SavedSearch::toJson);
    searches.create(CurrentUser.required(ctx), Params.body(ctx), answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    searches.delete(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
