package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.showcase.Scenario;
import cn.qdaipark.scenariohub.showcase.ScenarioRepository;
import cn.qdaipark.scenariohub.showcase.ScenarioRoutes;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 示范场景 showcase: the gallery with its filters, a scenario's case page and its printable one-page sheet, and
 * the issuer's edit form (story, indicators, pictures). The rules are the showcase service's.
 */
final class ShowcasePages {
  private static final int PAGE_SIZE = 12;
  /** Rows of the indicator table on the form: the filled ones and this many empty ones, at most the limit. */
  private static final int SPARE_ROWS = 2;
  /** The refusals of an upload shown next to the file field rather than as an error page. */
  private static final Set<Integer> FIELD_STATUSES = Set.of(400, 409, 413, 415);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  private final Views views;
  private final ShowcaseService showcase;

  ShowcasePages(Views views, ShowcaseService showcase) {
    this.views = views;
    this.showcase = showcase;
  }

  /** A scenario on a card: the gallery, the home page, a solution's or an organization's page. */
  record Card(long id, String title, String domain, String district, int year, String thumbnail, String thumbnailAlt,
              String lead, String summary) {
  }

  record Party(long id, String name, boolean lead) {
  }

  record Picture(String href, String thumbnail, String caption, int width, int height, long id) {
  }

  record IndicatorRow(int index, String name, String before, String after, String unit, String nameError,
                      String beforeError, String afterError, String unitError) {
  }

  static Card card(Scenario s, Messages m) {
    Scenario.ImageRef first = s.images().isEmpty() ? null : s.images().get(0);
    return new Card(s.id(), s.title(), Terms.name(m, s.domain()), Terms.name(m, s.district()), s.year(),
        first == null ? null : s.imagePath(first) + "/thumb",
        first == null ? null : first.caption().isEmpty() ? s.title() : first.caption(),
        s.lead() == null ? "" : s.lead().name(), Text.clip(s.summary().isEmpty() ? s.problem() : s.summary(), 90));
  }

  /** The newest scenarios on cards, for the home page and the pages that link to them. */
  Future<List<Card>> cards(ScenarioRepository.Filter filter, int count, Messages m) {
    return showcase.list(filter, new PageRequest(1, count))
        .map(page -> page.items().stream().map(s -> card(s, m)).toList());
  }

  Future<Long> count(ScenarioRepository.Filter filter) {
    return showcase.list(filter, new PageRequest(1, 1)).map(page -> page.total());
  }

  void gallery(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    ScenarioRepository.Filter filter = ScenarioRoutes.filter(ctx);
    int page = Pager.number(ctx.queryParams().get("page"));
    Query query = Query.of(ctx.queryParams(), "domain", "district", "track", "year", "q", "sort");
    Future.all(showcase.list(filter, new PageRequest(page, PAGE_SIZE)), showcase.facets())
        .onSuccess(all -> {
          Page<Scenario> found = all.resultAt(0);
          ScenarioRepository.Facets facets = all.resultAt(1);
          Map<String, Object> model = new HashMap<>();
          model.put("cards", found.items().stream().map(s -> card(s, m)).toList());
          model.put("total", found.total());
          model.put("filtered", filter.domain() != null || filter.district() != null || filter.track() != null
              || filter.year() != null || filter.q() != null);
          model.put("q", filter.q() == null ? "" : filter.q());
          model.put("domains", Forms.options(Vocabulary.DOMAINS, filter.domain(), m));
          model.put("tracks", Forms.options(Vocabulary.TRACKS, filter.track(), m));
          model.put("districts", Forms.options(facets.districts(), filter.district(), m));
          model.put("years", facets.years().stream().map(y -> new Forms.Option(y.toString(), y.toString(),
              y.equals(filter.year()))).toList());
          model.put("sorts", List.of(new Forms.Option("newest", m.get("sc_sort_newest"), "newest".equals(filter.sort())),
              new Forms.Option("oldest", m.get("sc_sort_oldest"), "oldest".equals(filter.sort()))));
          model.put("pager", Pager.of(query, "/showcase", page, PAGE_SIZE, found.total()));
          views.render(ctx, "showcase", m.get("sc_title"), model);
        })
        .onFailure(ctx::fail);
  }

  void scenario(RoutingContext ctx) {
    show(ctx, "showcase-case");
  }

  void print(RoutingContext ctx) {
    show(ctx, "showcase-print");
  }

  private void show(RoutingContext ctx, String template) {
    Messages m = Views.messages(ctx);
    Optional<CurrentUser> user = CurrentUser.of(ctx);
    showcase.get(user, PageRoutes.pathId(ctx))
        .onSuccess(s -> {
          Map<String, Object> model = caseModel(s, m);
          model.put("canEdit", user.map(u -> ShowcaseService.mayEdit(u, s)).orElse(false));
          model.put("notice", notice(ctx, m));
          model.put("metaDescription", Text.clip(s.summary().isEmpty() ? s.problem() : s.summary(), 150));
          views.render(ctx, template, s.title(), model);
        })
        .onFailure(ctx::fail);
  }

  private static String notice(RoutingContext ctx, Messages m) {
    String notice = ctx.queryParams().get("notice");
    return notice != null && Set.of("saved", "image_added", "image_deleted").contains(notice)
        ? m.get("sc_notice_" + notice) : null;
  }

  private static Map<String, Object> caseModel(Scenario s, Messages m) {
    Map<String, Object> model = new HashMap<>();
    model.put("s", s);
    model.put("domain", Terms.name(m, s.domain()));
    model.put("district", s.district().isEmpty() ? null : Terms.name(m, s.district()));
    model.put("tracks", Terms.names(m, s.tracks()));
    model.put("accepted", s.acceptedAt().atZoneSameInstant(ShowcaseService.ZONE).toLocalDate().format(DATE));
    model.put("kindLabel", m.get("challenge".equals(s.kind()) ? "sc_kind_call" : "sc_kind_demand"));
    model.put("outcomeLabel", m.get("challenge".equals(s.kind()) ? "sc_outcome_accepted" : "sc_outcome_landed"));
    List<Party> parties = new ArrayList<>();
    for (int i = 0; i < s.consortium().size(); i++) {
      parties.add(new Party(s.consortium().get(i).id(), s.consortium().get(i).name(), i == 0));
    }
    model.put("consortium", parties);
    model.put("solutions", s.solutions());
    model.put("indicators", s.indicators());
    model.put("images", s.images().stream().map(i -> new Picture(s.imagePath(i), s.imagePath(i) + "/thumb",
        i.caption(), i.width(), i.height(), i.id())).toList());
    return model;
  }

  void editForm(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    editable(user, PageRoutes.pathId(ctx))
        .onSuccess(s -> {
          JsonArray indicators = new JsonArray();
          s.indicators().forEach(i -> indicators.add(i.toJson()));
          JsonObject form = new JsonObject().put("title", s.title()).put("summary", s.summary())
              .put("version", s.version()).put("indicators", indicators);
          showForm(ctx, 200, s, form, Map.of());
        })
        .onFailure(ctx::fail);
  }

  void edit(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    JsonObject form = readForm(ctx.request().formAttributes());
    showcase.update(user, id, form)
        .onSuccess(s -> Views.redirect(ctx, "/showcase/" + id + "?notice=saved"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> editable(user, id)
                .onSuccess(s -> showForm(ctx, ((ApiException) failure).status(), s, form, errors))
                .onFailure(ctx::fail),
            () -> ctx.fail(failure)));
  }

  void upload(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String caption = ctx.request().getFormAttribute("caption");
    InTransaction<Scenario.ImageRef> nothing = (db, image) -> Future.succeededFuture();
    ScenarioRoutes.read(ctx).compose(bytes -> showcase.addImage(user, id, caption, bytes, nothing))
        .onSuccess(s -> Views.redirect(ctx, "/showcase/" + id + "/edit?notice=image_added#images"))
        .onFailure(failure -> {
          if (failure instanceof ApiException api && FIELD_STATUSES.contains(api.status())) {
            Map<String, String> errors = new HashMap<>(Forms.problems(failure).orElse(Map.of()));
            String message = errors.isEmpty() || errors.containsKey("form") ? api.getMessage()
                : String.join("；", errors.values());
            editable(user, id).onSuccess(s -> {
              JsonArray indicators = new JsonArray();
              s.indicators().forEach(i -> indicators.add(i.toJson()));
              JsonObject form = new JsonObject().put("title", s.title()).put("summary", s.summary())
                  .put("version", s.version()).put("indicators", indicators).put("caption", caption);
              showForm(ctx, api.status(), s, form, Map.of("file", message));
            }).onFailure(ctx::fail);
          } else {
            ctx.fail(failure);
          }
        });
  }

  void deleteImage(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    showcase.deleteImage(user, id, Params.pathId(ctx, "imageId"))
        .onSuccess(s -> Views.redirect(ctx, "/showcase/" + id + "/edit?notice=image_deleted#images"))
        .onFailure(ctx::fail);
  }

  /** A picture or its thumbnail: never changes under its address, so browsers keep it for a year. */
  void image(RoutingContext ctx, boolean thumbnail) {
    showcase.image(PageRoutes.pathId(ctx), Params.pathId(ctx, "imageId"), thumbnail)
        .onSuccess(image -> {
          String etag = "\"" + image.sha256() + "\"";
          ctx.response()
              .putHeader("ETag", etag)
              .putHeader("Cache-Control", "public, max-age=31536000, immutable")
              .putHeader("X-Content-Type-Options", "nosniff");
          if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
            return;
          }
          ctx.response().putHeader("Content-Type", image.contentType()).end(image.bytes());
        })
        .onFailure(ctx::fail);
  }

  private Future<Scenario> editable(CurrentUser user, long id) {
    return showcase.editable(user, id);
  }

  /** The form's fields in the API's shape: the indicator rows someone filled in, in order. */
  static JsonObject readForm(MultiMap form) {
    JsonArray indicators = new JsonArray();
    for (int i = 0; i < Scenario.MAX_INDICATORS + SPARE_ROWS; i++) {
      String name = value(form, "ind_name_" + i);
      String before = value(form, "ind_before_" + i);
      String after = value(form, "ind_after_" + i);
      String unit = value(form, "ind_unit_" + i);
      if (!(name + before + after + unit).isBlank()) {
        indicators.add(new JsonObject().put("name", name).put("before", before).put("after", after).put("unit", unit));
      }
    }
    String version = value(form, "version").strip();
    return new JsonObject().put("title", value(form, "title")).put("summary", value(form, "summary"))
        .put("version", version.matches("\\d{1,9}") ? (Object) Integer.parseInt(version) : version)
        .put("indicators", indicators);
  }

  private static String value(MultiMap form, String name) {
    String v = form.get(name);
    return v == null ? "" : v;
  }

  private void showForm(RoutingContext ctx, int status, Scenario s, JsonObject form, Map<String, String> rawErrors) {
    Messages m = Views.messages(ctx);
    Map<String, String> errors = MessageTranslator.fields(rawErrors, m);
    JsonArray indicators = form.getJsonArray("indicators", new JsonArray());
    List<IndicatorRow> rows = new ArrayList<>();
    int shown = Math.max(indicators.size(), Math.min(Scenario.MAX_INDICATORS, indicators.size() + SPARE_ROWS));
    for (int i = 0; i < shown; i++) {
      JsonObject row = i < indicators.size() ? indicators.getJsonObject(i) : new JsonObject();
      String p = "indicators[" + i + "].";
      rows.add(new IndicatorRow(i, row.getString("name", ""), row.getString("before", ""), row.getString("after", ""),
          row.getString("unit", ""), errors.get(p + "name"), errors.get(p + "before"), errors.get(p + "after"),
          errors.get(p + "unit")));
    }
    Map<String, Object> model = caseModel(s, m);
    model.put("form", Forms.typed(new JsonObject().put("title", form.getValue("title")).put("summary",
        form.getValue("summary")).put("version", form.getValue("version")).put("caption", form.getValue("caption"))));
    model.put("rows", rows);
    model.put("errors", errors);
    model.put("hasErrors", !errors.isEmpty());
    model.put("imagesFull", s.images().size() >= Scenario.MAX_IMAGES);
    model.put("maxImages", Scenario.MAX_IMAGES);
    model.put("imageCount", s.images().size());
    model.put("notice", notice(ctx, m));
    views.render(ctx, status, "showcase-edit", m.format("sc_edit_title", s.title()), model);
  }
}
