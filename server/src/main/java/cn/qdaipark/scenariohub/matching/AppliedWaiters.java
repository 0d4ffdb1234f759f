package cn.qdaipark.scenariohub.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Callers waiting until this replica has applied the outbox up to an entry, i.e. until a search here finds what the
 * entry changed; each waits at most a bounded time, so a hole held open ahead of its entry or a failing index
 * delays it but never holds it.
 */
final class AppliedWaiters {
  private final Vertx vertx;
  private final IndexStatus status;
  private final ConcurrentSkipListMap<Long, List<Promise<Void>>> waiting = new ConcurrentSkipListMap<>();

  AppliedWaiters(Vertx vertx, IndexStatus status) {
    this.vertx = vertx;
    this.status = status;
  }

  /** Answers at once when the index is not following the outbox yet: what it rebuilds from already holds the entry. */
  Future<Void> upTo(long outboxId, long maxMillis) {
    if (!status.isReady() || status.position() >= outboxId) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    waiting.computeIfAbsent(outboxId, id -> new CopyOnWriteArrayList<>()).add(promise);
    long timer = vertx.setTimer(maxMillis, t -> {
      waiting.computeIfPresent(outboxId, (id, list) -> {
        list.remove(promise);
        return list.isEmpty() ? null : list;
      });
      promise.tryComplete();
    });
    // The position may have passed the entry between the check above and the registration.
    applied(status.position());
    return promise.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  void applied(long position) {
    ConcurrentNavigableMap<Long, List<Promise<Void>>> due = waiting.headMap(position, true);
    due.values().forEach(list -> list.forEach(Promise::tryComplete));
    due.clear();
  }
}
