package cn.qdaipark.scenariohub.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Callers waiting until this replica has applied the outbox up to an entry that committed before they asked, i.e.
 * until a search here finds what the entry changed. Each waits at most a bounded time, so a failing index delays it
 * but never holds it. Tickets order asking against the drains reading the outbox: a drain that started reading after
 * a caller asked has seen every entry the caller waits for.
 */
final class AppliedWaiters {
  private record Waiter(long ticket, Promise<Void> promise) {
  }

  private final Vertx vertx;
  private final IndexStatus status;
  private final AtomicLong tickets = new AtomicLong();
  private final ConcurrentSkipListMap<Long, List<Waiter>> waiting = new ConcurrentSkipListMap<>();

  AppliedWaiters(Vertx vertx, IndexStatus status) {
    this.vertx = vertx;
    this.status = status;
  }

  /** A ticket for a drain about to read the outbox. */
  long ticket() {
    return tickets.incrementAndGet();
  }

  /** Answers at once when the index is not following the outbox yet: what it rebuilds from already holds the entry. */
  Future<Void> upTo(long outboxId, long maxMillis) {
    if (!status.isReady() || status.position() >= outboxId) {
      return Future.succeededFuture();
    }
    Waiter waiter = new Waiter(ticket(), Promise.promise());
    waiting.computeIfAbsent(outboxId, id -> new CopyOnWriteArrayList<>()).add(waiter);
    long timer = vertx.setTimer(maxMillis, t -> {
      waiting.computeIfPresent(outboxId, (id, list) -> {
        list.remove(waiter);
        return list.isEmpty() ? null : list;
      });
      waiter.promise().tryComplete();
    });
    // The position may have passed the entry between the check above and the registration.
    applied(status.position());
    return waiter.promise().future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /** Every entry up to the position is applied. */
  void applied(long position) {
    ConcurrentNavigableMap<Long, List<Waiter>> due = waiting.headMap(position, true);
    due.values().forEach(list -> list.forEach(w -> w.promise().tryComplete()));
    due.clear();
  }

  /**
   * A drain that took its ticket before reading has applied every entry up to {@code newest} that had committed by
   * then, though a hole may keep the position lower: it releases those who asked before it read.
   */
  void applied(long newest, long drainTicket) {
    waiting.headMap(newest, true).values().forEach(list -> list.removeIf(w -> w.ticket() < drainTicket
        && w.promise().tryComplete()));
  }
}
