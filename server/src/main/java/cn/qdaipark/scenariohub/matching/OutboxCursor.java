package cn.qdaipark.scenariohub.matching;

import java.util.List;

/**
 * How far the outbox has been applied without holes. Outbox ids come from a sequence in the writing
 * transactions, so a smaller id can become visible after a larger one (its transaction committed later).
 * The cursor therefore only advances over contiguous ids. A hole is passed only once a read's snapshot shows that
 * every transaction which could hold the missing id has ended (then it rolled back): the id's transaction had its
 * xid before it took the id (the outbox row is written by an AFTER trigger), before the larger id became visible,
 * so below the xmax of the read that first saw the hole. A clock would not do: a database stalled for longer than
 * any timeout delivers an old snapshot late. Entries beyond a hole are applied at once, and again after the hole is
 * passed, which is harmless because applying an entry reloads the record's current state.
 */
final class OutboxCursor {
  private long position;
  private long holeAt = -1;
  private long holeXmax;

  /** What a read of the outbox could not see: transactions from {@code xmin} on may still be running. */
  record Snapshot(long xmin, long xmax) {
    /**
     * No transaction was in progress, so none can still hold a missing id. This also passes a hole first seen
     * before a database crash: recovery may hand out again the xids of transactions whose WAL was lost, so xmin
     * can stay below the xmax recorded before the crash while nothing runs.
     */
    boolean nothingRunning() {
      return xmin == xmax;
    }
  }

  OutboxCursor(long position) {
    this.position = position;
  }

  long position() {
    return position;
  }

  /**
   * Where the cursor goes once the given ids (ascending, all greater than the position, read in {@code snapshot})
   * are applied; it stays until {@link #moveTo}, so a batch that fails to apply is read again.
   */
  long next(List<Long> ids, Snapshot snapshot) {
    long expected = position + 1;
    for (long id : ids) {
      if (id == expected) {
        expected++;
        continue;
      }
      if (holeAt != expected) {
        holeAt = expected;
        holeXmax = snapshot.xmax();
      }
      if (snapshot.xmin() < holeXmax && !snapshot.nothingRunning()) {
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
