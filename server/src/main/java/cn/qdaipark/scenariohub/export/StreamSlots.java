package cn.qdaipark.scenariohub.export;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A few slots for work that holds a database connection as long as a client reads. A request that finds them taken
 * waits its turn, first come first served, for a bounded time; only when the wait is too long or the queue too
 * deep does it get 503, so a burst of downloads is served in turn instead of being mostly refused.
 */
final class StreamSlots {
  private final Vertx vertx;
  private final int capacity;
  private final int maxWaiting;
  private final long maxWaitMs;
  private final Deque<Waiter> waiting = new ArrayDeque<>();
  private int busy;

  StreamSlots(Vertx vertx, int capacity, int maxWaiting, long maxWaitMs) {
    this.vertx = vertx;
    this.capacity = capacity;
    this.maxWaiting = maxWaiting;
    this.maxWaitMs = maxWaitMs;
  }

  /** A slot, or a failed future (503) when none frees in time or too many wait already. */
  Future<Slot> acquire() {
    Waiter waiter;
    synchronized (this) {
      if (busy < capacity) {
        busy++;
        return Future.succeededFuture(new Slot());
      }
      if (waiting.size() >= maxWaiting) {
        return Future.failedFuture(busy());
      }
      waiter = new Waiter(vertx.getOrCreateContext(), Promise.promise());
      waiting.add(waiter);
    }
    waiter.timer = vertx.setTimer(maxWaitMs, id -> giveUp(waiter));
    return waiter.promise.future();
  }

  /** The caller went away: its place in the queue, or the slot it was given, is given up. */
  void abandon(Future<Slot> pending) {
    pending.onSuccess(Slot::release);
    Waiter gone = null;
    synchronized (this) {
      for (Iterator<Waiter> it = waiting.iterator(); it.hasNext() && gone == null; ) {
        Waiter w = it.next();
        if (w.promise.future() == pending) {
          it.remove();
          gone = w;
        }
      }
    }
    if (gone != null) {
      vertx.cancelTimer(gone.timer);
    }
  }

  private void giveUp(Waiter waiter) {
    boolean removed;
    synchronized (this) {
      removed = waiting.remove(waiter);
    }
    if (removed) {
      waiter.context.runOnContext(v -> waiter.promise.tryFail(busy()));
    }
  }

  private void handOver() {
    Waiter next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        busy--;
        return;
      }
    }
    vertx.cancelTimer(next.timer);
    Slot slot = new Slot();
    next.context.runOnContext(v -> {
      if (!next.promise.tryComplete(slot)) {
        slot.release();
      }
    });
  }

  private static ApiException busy() {
    return ApiException.unavailable("同时进行的导出过多，请稍后重试");
  }

  final class Slot {
    private boolean released;

    void release() {
      synchronized (StreamSlots.this) {
        if (released) {
          return;
        }
        released = true;
      }
      handOver();
    }
  }

  private static final class Waiter {
    final Context context;
    final Promise<Slot> promise;
    volatile long timer;

    Waiter(Context context, Promise<Slot> promise) {
      this.context = context;
      this.promise = promise;
    }
  }
}
