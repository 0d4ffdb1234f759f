package cn.qdaipark.scenariohub.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an asynchronous effect (the index following the outbox) up to a deadline. */
public final class Eventually {
  private Eventually() {
  }

  /** Milliseconds until the condition held; fails the test when it did not within {@code within}. */
  public static long within(Duration within, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not met within " + within.toMillis() + " ms");
  }
}
