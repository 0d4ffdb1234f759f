package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionInput;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Posting and editing a solution; the service decides everything, the page only re-shows what was typed. */
final class SolutionFormPages {
  private static final Forms.Shape SHAPE = new Forms.Shape(
      List.of("title", "summary", "description", "track", "maturity", "region", "priceRange"),
      List.of("tags", "cases"), List.of("domains"), List.of("version"));

  private final Views views;
  private final SolutionService solutions;

  SolutionFormPages(Views views, SolutionService solutions) {
    this.views = views;
    this.solutions = solutions;
  }

  void newForm(RoutingContext ctx) {
    CurrentUser.requireRole(ctx, Role.PROVIDER);
    show(ctx, 200, null, new JsonObject(), Map.of());
  }

  void create(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER);
    JsonObject form = Forms.read(ctx, SHAPE);
    Validator v = new Validator(form);
    SolutionInput input = SolutionInput.read(v);
    if (!v.errors().isEmpty()) {
      show(ctx, 400, null, form, v.errors());
      return;
    }
    save(ctx, null, form, solutions.create(user, input, draft(ctx), null));
  }

  void editForm(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    solutions.get(Optional.of(user), id)
        .onSuccess(s -> {
          if (!user.isAdmin() && !user.belongsTo(s.organizationId())) {
            ctx.fail(ApiException.forbidden("只能修改本组织的方案"));
            return;
          }
          show(ctx, 200, s.id(), toForm(s), Map.of());
        })
        .onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    JsonObject form = Forms.read(ctx, SHAPE);
    Validator v = new Validator(form);
    SolutionInput input = SolutionInput.read(v);
    Integer version = v.version("version");
    if (!v.errors().isEmpty()) {
      show(ctx, 400, id, form, v.errors());
      return;
    }
    save(ctx, id, form, solutions.update(user, id, version, input, draft(ctx)));
  }

  private void save(RoutingContext ctx, Long id, JsonObject form, Future<Solution> saving) {
    saving
        .onSuccess(s -> Views.redirect(ctx, "/workspace?saved=solution-" + s.id()))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> show(ctx, ((ApiException) failure).status(), id, form, errors), () -> ctx.fail(failure)));
  }

  private void show(RoutingContext ctx, int status, Long id, JsonObject form, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    List<String> domains = form.getJsonArray("domains", new JsonArray()).stream().map(String::valueOf).toList();
    Map<String, Object> model = new HashMap<>();
    model.put("id", id);
    model.put("action", id == null ? "/solutions/new" : "/solutions/" + id + "/edit");
    model.put("heading", m.get(id == null ? "solution_new_title" : "solution_edit_title"));
    model.put("form", Forms.typed(form));
    model.put("errors", MessageTranslator.fields(errors, m));
    model.put("hasErrors", !errors.isEmpty());
    model.put("domains", Forms.options(Vocabulary.DOMAINS, domains, m));
    model.put("tracks", Forms.options(Vocabulary.TRACKS, form.getString("track"), m));
    model.put("maturities", Forms.options(Vocabulary.MATURITIES, form.getString("maturity"), m));
    views.render(ctx, status, "solution-form", (String) model.get("heading"), model);
  }

  private static JsonObject toForm(Solution s) {
    return new JsonObject().put("title", s.title()).put("summary", s.summary()).put("description", s.description())
        .put("domains", new JsonArray(s.domains())).put("track", s.track()).put("tags", new JsonArray(s.tags()))
        .put("maturity", s.maturity()).put("region", s.region()).put("cases", new JsonArray(s.cases()))
        .put("priceRange", s.priceRange()).put("version", s.version());
  }

  private static boolean draft(RoutingContext ctx) {
    return "draft".equals(ctx.request().getFormAttribute("save"));
  }
}
