package cn.qdaipark.scenariohub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test moves forward by hand, to pass deadlines and objection periods without waiting. */
public final class MutableClock extends Clock {
  private final ZoneId zone;
  private volatile Instant now;

  public MutableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public static MutableClock startingNow() {
    return new MutableClock(Instant.now(), ZoneId.systemDefault());
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MutableClock(now, other);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
