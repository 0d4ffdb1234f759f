package cn.qdaipark.scenariohub.matching;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this instance's index can answer, and how far it has followed the outbox; read by /health, the routes
 * and the metrics.
 */
public final class IndexStatus {
  /** FAILING: following the outbox keeps failing; searches still answer, from what the index had. */
  enum State { STARTING, REBUILDING, READY, FAILING, FAILED }

  private volatile State state = State.STARTING;
  private volatile long position;
  private volatile long latestOutboxId;
  private volatile String failure;
  private final AtomicLong applyFailures = new AtomicLong();
  private final AtomicLong heals = new AtomicLong();

  void rebuilding() {
    state = State.REBUILDING;
  }

  /** A rebuild started because following the outbox kept failing. */
  void healing() {
    heals.incrementAndGet();
    state = State.REBUILDING;
  }

  void ready(long outboxPosition) {
    position = outboxPosition;
    latestOutboxId = Math.max(latestOutboxId, outboxPosition);
    failure = null;
    state = State.READY;
  }

  void applied(long outboxPosition) {
    position = outboxPosition;
    latestOutboxId = Math.max(latestOutboxId, outboxPosition);
  }

  void seen(long outboxId) {
    latestOutboxId = Math.max(latestOutboxId, outboxId);
  }

  void applyFailed() {
    applyFailures.incrementAndGet();
  }

  void failing(String reason) {
    failure = reason;
    state = State.FAILING;
  }

  void failed(Throwable e) {
    failure = e.toString();
    state = State.FAILED;
  }

  /** The outbox position the index has applied up to. */
  long position() {
    return position;
  }

  /** Ready for traffic: the index answers and keeps up with the outbox. */
  public boolean isReady() {
    return state == State.READY;
  }

  /** The index can answer searches and matches, perhaps without the latest changes. */
  public boolean canSearch() {
    return state == State.READY || state == State.FAILING;
  }

  /** Why the index is not ready for traffic, or null when it is. */
  public String notReadyReason() {
    State now = state;
    return switch (now) {
      case READY -> null;
      case STARTING, REBUILDING -> "index " + now.name().toLowerCase();
      case FAILING, FAILED -> "index " + now.name().toLowerCase() + ": " + failure;
    };
  }

  boolean isFailing() {
    return state == State.FAILING;
  }

  State state() {
    return state;
  }

  /** Outbox entries seen but not yet applied here. */
  long lag() {
    return Math.max(0, latestOutboxId - position);
  }

  long applyFailures() {
    return applyFailures.get();
  }

  long heals() {
    return heals.get();
  }

  public JsonObject toJson() {
    State now = state;
    JsonObject json = new JsonObject().put("status", now.name().toLowerCase()).put("outboxPosition", position)
        .put("outboxLag", lag());
    if (failure != null && (now == State.FAILED || now == State.FAILING)) {
      json.put("error", failure);
    }
    return json;
  }
}
