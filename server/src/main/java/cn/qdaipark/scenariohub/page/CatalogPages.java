package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.showcase.ScenarioRepository;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** 方案库: the searchable catalogue with facets, and the page of one solution with its matches. */
final class CatalogPages {
  private static final int PAGE_SIZE = 10;
  private static final int MAX_QUERY = 200;
  private static final List<String> FACETS = List.of("domain", "track", "maturity", "region");

  private final Views views;
  private final MatchingService matching;
  private final SolutionService solutions;
  private final Clock clock;
  /** The demonstration scenarios linked from a solution's page; the count above them says how many there are. */
  private static final int SCENARIOS = 6;

  private final ShowcasePages showcase;

  CatalogPages(Views views, MatchingService matching, SolutionService solutions, Clock clock, ShowcasePages showcase) {
    this.showcase = showcase;
    this.views = views;
    this.matching = matching;
    this.solutions = solutions;
    this.clock = clock;
  }

  /** {@code value} is what the link filters by (the vocabulary's Chinese value), {@code label} what the page shows. */
  record FacetValue(String value, String label, long count, String href, boolean selected) {
  }

  record Facet(String name, String label, List<FacetValue> values) {
  }

  record Sort(String value, String label, boolean selected) {
  }

  void catalogue(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    MultiMap params = ctx.queryParams();
    String q = Optional.ofNullable(params.get("q")).map(String::strip).orElse("");
    String problem = Text.visible(q) ? Text.problem(q, Text.Kind.LINE) : null;
    if (problem != null) {
      throw ApiException.validation(Map.of("q", problem));
    }
    q = q.codePointCount(0, q.length()) > MAX_QUERY ? q.substring(0, q.offsetByCodePoints(0, MAX_QUERY)) : q;
    String domain = BoardPages.oneOf(params.get("domain"), Vocabulary.DOMAINS);
    String track = BoardPages.oneOf(params.get("track"), Vocabulary.TRACKS);
    String maturity = BoardPages.oneOf(params.get("maturity"), Vocabulary.MATURITIES);
    String region = Optional.ofNullable(params.get("region")).map(String::strip).filter(r -> !r.isEmpty() && r.length() <= 60)
        .orElse(null);
    String sort = "newest".equals(params.get("sort")) ? "newest" : "relevance";
    int page = Pager.number(params.get("page"));
    Query query = Query.empty()
        .with("q", q.isEmpty() ? null : q).with("domain", domain).with("track", track).with("maturity", maturity)
        .with("region", region).with("sort", "newest".equals(sort) ? sort : null);
    SearchQuery.Builder search = SearchQuery.builder(SearchQuery.Target.SOLUTIONS)
        .domains(domain == null ? List.of() : List.of(domain)).track(track).maturity(maturity).region(region)
        .status("published").sort("newest".equals(sort) ? SearchQuery.Sort.NEWEST : SearchQuery.Sort.RELEVANCE)
        .page((page - 1) * PAGE_SIZE, PAGE_SIZE);
    String text = q;
    Map<String, String> selected = new HashMap<>();
    Map.of("domain", Optional.ofNullable(domain), "track", Optional.ofNullable(track),
        "maturity", Optional.ofNullable(maturity), "region", Optional.ofNullable(region))
        .forEach((name, value) -> value.ifPresent(v -> selected.put(name, v)));
    matching.search(search, text)
        .compose(found -> found.getJsonArray("items").isEmpty() && !text.isEmpty()
            ? matching.suggest(text.substring(0, Math.min(2, text.length())), 6).map(s -> found.put("suggestions", s))
            : Future.succeededFuture(found))
        .compose(found -> text.isEmpty() ? Future.succeededFuture(found)
            : matching.didYouMean(text).map(correction -> found.put("didYouMean", correction.orElse(null))))
        .onSuccess(found -> {
          Map<String, Object> model = new HashMap<>();
          long total = found.getLong("total");
          model.put("q", text);
          model.put("total", total);
          model.put("summary", text.isEmpty() ? m.format("catalogue_count", total) : m.format("catalogue_count_for", total, text));
          model.put("hits", Cards.hits(found.getJsonArray("items"), m));
          model.put("facets", FACETS.stream().map(name -> facet(name, m, found.getJsonObject("facets").getJsonArray(name),
              selected.get(name), query)).filter(f -> !f.values().isEmpty()).toList());
          model.put("filtered", !selected.isEmpty());
          model.put("filterCount", selected.size());
          model.put("clearLink", Query.empty().with("q", text.isEmpty() ? null : text).link("/solutions"));
          model.put("sorts", List.of(new Sort("relevance", m.get("sort_relevance"), "relevance".equals(sort)),
              new Sort("newest", m.get("sort_newest"), "newest".equals(sort))));
          model.put("selected", selected);
          model.put("suggestions", suggestionLinks(found.getValue("suggestions")));
          model.put("didYouMean", suggestionLinks(found.getString("didYouMean") == null ? null
              : List.of(found.getString("didYouMean"))));
          model.put("domainLinks", Vocabulary.DOMAINS.stream()
              .map(d -> new FacetValue(d, Terms.name(m, d), 0, Query.empty().with("domain", d).link("/solutions"), false))
              .toList());
          model.put("pager", Pager.of(query, "/solutions", page, PAGE_SIZE, total));
          views.render(ctx, "solutions", text.isEmpty() ? m.get("nav_solutions") : text + " - " + m.get("nav_solutions"), model);
        })
        .onFailure(ctx::fail);
  }

  void solution(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    Optional<CurrentUser> user = CurrentUser.of(ctx);
    long id = PageRoutes.pathId(ctx);
    LocalDate today = LocalDate.now(clock);
    solutions.get(user, id).compose(s -> Future.all(
            matching.postingsFor(user, id, 6),
            matching.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS).domains(s.domains()).status("published")
                .page(0, 5), s.title()),
            showcase.cards(ScenarioRepository.Filter.ofSolution(id), SCENARIOS, m),
            showcase.count(ScenarioRepository.Filter.ofSolution(id)))
        .map(all -> {
          Map<String, Object> model = new HashMap<>();
          Cards.SolutionCard card = Cards.solution(s, m);
          model.put("s", card);
          model.put("metaDescription", card.summary());
          model.put("description", s.description());
          model.put("tags", s.tags());
          model.put("cases", s.cases());
          model.put("priceRange", s.priceRange());
          model.put("canEdit", user.map(u -> u.isAdmin() || u.belongsTo(s.organizationId())).orElse(false));
          model.put("published", s.isPublished());
          model.put("mayContact", ContactPages.mayContact(user, s.isPublished()));
          model.put("mayMessage", ConversationPages.mayMessage(user, s.organizationId(), s.isPublished()));
          JsonArray matches = ((JsonObject) all.resultAt(0)).getJsonArray("items");
          model.put("matches", matches.stream().map(JsonObject.class::cast)
              .map(o -> new Cards.PostingMatch(Cards.posting(o.getJsonObject("posting"), m, today),
                  Cards.score((Number) o.getValue("score")), Cards.reasons(o.getJsonArray("reasons"), m))).toList());
          model.put("similar", ((JsonObject) all.resultAt(1)).getJsonArray("items").stream()
              .map(o -> Cards.solution((JsonObject) o, m)).filter(c -> c.id() != s.id()).limit(4).toList());
          model.put("pageTitle", s.title());
          model.put("scenarios", all.<List<ShowcasePages.Card>>resultAt(2));
          model.put("scenarioCount", m.format("sc_solution_landed", all.<Long>resultAt(3)));
          return model;
        }))
        .onSuccess(model -> views.render(ctx, "solution", (String) model.get("pageTitle"), model))
        .onFailure(ctx::fail);
  }

  private static Facet facet(String name, Messages m, JsonArray counts, String selected, Query query) {
    List<FacetValue> values = counts == null ? List.of() : counts.stream().map(JsonObject.class::cast)
        .map(c -> {
          String value = c.getString("value");
          boolean on = value.equals(selected);
          return new FacetValue(value, Terms.name(m, value), c.getLong("count"),
              query.with(name, on ? null : value).without("page").link("/solutions"), on);
        }).toList();
    return new Facet(name, m.get("facet_" + name), values);
  }

  private static List<FacetValue> suggestionLinks(Object suggestions) {
    if (!(suggestions instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(String::valueOf)
        .map(s -> new FacetValue(s, s, 0, Query.empty().with("q", s).link("/solutions"), false))
        .toList();
  }
}
