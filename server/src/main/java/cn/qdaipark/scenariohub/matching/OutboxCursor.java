package cn.qdaipark.scenariohub.matching;

import java.util.List;

/**
 * How far the outbox has been applied without holes. Outbox ids come from a sequence in the writing
 * transactions, so a smaller id can become visible after a larger one (its transaction committed later).
 * The cursor therefore only advances over contiguous ids. A missing id below a visible one was taken by a transaction
 * that already had its xid (the outbox row is written by an AFTER trigger) before that read, so below any xid handed
 * out after the read: such a bound is fetched once per read that stops at a hole, and the hole is passed (its
 * transaction rolled back) once a snapshot's xmin reaches the bound. The xmax of the first read would not do: it is
 * only the newest completed xid plus one, and a transaction with a larger xid can still be running. A clock would
 * not do either: a database stalled for longer than any timeout delivers an old snapshot late. Entries beyond a hole
 * are applied at once, and again after the hole is passed, which is harmless because applying an entry reloads the
 * record's current state.
 */
final class OutboxCursor {
  private static final long NONE = -1;
  private long position;
  /** An xid above every transaction that can hold a missing id up to {@link #boundCovers}. */
  private long bound = NONE;
  private long boundCovers;
  /** The newest id of a read that stopped at a hole no bound covers; a bound fetched now covers it. */
  private long boundWantedFor = NONE;

  OutboxCursor(long position) {
    this.position = position;
  }

  long position() {
    return position;
  }

  /**
   * Where the cursor goes once the given ids (ascending, all greater than the position, read in a snapshot with
   * {@code snapshotXmin}) are applied; it stays until {@link #moveTo}, so a batch that fails to apply is read again.
   */
  long next(List<Long> ids, long snapshotXmin) {
    long expected = position + 1;
    for (long id : ids) {
      if (id != expected) {
        boolean covered = bound != NONE && id <= boundCovers;
        if (!covered) {
          boundWantedFor = ids.get(ids.size() - 1);
          break;
        }
        if (snapshotXmin < bound) {
          break;
        }
      }
      expected = id + 1;
    }
    return expected - 1;
  }

  /** True when the last read stopped at a hole that needs a bound: fetch the current xid and pass it to {@link #bound}. */
  boolean wantsBound() {
    return boundWantedFor != NONE;
  }

  /** Records an xid handed out after the read that asked for it. */
  void bound(long xid) {
    bound = xid;
    boundCovers = boundWantedFor;
    boundWantedFor = NONE;
  }

  void moveTo(long applied) {
    position = applied;
  }
}
