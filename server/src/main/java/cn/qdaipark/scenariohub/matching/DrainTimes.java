package cn.qdaipark.scenariohub.matching;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Where the time of one drain of the outbox went, phase by phase; logged when the drain applied many entries (a bulk
 * import or a large backlog being applied), so that a slow one shows what held it up.
 */
final class DrainTimes {
  private static final int LOGGED_FROM_ENTRIES = 1000;

  enum Phase {
    /** the outbox entries, then the records and their vectors, from PostgreSQL */
    READ,
    /** the documents written to the index */
    WRITE,
    /** the index committed and refreshed */
    COMMIT,
    /** the position recorded and reported */
    REPORT
  }

  private final long started = System.nanoTime();
  private final long[] nanos = new long[Phase.values().length];
  private long mark = started;
  private int entries;

  /** Counts the time since the previous lap to {@code phase}. */
  synchronized void lap(Phase phase) {
    long now = System.nanoTime();
    nanos[phase.ordinal()] += now - mark;
    mark = now;
  }

  synchronized void applied(int count) {
    entries += count;
  }

  synchronized void logIfLarge(Logger log) {
    if (entries < LOGGED_FROM_ENTRIES) {
      return;
    }
    StringBuilder phases = new StringBuilder();
    for (Phase phase : Phase.values()) {
      phases.append(phases.isEmpty() ? "" : ", ").append(phase.name().toLowerCase()).append(' ')
          .append(TimeUnit.NANOSECONDS.toMillis(nanos[phase.ordinal()])).append(" ms");
    }
    log.info("applied {} outbox entries in {} ms ({})", entries,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), phases);
  }
}
