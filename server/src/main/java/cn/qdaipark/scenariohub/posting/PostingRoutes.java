package cn.qdaipark.scenariohub.posting;

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
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

public final class PostingRoutes {
  private final PostingService service;
  private final Clock clock;

  public PostingRoutes(PostingService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  public void mount(Router api) {
    api.get("/postings").handler(this::list);
    api.post("/postings").handler(this::create);
    api.get("/postings/by-ref/:ref").handler(this::byRef);
    api.get("/postings/:id").handler(this::get);
    api.put("/postings/:id").handler(this::update);
    api.post("/admin/postings/:id/approve").handler(ctx -> moderate(ctx, true));
    api.post("/admin/postings/:id/reject").handler(ctx -> moderate(ctx, false));
  }

  private void list(RoutingContext ctx) {
    PostingRepository.Filter filter = new PostingRepository.Filter(
        Params.oneOf(ctx, "kind", Set.copyOf(Vocabulary.POSTING_KINDS)),
        Params.oneOf(ctx, "domain", Set.copyOf(Vocabulary.DOMAINS)),
        Params.oneOf(ctx, "status", PostingStatus.ALL),
        Params.optionalId(ctx, "organizationId"),
        (long) Params.intParam(ctx, "minBudgetWan", 0, 0, Integer.MAX_VALUE),
        ctx.queryParams().contains("maxBudgetWan") ? (long) Params.intParam(ctx, "maxBudgetWan", 0, 0, Integer.MAX_VALUE) : null,
        Params.oneOf(ctx, "sort", PostingRepository.sortKeys()),
        Params.optionalDate(ctx, "deadlineFrom"),
        Params.optionalDate(ctx, "deadlineTo"));
    PageRequest page = PageRequest.from(ctx);
    service.list(CurrentUser.of(ctx), filter, page)
        .onSuccess(result -> Responses.json(ctx, 200, result.toJson(page, Posting::toJson)))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.GOVERNMENT, Role.BUYER, Role.ADMIN);
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    String kind = PostingInput.readKind(v);
    PostingInput input = PostingInput.readNew(v, LocalDate.now(clock));
    long org = v.wholeNumber("organizationId", 0, 0, Long.MAX_VALUE);
    v.throwIfInvalid();
    CreatedAnswer<Posting> answer = CreatedAnswer.of(ctx, Posting::toJson);
    service.create(user, kind, input, Boolean.TRUE.equals(body.getValue("draft")), org == 0 ? null : org, answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(CurrentUser.of(ctx), Params.pathId(ctx, "id"))
        .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
        .onFailure(ctx::fail);
  }

  private void byRef(RoutingContext ctx) {
    Validator v = new Validator(new JsonObject().put("ref", ctx.pathParam("ref")));
    String ref = v.line("ref", true, 1, 100);
    v.throwIfInvalid();
    service.getBySourceRef(CurrentUser.of(ctx), ref)
        .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    PostingInput input = PostingInput.read(v);
    Integer version = v.version("version");
    v.throwIfInvalid();
    service.update(user, id, version, input, Boolean.TRUE.equals(body.getValue("draft")))
        .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
        .onFailure(ctx::fail);
  }

  private void moderate(RoutingContext ctx, boolean approve) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    String reason = Moderation.reason(ctx, approve);
    service.moderate(admin, Params.pathId(ctx, "id"), approve, reason)
        .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
        .onFailure(ctx::fail);
  }
}
