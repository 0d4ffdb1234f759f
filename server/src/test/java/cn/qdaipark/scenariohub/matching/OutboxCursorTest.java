package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboxCursorTest {
  /** The xmin of a read while transaction 100 (which may hold a missing id) is still running. */
  private static final long RUNNING = 100;

  /** As the follower does after reading a batch: fetch a bound when asked, then apply. */
  private static long advance(OutboxCursor cursor, List<Long> ids, long xmin, long xidAfterRead) {
    long next = cursor.next(ids, xmin);
    if (cursor.wantsBound()) {
      cursor.bound(xidAfterRead);
    }
    cursor.moveTo(next);
    return next;
  }

  @Test
  @DisplayName("contiguous ids move the cursor to the last one and need no bound")
  void contiguous() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(cursor.next(List.of(11L, 12L, 13L), RUNNING)).isEqualTo(13);
    assertThat(cursor.wantsBound()).isFalse();
  }

  @Test
  @DisplayName("a hole holds the cursor and asks for a bound; it holds while a snapshot's xmin is below the bound")
  void holeHolds() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(cursor.next(List.of(11L, 13L, 14L), RUNNING)).isEqualTo(11);
    assertThat(cursor.wantsBound()).isTrue();
    cursor.bound(110);
    cursor.moveTo(11);
    assertThat(advance(cursor, List.of(13L, 14L), 109, 130)).isEqualTo(11);
    assertThat(cursor.wantsBound()).isFalse();
  }

  @Test
  @DisplayName("once the missing id appears the cursor passes the hole")
  void holeFilled() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(11L, 13L), RUNNING, 110);
    assertThat(advance(cursor, List.of(12L, 13L), RUNNING, 120)).isEqualTo(13);
  }

  @Test
  @DisplayName("a hole is passed as rolled back once a snapshot's xmin reaches the bound fetched after its first read")
  void holeOfAnEndedTransactionSkipped() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(13L), RUNNING, 110);
    assertThat(advance(cursor, List.of(13L, 14L), 110, 120)).isEqualTo(14);
  }

  @Test
  @DisplayName("a read whose snapshot shows nothing running does not pass a hole without a bound: the transaction "
      + "holding it may have an xid above the snapshot's xmax (the fault suite lost such a solution)")
  void nothingVisiblyRunningIsNotEnough() {
    OutboxCursor cursor = new OutboxCursor(10);
    assertThat(cursor.next(List.of(12L), 105)).isEqualTo(10);
    assertThat(cursor.wantsBound()).isTrue();
  }

  @Test
  @DisplayName("a bound covers only the ids of the read it was fetched after; a hole beyond them asks for a new one")
  void boundCoversItsRead() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(12L), RUNNING, 110);
    assertThat(cursor.next(List.of(12L, 14L), 115)).isEqualTo(12);
    assertThat(cursor.wantsBound()).isTrue();
    cursor.bound(120);
    cursor.moveTo(12);
    assertThat(advance(cursor, List.of(14L), 119, 130)).isEqualTo(12);
    assertThat(advance(cursor, List.of(14L), 120, 130)).isEqualTo(14);
  }

  @Test
  @DisplayName("however long the wait (a stalled database), the hole is held while its transaction may still commit")
  void timeDoesNotPassAHole() {
    OutboxCursor cursor = new OutboxCursor(10);
    advance(cursor, List.of(12L), RUNNING, 110);
    for (int read = 0; read < 5; read++) {
      assertThat(advance(cursor, List.of(12L), RUNNING, 200 + read)).isEqualTo(10);
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
