package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The throttle's counting against the real database, on a clock the test moves. */
class LoginThrottleTest {
  private static final LoginThrottle.Limits LIMITS =
      new LoginThrottle.Limits(5, 12, Duration.ofSeconds(30), Duration.ofMinutes(15));
  private static TestApp app;
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault());
  private final LoginThrottle throttle = new LoginThrottle(app.pool(), LIMITS, clock);

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Seconds to wait when refused, 0 when the attempt was reserved. */
  private long attempt(String account, String address) {
    Throwable refused = catchThrowable(() -> throttle.reserve(account, address).await());
    if (refused == null) {
      return 0;
    }
    assertThat(refused).isInstanceOf(TooManyAttemptsException.class);
    return ((TooManyAttemptsException) refused).retryAfterSeconds();
  }

  @Test
  @DisplayName("of 40 parallel attempts for one account from one address, only the 5 free ones are reserved")
  void parallelAttemptsReserveAtomically() {
    AtomicInteger reserved = new AtomicInteger();
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(throttle.reserve("parallel@example.cn", "10.0.0.1").onSuccess(ok -> reserved.incrementAndGet()));
    }
    Future.join(all).otherwiseEmpty().await();
    assertThat(reserved.get()).isEqualTo(5);
    assertThat(all).filteredOn(Future::failed)
        .allSatisfy(f -> assertThat(f.cause()).isInstanceOf(TooManyAttemptsException.class));
  }

  @Test
  @DisplayName("after the free attempts every further failure doubles the wait, up to the window")
  void backOffGrows() {
    for (int i = 0; i < 5; i++) {
      assertThat(attempt("grow@example.cn", "10.0.0.2")).isZero();
    }
    long[] expected = {30, 60, 120, 240, 480, 900, 900};
    for (long wait : expected) {
      assertThat(attempt("grow@example.cn", "10.0.0.2")).isEqualTo(wait);
      clock.advance(Duration.ofSeconds(wait - 1));
      assertThat(attempt("grow@example.cn", "10.0.0.2")).as("still waiting").isEqualTo(1);
      clock.advance(Duration.ofSeconds(1));
      assertThat(attempt("grow@example.cn", "10.0.0.2")).as("the wait is over").isZero();
    }
  }

  @Test
  @DisplayName("an attacker at one address backing off leaves the owner at another address free to log in")
  void ownerElsewhereUnaffected() {
    for (int i = 0; i < 5; i++) {
      attempt("owner@example.cn", "10.0.0.66");
    }
    for (int i = 0; i < 20; i++) {
      assertThat(attempt("owner@example.cn", "10.0.0.66")).isPositive();
    }
    assertThat(attempt("owner@example.cn", "192.168.1.20")).isZero();
    throttle.succeeded("owner@example.cn", "192.168.1.20").await();
    assertThat(attempt("owner@example.cn", "10.0.0.66")).as("the attacker still waits").isPositive();
  }

  @Test
  @DisplayName("a success starts the account and address afresh: five free attempts again, no back-off")
  void successResetsThePair() {
    for (int i = 0; i < 5; i++) {
      attempt("reset@example.cn", "10.0.0.3");
    }
    assertThat(attempt("reset@example.cn", "10.0.0.3")).isEqualTo(30);
    clock.advance(Duration.ofSeconds(30));
    assertThat(attempt("reset@example.cn", "10.0.0.3")).isZero();
    throttle.succeeded("reset@example.cn", "10.0.0.3").await();
    for (int i = 0; i < 5; i++) {
      assertThat(attempt("reset@example.cn", "10.0.0.3")).isZero();
    }
    assertThat(attempt("reset@example.cn", "10.0.0.3")).isEqualTo(30);
  }

  @Test
  @DisplayName("guesses from many addresses stop at the per-account ceiling, and the counts are forgotten after the window")
  void accountCeiling() {
    for (int i = 0; i < 12; i++) {
      assertThat(attempt("spread@example.cn", "10.1.0." + i)).isZero();
    }
    assertThat(attempt("spread@example.cn", "10.1.1.1")).isEqualTo(30);
    clock.advance(Duration.ofSeconds(30 + 15 * 60));
    assertThat(attempt("spread@example.cn", "10.1.1.1")).isZero();
  }
}
