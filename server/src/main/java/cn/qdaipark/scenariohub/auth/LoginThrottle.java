package cn.qdaipark.scenariohub.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per client address in a sliding window; once either key
 * reaches the limit, further attempts are refused until old failures leave the window.
 */
public final class LoginThrottle {
  private final int maxFailures;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, int windowSeconds, Clock clock) {
    this.maxFailures = maxFailures;
    this.windowMillis = windowSeconds * 1000L;
    this.clock = clock;
  }

  /** Seconds until the next attempt is allowed for this account or address, 0 if allowed now. */
  public long retryAfterSeconds(String account, String address) {
    return Math.max(waitFor("account:" + account), waitFor("address:" + address));
  }

  public void recordFailure(String account, String address) {
    long now = clock.millis();
    for (String key : new String[] {"account:" + account, "address:" + address}) {
      failures.compute(key, (k, times) -> {
        Deque<Long> q = times == null ? new ArrayDeque<>() : times;
        q.addLast(now);
        return q;
      });
    }
  }

  public void recordSuccess(String account) {
    failures.remove("account:" + account);
  }

  private long waitFor(String key) {
    long now = clock.millis();
    long[] wait = {0};
    failures.computeIfPresent(key, (k, times) -> {
      while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
        times.pollFirst();
      }
      if (times.size() >= maxFailures) {
        wait[0] = Math.max(1, (times.peekFirst() + windowMillis - now + 999) / 1000);
      }
      return times.isEmpty() ? null : times;
    });
    return wait[0];
  }
}
