package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.index.Embedder;
import cn.qdaipark.scenariohub.index.InvalidQueryException;
import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.MatchReason;
import cn.qdaipark.scenariohub.index.PairFit;
import cn.qdaipark.scenariohub.index.PostingMatch;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.index.SearchResult;
import cn.qdaipark.scenariohub.index.SolutionDoc;
import cn.qdaipark.scenariohub.index.SolutionMatch;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.validation.Text;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Matches and searches over this instance's index. Lucene and ONNX work runs on the reader pool; the
 * records returned are read fresh from PostgreSQL, so nothing unpublished leaks through a lagging index.
 */
public final class MatchingService {
  private final ScenarioIndex index;
  private final Embedder queryEmbedder;
  private final WorkerExecutor readers;
  private final IndexStatus status;
  private final Pool pool;
  private final SolutionService solutionService;
  private final PostingService postingService;
  private final SolutionRepository solutions;
  private final PostingRepository postings;
  private final Clock clock;
  private final IndexFeedRepository feed = new IndexFeedRepository();
  private final MatchCache<PostingKey, List<SolutionMatch>> solutionMatches;
  private final MatchCache<SolutionKey, List<PostingMatch>> postingMatches;

  /** What the solutions that fit a posting depend on besides the index: the posting as it is now, and the question. */
  private record PostingKey(long postingId, int version, OffsetDateTime updatedAt, int limit, MatchMode mode) {
  }

  private record SolutionKey(long solutionId, int version, OffsetDateTime updatedAt, int limit, LocalDate today) {
  }

  public MatchingService(ScenarioIndex index, Embedder queryEmbedder, WorkerExecutor readers, IndexStatus status, Pool pool,
                         SolutionService solutionService, PostingService postingService, SolutionRepository solutions,
                         PostingRepository postings, Clock clock, int cacheEntries) {
    this.solutionMatches = new MatchCache<>("solutions-for-posting", cacheEntries);
    this.postingMatches = new MatchCache<>("postings-for-solution", cacheEntries);
    this.index = index;
    this.queryEmbedder = queryEmbedder;
    this.readers = readers;
    this.status = status;
    this.pool = pool;
    this.solutionService = solutionService;
    this.postingService = postingService;
    this.solutions = solutions;
    this.postings = postings;
    this.clock = clock;
  }

  /** Published solutions that fit a posting the caller may see, best first, each with its reasons. */
  public Future<JsonObject> solutionsFor(Optional<CurrentUser> user, long postingId, int limit, MatchMode mode) {
    return ready()
        .compose(ok -> postingService.get(user, postingId))
        .compose(posting -> solutionMatches.answer(
            new PostingKey(postingId, posting.version(), posting.updatedAt(), limit, mode), index.generation(),
            () -> feed.postingVectors(pool, List.of(postingId)).compose(stored -> onIndex(() -> {
              PostingDoc doc = IndexDocuments.of(posting);
              return index.matchSolutions(doc, vectorOf(stored.get(postingId), doc.matchText()), limit, mode);
            }))))
        .compose(matches -> solutions.findByIds(pool, matches.stream().map(m -> m.solutionId()).toList())
            .map(found -> {
              Map<Long, Solution> byId = found.stream().filter(Solution::isPublished)
                  .collect(Collectors.toMap(Solution::id, Function.identity()));
              JsonArray items = new JsonArray();
              matches.stream().filter(m -> byId.containsKey(m.solutionId())).forEach(m -> items.add(new JsonObject()
                  .put("solution", byId.get(m.solutionId()).toJson())
                  .put("score", m.score())
                  .put("reasons", reasons(m.reasons()))));
              return new JsonObject().put("items", items);
            }));
  }

  /**
   * The matcher's fit of each of these solutions (any status) to a posting, pairwise from the stored vectors and the
   * requirement lines, without consulting the index (so it works while the index rebuilds); absent ids are left out.
   */
  public Future<Map<Long, PairFit>> fits(Posting posting, Collection<Long> solutionIds) {
    if (solutionIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return Future.all(solutions.findByIds(pool, solutionIds), feed.postingVectors(pool, List.of(posting.id())),
            feed.solutionVectors(pool, solutionIds))
        .compose(all -> {
          List<Solution> found = all.resultAt(0);
          Map<Long, float[]> postingVector = all.resultAt(1);
          Map<Long, float[]> solutionVectors = all.resultAt(2);
          return onIndex(() -> {
            PostingDoc doc = IndexDocuments.of(posting);
            float[] pv = vectorOf(postingVector.get(posting.id()), doc.matchText());
            Map<Long, PairFit> fits = new HashMap<>();
            for (Solution solution : found) {
              SolutionDoc s = IndexDocuments.of(solution);
              fits.put(solution.id(), index.fit(doc, pv, s, vectorOf(solutionVectors.get(solution.id()), s.matchText())));
            }
            return fits;
          });
        });
  }

  /** Open postings, deadline not passed, that a solution the caller may see fits, best first. */
  public Future<JsonObject> postingsFor(Optional<CurrentUser> user, long solutionId, int limit) {
    LocalDate today = LocalDate.now(clock);
    return ready()
        .compose(ok -> solutionService.get(user, solutionId))
        .compose(solution -> postingMatches.answer(
            new SolutionKey(solutionId, solution.version(), solution.updatedAt(), limit, today), index.generation(),
            () -> feed.solutionVectors(pool, List.of(solutionId)).compose(stored -> onIndex(() -> {
              SolutionDoc doc = IndexDocuments.of(solution);
              return index.matchPostings(doc, vectorOf(stored.get(solutionId), doc.matchText()), today, limit);
            }))))
        .compose(matches -> postings.findByIds(pool, matches.stream().map(m -> m.postingId()).toList(), today)
            .map(found -> {
              Map<Long, Posting> byId = found.stream()
                  .filter(p -> PostingStatus.OPEN.equals(p.status()) && (p.deadline() == null || !p.deadline().isBefore(today)))
                  .collect(Collectors.toMap(Posting::id, Function.identity()));
              JsonArray items = new JsonArray();
              matches.stream().filter(m -> byId.containsKey(m.postingId())).forEach(m -> items.add(new JsonObject()
                  .put("posting", byId.get(m.postingId()).toJson())
                  .put("score", m.score())
                  .put("reasons", reasons(m.reasons()))));
              return new JsonObject().put("items", items);
            }));
  }

  /**
   * One page of catalogue search: hits as full records plus highlighted title and snippet, and facet counts; postings
   * with the status a reader sees today (a call past its deadline is in review, not open). A text
   * of only invisible characters (no-break or zero-width spaces, a byte order mark, a bidi control) finds nothing.
   */
  public Future<JsonObject> search(SearchQuery.Builder query, String text) {
    if (!Text.blank(text) && !Text.visible(text)) {
      return ready().map(ok -> new JsonObject().put("items", new JsonArray()).put("total", 0L).put("facets", new JsonObject()));
    }
    return ready()
        .compose(ok -> onIndex(() -> index.search(query.text(text).today(LocalDate.now(clock))
            .queryVector(text.isBlank() ? null : queryEmbedder.embed(index.queryForEmbedding(text))).build())))
        .compose(result -> records(query, result).map(records -> {
          JsonArray items = new JsonArray();
          for (SearchResult.SearchHit hit : result.hits()) {
            JsonObject record = records.get(hit.id());
            if (record != null) {
              items.add(record.copy().put("score", hit.score()).put("titleHtml", hit.titleHtml())
                  .put("snippetHtml", hit.snippetHtml()).put("lowRelevance", hit.lowRelevance()));
            }
          }
          JsonObject facets = new JsonObject();
          result.facets().forEach((name, counts) -> facets.put(name, new JsonArray(counts.stream()
              .map(c -> new JsonObject().put("value", c.value()).put("count", c.count())).toList())));
          return new JsonObject().put("items", items).put("total", result.total()).put("facets", facets);
        }));
  }

  /** 您是不是要找: the query with mistyped Chinese characters corrected from the catalogue's words, if any are. */
  public Future<Optional<String>> didYouMean(String text) {
    if (!Text.visible(text)) {
      return ready().map(ok -> Optional.empty());
    }
    return ready().compose(ok -> onIndex(() -> index.didYouMean(text)));
  }

  public Future<List<String>> suggest(String prefix, int limit) {
    if (!Text.visible(prefix)) {
      return ready().map(ok -> List.of());
    }
    return ready().compose(ok -> onIndex(() -> index.suggest(prefix, limit)));
  }

  private Future<Map<Long, JsonObject>> records(SearchQuery.Builder query, SearchResult result) {
    List<Long> ids = result.hits().stream().map(SearchResult.SearchHit::id).toList();
    boolean onSolutions = query.build().target() == SearchQuery.Target.SOLUTIONS;
    return onSolutions
        ? solutions.findByIds(pool, ids).map(list -> list.stream().filter(Solution::isPublished)
            .collect(Collectors.toMap(Solution::id, Solution::toJson)))
        : postings.findByIds(pool, ids, LocalDate.now(clock)).map(list -> list.stream().filter(Posting::isPublic)
            .collect(Collectors.toMap(Posting::id, Posting::toJson)));
  }

  /** The caches' hit and miss counts on /metrics. */
  public void bindMetrics(MeterRegistry registry) {
    solutionMatches.bindTo(registry);
    postingMatches.bindTo(registry);
  }

  /** The record's stored vector; the model runs only for records stored without one. */
  private float[] vectorOf(float[] stored, String text) {
    return stored != null ? stored : queryEmbedder.embed(text);
  }

  private Future<Void> ready() {
    return status.canSearch() ? Future.succeededFuture()
        : Future.failedFuture(new ApiException(503, "index_rebuilding", "索引正在重建，请稍后再试"));
  }

  private <T> Future<T> onIndex(Callable<T> work) {
    return readers.executeBlocking(work, false)
        .recover(e -> Future.failedFuture(e instanceof InvalidQueryException bad ? ApiException.badRequest(bad.getMessage()) : e));
  }

  private static JsonArray reasons(List<MatchReason> reasons) {
    return new JsonArray(reasons.stream().map(r -> new JsonObject().put("kind", r.kind()).put("text", r.text())).toList());
  }
}
