package cn.qdaipark.scenariohub.solution;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.Moderation;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

public final class SolutionRoutes {
  private final SolutionService service;

  public SolutionRoutes(SolutionService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/solutions").handler(this::list);
    api.post("/solutions").handler(this::create);
    api.get("/solutions/by-ref/:ref").handler(this::byRef);
    api.get("/solutions/:id").handler(this::get);
    api.put("/solutions/:id").handler(this::update);
    api.post("/solutions/:id/archive").handler(this::archive);
    api.post("/admin/solutions/:id/approve").handler(ctx -> moderate(ctx, true));
    api.post("/admin/solutions/:id/reject").handler(ctx -> moderate(ctx, false));
  }

  private void list(RoutingContext ctx) {
    String domain = Params.oneOf(ctx, "domain", Set.copyOf(Vocabulary.DOMAINS));
    SolutionRepository.Filter filter = new SolutionRepository.Filter(
        domain,
        Params.oneOf(ctx, "track", Set.copyOf(Vocabulary.TRACKS)),
        Params.oneOf(ctx, "maturity", Set.copyOf(Vocabulary.MATURITIES)),
        Params.oneOf(ctx, "status", SolutionStatus.ALL),
        Params.optionalId(ctx, "organizationId"),
        Params.oneOf(ctx, "sort", SolutionRepository.sortKeys()));
    PageRequest page = PageRequest.from(ctx);
    service.list(CurrentUser.of(ctx), filter, page)
        .onSuccess(result -> Responses.json(ctx, 200, result.toJson(page, Solution::toJson)))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER, Role.ADMIN);
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    SolutionInput input = SolutionInput.read(v);
    long org = v.wholeNumber("organizationId", 0, 0, Long.MAX_VALUE);
    v.throwIfInvalid();
    CreatedAnswer<Solution> answer = CreatedAnswer.of(ctx, Solution::toJson);
    service.create(user, input, Boolean.TRUE.equals(body.getValue("draft")), org == 0 ? null : org, answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(CurrentUser.of(ctx), Params.pathId(ctx, "id"))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void byRef(RoutingContext ctx) {
    service.getBySourceRef(CurrentUser.of(ctx), ctx.pathParam("ref"))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    SolutionInput input = SolutionInput.read(v);
    Integer version = v.version("version");
    v.throwIfInvalid();
    service.update(user, id, version, input, Boolean.TRUE.equals(body.getValue("draft")))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void archive(RoutingContext ctx) {
    service.archive(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void moderate(RoutingContext ctx, boolean approve) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    String reason = Moderation.reason(ctx, approve);
    service.moderate(admin, Params.pathId(ctx, "id"), approve, reason)
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }
}
