package cn.qdaipark.scenariohub.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * At most {@code perWindow} registration attempts per client address in a fixed window, counted in PostgreSQL (every
 * replica shares the count) and taken before the password is hashed. Refused attempts, an email already taken
 * included, count too: the form is also a way to ask which emails have accounts.
 */
public final class RegistrationLimit {
  private final Pool pool;
  private final RateLimitRepository buckets = new RateLimitRepository();
  private final int perWindow;
  private final Duration window;
  private final Clock clock;

  public RegistrationLimit(Pool pool, int perWindow, Duration window, Clock clock) {
    this.pool = pool;
    this.perWindow = perWindow;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one registration from this address, or fails with {@link TooManyAttemptsException} when over the limit. */
  public Future<Void> reserve(String address) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String bucket = "register:" + address;
    return pool.withTransaction(db -> buckets.take(db, bucket, now, now.plus(window), false).compose(taken -> {
      if (taken.isEmpty()) {
        return buckets.blockedUntil(db, bucket).compose(until -> Future.failedFuture(
            TooManyAttemptsException.registration(until.map(u -> LoginThrottle.secondsUntil(u, now)).orElse(1L))));
      }
      return taken.get().hits() < perWindow ? Future.succeededFuture()
          : buckets.block(db, bucket, taken.get().expiresAt(), taken.get().expiresAt());
    }));
  }
}
