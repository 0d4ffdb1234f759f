package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Matches made" for the statistics page, from what exists: for up to {@link #MAX_POSTINGS} open calls and
 * demands (closing soonest first), how many have at least one strong recommendation (see {@link #isStrong}), and
 * how many such recommendations there are. One posting is matched at a time on the
 * index's reader pool (so visitors' searches keep the other readers), and the result is kept for
 * {@link #TTL_MILLIS}: a request after that gets the previous figures at once while new ones are computed.
 */
final class MatchStats {
  static final int MAX_POSTINGS = 50;
  static final int PER_POSTING = 10;
  /**
   * A recommendation counts as a match made when it serves the posting's scenario domain and meets at least half
   * of its requirement lines. The fused score is not used: it is rank-based (reciprocal-rank fusion), so the top
   * ten of every posting score alike whatever their fit. Both facts come from the match reasons (kinds "domain"
   * and "requirements", the latter worded "满足 x/y 项要求"); a reason worded otherwise simply does not count.
   */
  private static final Pattern COVERED = Pattern.compile("^满足 (\\d+)/(\\d+) 项要求");
  static final int MIN_COVERAGE_PERCENT = 50;
  static final long TTL_MILLIS = 60_000;

  /** Open postings of each kind that have, and do not yet have, a strong match; the strong matches; the sample. */
  record Figures(long challengesMatched, long challengesWaiting, long demandsMatched, long demandsWaiting,
                 long strongMatches, int sampled, long openTotal) {
  }

  private final MatchingService matching;
  private final PostingService postings;
  private final Clock clock;
  private Future<Figures> current;
  private Figures last;
  private long computedAt;

  MatchStats(MatchingService matching, PostingService postings, Clock clock) {
    this.matching = matching;
    this.postings = postings;
    this.clock = clock;
  }

  /** Called on the event loop only (page handlers), so the fields need no locking. */
  Future<Figures> figures() {
    long now = clock.millis();
    boolean fresh = current != null && (!current.isComplete() || now - computedAt < TTL_MILLIS);
    if (!fresh) {
      current = compute().onComplete(done -> {
        if (done.succeeded()) {
          last = done.result();
        }
        computedAt = clock.millis();
      });
    }
    if (last != null && !current.isComplete()) {
      return Future.succeededFuture(last);
    }
    return current.recover(failure -> last != null ? Future.succeededFuture(last) : Future.failedFuture(failure));
  }

  private Future<Figures> compute() {
    return postings.list(Optional.empty(), new PostingRepository.Filter(null, null, PostingStatus.OPEN, null, null, null,
            "deadline"), new PageRequest(1, MAX_POSTINGS))
        .compose(page -> {
          long[] counts = new long[5];
          Future<Void> chain = Future.succeededFuture();
          for (Posting p : page.items()) {
            chain = chain.compose(done -> matching.solutionsFor(Optional.empty(), p.id(), PER_POSTING, MatchMode.HYBRID)
                .map(found -> {
                  long strong = strong(found);
                  boolean challenge = "challenge".equals(p.kind());
                  counts[(challenge ? 0 : 2) + (strong > 0 ? 0 : 1)]++;
                  counts[4] += strong;
                  return (Void) null;
                }));
          }
          return chain.map(done -> new Figures(counts[0], counts[1], counts[2], counts[3], counts[4],
              page.items().size(), page.total()));
        });
  }

  static long strong(JsonObject matches) {
    return matches.getJsonArray("items").stream().map(JsonObject.class::cast).filter(MatchStats::isStrong).count();
  }

  static boolean isStrong(JsonObject match) {
    JsonArray reasons = match.getJsonArray("reasons", new JsonArray());
    boolean domain = false;
    boolean covered = false;
    for (Object o : reasons) {
      if (!(o instanceof JsonObject r)) {
        continue;
      }
      domain |= "domain".equals(r.getString("kind"));
      if ("requirements".equals(r.getString("kind"))) {
        Matcher m = COVERED.matcher(r.getString("text", ""));
        covered |= m.find() && Integer.parseInt(m.group(2)) > 0
            && Integer.parseInt(m.group(1)) * 100 >= MIN_COVERAGE_PERCENT * Integer.parseInt(m.group(2));
      }
    }
    return domain && covered;
  }
}
