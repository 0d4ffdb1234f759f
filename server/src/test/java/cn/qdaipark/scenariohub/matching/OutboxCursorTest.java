package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboxCursorTest {

  /** As the follower does after applying a batch. */
  private static long advance(OutboxCursor cursor, List<Long> ids, long nowMillis) {
    long next = cursor.next(ids, nowMillis);
    cursor.moveTo(next);
    return next;
  }

  @Test
  @DisplayName("contiguous ids move the cursor to the last one")
  void contiguous() {
    OutboxCursor cursor = new OutboxCursor(10, 1000);
    assertThat(advance(cursor, List.of(11L, 12L, 13L), 0)).isEqualTo(13);
  }

  @Test
  @DisplayName("a hole (a transaction still committing) holds the cursor before it")
  void holeHolds() {
    OutboxCursor cursor = new OutboxCursor(10, 1000);
    assertThat(advance(cursor, List.of(11L, 13L, 14L), 0)).isEqualTo(11);
    assertThat(advance(cursor, List.of(13L, 14L), 500)).isEqualTo(11);
  }

  @Test
  @DisplayName("once the missing id appears the cursor passes the hole")
  void holeFilled() {
    OutboxCursor cursor = new OutboxCursor(10, 1000);
    advance(cursor, List.of(11L, 13L), 0);
    assertThat(advance(cursor, List.of(12L, 13L), 100)).isEqualTo(13);
  }

  @Test
  @DisplayName("a hole older than the timeout is taken as a rolled-back transaction and skipped")
  void holeTimesOut() {
    OutboxCursor cursor = new OutboxCursor(10, 1000);
    advance(cursor, List.of(13L), 0);
    assertThat(advance(cursor, List.of(13L), 999)).isEqualTo(10);
    assertThat(advance(cursor, List.of(13L, 14L), 1000)).isEqualTo(14);
  }

  @Test
  @DisplayName("the cursor stays where it is until the batch is applied")
  void staysUntilApplied() {
    OutboxCursor cursor = new OutboxCursor(10, 1000);
    assertThat(cursor.next(List.of(11L, 12L), 0)).isEqualTo(12);
    assertThat(cursor.position()).isEqualTo(10);
  }
}
