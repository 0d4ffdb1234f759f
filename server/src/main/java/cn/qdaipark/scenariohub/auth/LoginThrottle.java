package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login attempts, counted in PostgreSQL so that every replica sees the same counts. An attempt is reserved before
 * the password is checked (parallel guesses cannot all pass one check) and given back when it succeeds. Per account
 * and client address, {@code maxFailures} attempts are free, then each further one waits twice as long as the last
 * ({@code backoff}, at most {@code window}): an attacker at one address slows down to a guess per window while the
 * owner elsewhere is unaffected. The account as a whole, guessed at from many addresses, backs off the same way
 * after {@code accountMaxFailures}. Counts are forgotten a {@code window} after the last attempt (or block).
 */
public final class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  private static final long PRUNE_EVERY_MS = 60_000;
  private static final int MAX_ACCOUNT_LENGTH = 254;

  /** The settings: see the LOGIN_* rows of the README's configuration table. */
  public record Limits(int maxFailures, int accountMaxFailures, Duration backoff, Duration window) {
    public static Limits from(AppConfig config) {
      return new Limits(config.loginMaxFailures(), config.loginAccountMaxFailures(),
          Duration.ofSeconds(config.loginBackoffSeconds()), Duration.ofSeconds(config.loginWindowSeconds()));
    }
  }

  private final Pool pool;
  private final RateLimitRepository buckets = new RateLimitRepository();
  private final Limits limits;
  private final Clock clock;
  private final AtomicLong lastPrune = new AtomicLong();

  public LoginThrottle(Pool pool, Limits limits, Clock clock) {
    this.pool = pool;
    this.limits = limits;
    this.clock = clock;
  }

  /** Counts an attempt before it is checked; fails with {@link TooManyAttemptsException} while backing off. */
  public Future<Void> reserve(String account, String address) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    pruneNow(now);
    return pool.withTransaction(db -> take(db, accountBucket(account), limits.accountMaxFailures(), now)
        .compose(ok -> take(db, pairBucket(account, address), limits.maxFailures(), now)));
  }

  /** A correct password: the attempt did not count, and this address starts afresh for this account. */
  public Future<Void> succeeded(String account, String address) {
    return buckets.forget(pool, pairBucket(account, address))
        .compose(done -> buckets.giveBack(pool, accountBucket(account), limits.accountMaxFailures()));
  }

  private Future<Void> take(SqlClient db, String bucket, int free, OffsetDateTime now) {
    return buckets.take(db, bucket, now, now.plus(limits.window()), true).compose(taken -> {
      if (taken.isEmpty()) {
        return buckets.blockedUntil(db, bucket).compose(until -> Future.failedFuture(
            TooManyAttemptsException.login(until.map(u -> secondsUntil(u, now)).orElse(1L))));
      }
      int hits = taken.get().hits();
      if (hits < free) {
        return Future.succeededFuture();
      }
      OffsetDateTime until = now.plus(backoff(hits - free));
      return buckets.block(db, bucket, until, until.plus(limits.window()));
    });
  }

  /** The wait after the {@code n}th attempt beyond the free ones (counting from 0): doubling, at most the window. */
  Duration backoff(int n) {
    Duration wait = limits.backoff().multipliedBy(1L << Math.min(n, 30));
    return wait.compareTo(limits.window()) > 0 ? limits.window() : wait;
  }

  private void pruneNow(OffsetDateTime now) {
    long last = lastPrune.get();
    if (now.toInstant().toEpochMilli() - last >= PRUNE_EVERY_MS
        && lastPrune.compareAndSet(last, now.toInstant().toEpochMilli())) {
      buckets.prune(pool, now).onFailure(e -> log.warn("pruning the rate limit counters failed; the next minute retries", e));
    }
  }

  static long secondsUntil(OffsetDateTime until, OffsetDateTime now) {
    return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
  }

  private static String accountBucket(String account) {
    return "login-account:" + clip(account);
  }

  private static String pairBucket(String account, String address) {
    return "login-pair:" + clip(account) + "|" + address;
  }

  private static String clip(String account) {
    return account.length() > MAX_ACCOUNT_LENGTH ? account.substring(0, MAX_ACCOUNT_LENGTH) : account;
  }
}
