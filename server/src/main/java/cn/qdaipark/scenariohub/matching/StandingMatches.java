package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.MatchReason;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SolutionMatch;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Standing matches: every provider's published solutions stand as queries for new calls and demands. Instead of
 * running each of them against each new posting, the posting is matched once against the solutions index (a
 * reverse match), so publishing one posting costs one match however many solutions and providers there are;
 * the match is recorded for the statistics and the providers of the solutions that fit well are notified.
 */
final class StandingMatches {
  /**
   * The best few matches in the posting's own scenario domain are worth a message. Hybrid scores are rank-based
   * (a share of the best possible fused rank score), so they rank well but cannot say "good enough" on their own.
   */
  static final int CANDIDATES = 5;

  private final Pool pool;
  private final ScenarioIndex index;
  private final WorkerExecutor readers;
  private final PostingRepository postings;
  private final NotificationRepository notifications;
  private final Clock clock;

  StandingMatches(Pool pool, ScenarioIndex index, WorkerExecutor readers, PostingRepository postings,
                  NotificationRepository notifications, Clock clock) {
    this.pool = pool;
    this.index = index;
    this.readers = readers;
    this.postings = postings;
    this.notifications = notifications;
    this.clock = clock;
  }

  record Published(PostingDoc posting, float[] vector) {
  }

  /**
   * Records and notifies the matches of the postings that are open now; runs after the batch is committed, so
   * solutions are current.
   */
  Future<Void> notifyFor(List<Published> published) {
    LocalDate today = LocalDate.now(clock);
    Future<Void> chain = Future.succeededFuture();
    for (Published p : published) {
      PostingDoc doc = p.posting();
      if (!"open".equals(doc.status()) || doc.deadline() != null && doc.deadline().isBefore(today)) {
        continue;
      }
      chain = chain
          .compose(done -> readers.executeBlocking(() -> index.matchSolutions(doc, p.vector(), CANDIDATES, MatchMode.HYBRID), false))
          .compose(matches -> {
            List<Long> fits = matches.stream()
                .filter(m -> m.reasons().stream().anyMatch(r -> MatchReason.DOMAIN.equals(r.kind())))
                .map(SolutionMatch::solutionId).toList();
            return fits.isEmpty() ? Future.succeededFuture()
                : pool.withTransaction(tx -> postings.recordStandingMatch(tx, doc.id())
                    .compose(done -> notifications.notifyProviders(tx, doc.id(), fits, titleOf(doc), summaryOf(doc),
                        "/postings/" + doc.id())))
                    .mapEmpty();
          });
    }
    return chain;
  }

  private static String titleOf(PostingDoc doc) {
    return ("challenge".equals(doc.kind()) ? "新的揭榜挂帅任务：" : "新的场景需求：") + doc.title();
  }

  private static String summaryOf(PostingDoc doc) {
    return doc.title() + "（" + doc.domain() + (doc.deadline() == null ? "" : "，截止 " + doc.deadline()) + "）";
  }
}
