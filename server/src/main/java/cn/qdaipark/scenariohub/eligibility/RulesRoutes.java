package cn.qdaipark.scenariohub.eligibility;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

public final class RulesRoutes {
  private final RulesService service;

  public RulesRoutes(RulesService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/postings/:id/rules").handler(this::rules);
    api.put("/postings/:id/rules").handler(this::setRules);
  }

  private void rules(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    service.rules(CurrentUser.of(ctx), id)
        .onSuccess(rules -> Responses.json(ctx, 200, rules.toJson().put("postingId", id)))
        .onFailure(ctx::fail);
  }

  private void setRules(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    ChallengeRules rules = ChallengeRules.read(Params.body(ctx));
    service.setRules(user, id, rules)
        .onSuccess(saved -> Responses.json(ctx, 200, saved.toJson().put("postingId", id)))
        .onFailure(ctx::fail);
  }
}
