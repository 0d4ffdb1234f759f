package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class MatchingRoutes {
  private static final int MAX_QUERY_LENGTH = 200;

  private final MatchingService matching;

  public MatchingRoutes(MatchingService matching) {
    this.matching = matching;
  }

  public void mount(Router api) {
    api.get("/postings/:id/matches").handler(this::solutionsForPosting);
    api.get("/solutions/:id/matches").handler(this::postingsForSolution);
    api.get("/search").handler(this::search);
    api.get("/search/suggest").handler(this::suggest);
  }

  private void solutionsForPosting(RoutingContext ctx) {
    String mode = Params.oneOf(ctx, "mode", Set.of("hybrid", "bm25", "vector"));
    matching.solutionsFor(CurrentUser.of(ctx), Params.pathId(ctx, "id"), limit(ctx),
            mode == null ? MatchMode.HYBRID : MatchMode.valueOf(mode.toUpperCase()))
        .onSuccess(result -> Responses.json(ctx, 200, result))
        .onFailure(ctx::fail);
  }

  private void postingsForSolution(RoutingContext ctx) {
    matching.postingsFor(CurrentUser.of(ctx), Params.pathId(ctx, "id"), limit(ctx))
        .onSuccess(result -> Responses.json(ctx, 200, result))
        .onFailure(ctx::fail);
  }

  /** {@code limit} is capped to 1..100 rather than refused, as API clients commonly ask for "all". */
  private static int limit(RoutingContext ctx) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null || raw.isBlank()) {
      return 10;
    }
    try {
      return Math.max(1, Math.min(100, Integer.parseInt(raw.trim())));
    } catch (NumberFormatException e) {
      throw ApiException.validation(Map.of("limit", "必须是整数"));
    }
  }

  private void search(RoutingContext ctx) {
    String text = queryText(ctx, false);
    String type = Params.oneOf(ctx, "type", Set.of("solutions", "postings"));
    SearchQuery.Target target = "postings".equals(type) ? SearchQuery.Target.POSTINGS : SearchQuery.Target.SOLUTIONS;
    List<String> domains = ctx.queryParams().getAll("domain");
    for (String d : domains) {
      if (!Vocabulary.DOMAINS.contains(d)) {
        throw ApiException.validation(Map.of("domain", "取值无效：" + d));
      }
    }
    String sort = Params.oneOf(ctx, "sort", Set.of("relevance", "newest", "deadline"));
    int page = Params.intParam(ctx, "page", 1, 1, 1000);
    int pageSize = Params.intParam(ctx, "pageSize", 20, 1, 100);
    SearchQuery.Builder query = SearchQuery.builder(target)
        .domains(domains)
        .track(Params.oneOf(ctx, "track", Set.copyOf(Vocabulary.TRACKS)))
        .maturity(Params.oneOf(ctx, "maturity", Set.copyOf(Vocabulary.MATURITIES)))
        .region(regionParam(ctx))
        .kind(Params.oneOf(ctx, "kind", Set.copyOf(Vocabulary.POSTING_KINDS)))
        .status(target == SearchQuery.Target.SOLUTIONS ? "published" : "open")
        .sort(sort == null ? SearchQuery.Sort.RELEVANCE : SearchQuery.Sort.valueOf(sort.toUpperCase()))
        .page((page - 1) * pageSize, pageSize);
    matching.search(query, text)
        .onSuccess(result -> Responses.json(ctx, 200, result.put("page", page).put("pageSize", pageSize)
            .put("type", target == SearchQuery.Target.SOLUTIONS ? "solutions" : "postings")))
        .onFailure(ctx::fail);
  }

  private void suggest(RoutingContext ctx) {
    String prefix = queryText(ctx, true);
    int limit = Params.intParam(ctx, "limit", 8, 1, 20);
    matching.suggest(prefix, limit)
        .onSuccess(items -> Responses.json(ctx, 200, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }

  /** The query as typed; one of only invisible characters is passed on as it is, to find nothing. */
  private static String queryText(RoutingContext ctx, boolean required) {
    String raw = ctx.queryParams().get("q");
    if (raw != null && !Text.blank(raw) && !Text.visible(raw)) {
      return raw;
    }
    Validator v = new Validator(new JsonObject().put("q", raw));
    String text = v.line("q", required, 0, MAX_QUERY_LENGTH);
    v.throwIfInvalid();
    return text;
  }

  private static String regionParam(RoutingContext ctx) {
    Validator v = new Validator(new JsonObject().put("region", ctx.queryParams().get("region")));
    String region = v.line("region", false, 0, 60);
    v.throwIfInvalid();
    return region.isEmpty() ? null : region;
  }
}
