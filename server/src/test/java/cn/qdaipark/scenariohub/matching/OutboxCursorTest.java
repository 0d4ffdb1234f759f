package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.matching.OutboxCursor.Snapshot;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboxCursorTest {
  /** A read while transaction 100 (which may hold a missing id) is still running; 105 is the next xid. */
  private static final Snapshot RUNNING = new Snapshot(100, 105);

  /** As the follower does after applying a batch. */
  private static long advance(OutboxCursor cursor, List<Long> ids, Snapshot snapshot) {
    long next = cursor.next(ids, snapshot);
    cursor.moveTo(next);
    return next;
  }

  @Test
  @DisplayName("contiguous ids move the cursor to the last one")
  void contiguous() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(advance(cursor, List.of(11L, 12L, 13L), RUNNING)).isEqualTo(13);
  }

  @Test
  @DisplayName("a hole holds the cursor before it while a transaction older than its first sight still runs")
  void holeHolds() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(advance(cursor, List.of(11L, 13L, 14L), RUNNING)).isEqualTo(11);
    assertThat(advance(cursor, List.of(13L, 14L), new Snapshot(104, 110))).isEqualTo(11);
  }

  @Test
  @DisplayName("once the missing id appears the cursor passes the hole")
  void holeFilled() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(11L, 13L), RUNNING);
    assertThat(advance(cursor, List.of(12L, 13L), RUNNING)).isEqualTo(13);
  }

  @Test
  @DisplayName("a hole is skipped as rolled back once every transaction running at its first sight has ended")
  void holeOfAnEndedTransactionSkipped() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(13L), RUNNING);
    assertThat(advance(cursor, List.of(13L, 14L), new Snapshot(105, 120))).isEqualTo(14);
  }

  @Test
  @DisplayName("a read with no transaction running skips a hole at once")
  void holeWithNothingRunning() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(advance(cursor, List.of(12L), new Snapshot(105, 105))).isEqualTo(12);
  }

  @Test
  @DisplayName("a hole first seen before a database crash is passed once nothing runs, though recovery reused xids "
      + "below the xmax of its first sight")
  void holeAcrossACrashWithReusedXids() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(advance(cursor, List.of(12L), new Snapshot(100, 120))).isEqualTo(10);
    assertThat(advance(cursor, List.of(12L, 13L), new Snapshot(112, 112))).isEqualTo(13);
  }

  @Test
  @DisplayName("however long the wait (a stalled database), the hole is held while its transaction may still commit")
  void timeDoesNotPassAHole() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(12L), RUNNING);
    for (int read = 0; read < 5; read++) {
      assertThat(advance(cursor, List.of(12L), RUNNING)).isEqualTo(10);
    }
  }

  @Test
  @DisplayName("the cursor stays where it is until the batch is applied")
  void staysUntilApplied() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(cursor.next(List.of(11L, 12L), RUNNING)).isEqualTo(12);
    assertThat(cursor.position()).isEqualTo(10);
  }
}
