package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingInput;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Posting and editing a 揭榜挂帅 call or a scenario demand. */
final class PostingFormPages {
  private static final Forms.Shape SHAPE = new Forms.Shape(
      List.of("kind", "title", "description", "domain", "deadline", "region"),
      List.of("requirements"), List.of(), List.of("budgetWan", "version"));

  private final Views views;
  private final PostingService postings;
  private final Clock clock;

  PostingFormPages(Views views, PostingService postings, Clock clock) {
    this.views = views;
    this.postings = postings;
    this.clock = clock;
  }

  void newForm(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.GOVERNMENT, Role.BUYER);
    String kind = user.role() == Role.GOVERNMENT && !"demand".equals(ctx.queryParams().get("kind")) ? "challenge" : "demand";
    show(ctx, 200, null, user, new JsonObject().put("kind", kind), Map.of());
  }

  void create(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.GOVERNMENT, Role.BUYER);
    JsonObject form = Forms.read(ctx, SHAPE);
    Validator v = new Validator(form);
    String kind = PostingInput.readKind(v);
    PostingInput input = PostingInput.readNew(v, LocalDate.now(clock));
    if (!v.errors().isEmpty()) {
      show(ctx, 400, null, user, form, v.errors());
      return;
    }
    save(ctx, null, user, form, postings.create(user, kind, input, draft(ctx), null));
  }

  void editForm(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    postings.get(Optional.of(user), id)
        .onSuccess(p -> {
          if (!user.isAdmin() && !user.belongsTo(p.organizationId())) {
            ctx.fail(ApiException.forbidden("只能修改本组织发布的榜单和需求"));
            return;
          }
          if (!PostingService.editableState(p)) {
            ctx.fail(ApiException.conflict("榜单已截止申报，内容不能再修改"));
            return;
          }
          show(ctx, 200, p.id(), user, toForm(p), Map.of());
        })
        .onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    JsonObject form = Forms.read(ctx, SHAPE);
    Validator v = new Validator(form);
    PostingInput input = PostingInput.read(v);
    Integer version = v.version("version");
    if (!v.errors().isEmpty()) {
      show(ctx, 400, id, user, form, v.errors());
      return;
    }
    save(ctx, id, user, form, postings.update(user, id, version, input, draft(ctx)));
  }

  private void save(RoutingContext ctx, Long id, CurrentUser user, JsonObject form, Future<Posting> saving) {
    saving
        .onSuccess(p -> Views.redirect(ctx, "/postings/" + p.id() + "?saved=1"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> show(ctx, ((ApiException) failure).status(), id, user, form, errors), () -> ctx.fail(failure)));
  }

  private void show(RoutingContext ctx, int status, Long id, CurrentUser user, JsonObject form, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    String kind = form.getString("kind", "demand");
    List<String> kinds = user.role() == Role.GOVERNMENT || user.isAdmin() ? Vocabulary.POSTING_KINDS : List.of("demand");
    Map<String, Object> model = new HashMap<>();
    model.put("id", id);
    model.put("action", id == null ? "/postings/new" : "/postings/" + id + "/edit");
    model.put("heading", m.get(id == null ? "posting_new_title" : "posting_edit_title"));
    model.put("form", Forms.typed(form));
    model.put("errors", MessageTranslator.fields(errors, m));
    model.put("hasErrors", !errors.isEmpty());
    model.put("kinds", kinds.stream().map(k -> new Forms.Option(k, m.get("kind_" + k), k.equals(kind))).toList());
    model.put("domains", Forms.options(Vocabulary.DOMAINS, form.getString("domain"), m));
    model.put("today", LocalDate.now(clock).toString());
    views.render(ctx, status, "posting-form", (String) model.get("heading"), model);
  }

  private static JsonObject toForm(Posting p) {
    return new JsonObject().put("kind", p.kind()).put("title", p.title()).put("description", p.description())
        .put("domain", p.domain()).put("budgetWan", p.budgetWan())
        .put("deadline", p.deadline() == null ? null : p.deadline().toString())
        .put("requirements", new JsonArray(p.requirements())).put("region", p.region()).put("version", p.version());
  }

  private static boolean draft(RoutingContext ctx) {
    return "draft".equals(ctx.request().getFormAttribute("save"));
  }
}
