package cn.qdaipark.scenariohub.matching;

import java.util.List;

/**
 * How far the outbox has been applied without holes. Outbox ids come from a sequence in the writing
 * transactions, so a smaller id can become visible after a larger one (its transaction committed later).
 * The cursor therefore only advances over contiguous ids; a hole is waited for until {@code holeTimeoutMillis}
 * (then taken as a rolled-back transaction). Entries beyond a hole are applied at once, and again after the
 * hole is passed, which is harmless because applying an entry reloads the record's current state.
 */
final class OutboxCursor {
  private final long holeTimeoutMillis;
  private long position;
  private long holeSince = -1;
  private long holeAt = -1;

  OutboxCursor(long position, long holeTimeoutMillis) {
    this.position = position;
    this.holeTimeoutMillis = holeTimeoutMillis;
  }

  long position() {
    return position;
  }

  /**
   * Where the cursor goes once the given ids (ascending, all greater than the position) are applied; it stays
   * until {@link #moveTo}, so a batch that fails to apply is read again.
   */
  long next(List<Long> ids, long nowMillis) {
    long expected = position + 1;
    for (long id : ids) {
      if (id == expected) {
        expected++;
        continue;
      }
      if (holeAt != expected) {
        holeAt = expected;
        holeSince = nowMillis;
      }
      if (nowMillis - holeSince < holeTimeoutMillis) {
        break;
      }
      expected = id + 1;
    }
    return expected - 1;
  }

  void moveTo(long applied) {
    position = applied;
  }
}
