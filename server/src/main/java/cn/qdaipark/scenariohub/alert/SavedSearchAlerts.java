package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.SavedSearchMonitor;
import cn.qdaipark.scenariohub.index.SolutionDoc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Tells the owners of saved searches about the records of an applied index batch that are public now (open
 * postings before their deadline, published solutions) and match their searches. Each record is matched once
 * against the monitor, whatever the number of saved searches; a (search, record) pair notifies once, so records
 * edited later and replicas applying the same batch add nothing.
 */
public final class SavedSearchAlerts {
  private final Pool pool;
  private final SavedSearchMonitor monitor;
  private final WorkerExecutor readers;
  private final NotificationRepository notifications;
  private final Clock clock;

  public SavedSearchAlerts(Pool pool, SavedSearchMonitor monitor, WorkerExecutor readers,
                           NotificationRepository notifications, Clock clock) {
    this.pool = pool;
    this.monitor = monitor;
    this.readers = readers;
    this.notifications = notifications;
    this.clock = clock;
  }

  public Future<Void> notifyFor(List<PostingDoc> postings, List<SolutionDoc> solutions) {
    LocalDate today = LocalDate.now(clock);
    Future<Void> chain = Future.succeededFuture();
    for (PostingDoc p : postings) {
      if ("open".equals(p.status()) && (p.deadline() == null || !p.deadline().isBefore(today))) {
        chain = chain.compose(done -> notify(readers.executeBlocking(() -> monitor.match(p), false),
            p.id(), null, ("challenge".equals(p.kind()) ? "揭榜挂帅任务 " : "场景需求 ") + p.title(),
            p.domain() + (p.deadline() == null ? "" : "，截止 " + p.deadline()), "/postings/" + p.id()));
      }
    }
    for (SolutionDoc s : solutions) {
      if ("published".equals(s.status())) {
        chain = chain.compose(done -> notify(readers.executeBlocking(() -> monitor.match(s), false),
            null, s.id(), "方案 " + s.title(), s.provider() + "：" + s.summary(), "/solutions/" + s.id()));
      }
    }
    return chain;
  }

  private Future<Void> notify(Future<Set<Long>> matched, Long postingId, Long solutionId, String title, String body,
                              String link) {
    return matched.compose(ids -> ids.isEmpty() ? Future.succeededFuture()
        : notifications.notifySavedSearches(pool, List.copyOf(ids), postingId, solutionId, title,
            body.length() > 300 ? body.substring(0, 300) + "…" : body, link).mapEmpty());
  }
}
