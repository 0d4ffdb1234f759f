package cn.qdaipark.scenariohub.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate HTTP load for server/bench/match-load.sh, not a test. wrk keeps each connection busy (a closed loop),
 * so a slow answer delays the requests behind it and hides them from its latencies; this sends request {@code i} at
 * {@code start + i / rate} whatever happened before (an open loop) over at most {@code connections} keep-alive
 * connections, and measures each latency from that intended time, queueing in the client included.
 *
 * <p>usage: {@code java -cp scenariohub-all.jar:test-classes cn.qdaipark.scenariohub.bench.OpenLoopLoad BASE_URL
 * PATHS_FILE RATE SECONDS CONNECTIONS}; prints one line of Markdown: rate sent, answered, errors, p50, p90, p99, max.
 */
public final class OpenLoopLoad {
  /** A request without an answer this long counts as an error (status 0). */
  private static final long ANSWER_TIMEOUT_MS = 30_000;
  private OpenLoopLoad() {
  }

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    List<String> paths = Files.readAllLines(Path.of(args[1])).stream().filter(p -> !p.isBlank()).toList();
    double rate = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    int total = (int) Math.round(rate * seconds);
    long[] latencies = new long[total];
    Arrays.fill(latencies, Long.MAX_VALUE);
    AtomicInteger errors = new AtomicInteger();
    CountDownLatch answered = new CountDownLatch(total);
    Vertx vertx = Vertx.vertx();
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setDefaultHost(base.getHost()).setDefaultPort(base.getPort()), new PoolOptions().setHttp1MaxSize(connections));
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    for (int i = 0; i < total; i++) {
      long intended = start + (long) (i * 1e9 / rate);
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int slot = i;
      String path = paths.get(i % paths.size());
      Promise<Integer> answer = Promise.promise();
      // also counts a request that never got a connection from the pool, which no request timeout covers
      vertx.setTimer(ANSWER_TIMEOUT_MS, id -> answer.tryComplete(0));
      client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setIdleTimeout(ANSWER_TIMEOUT_MS))
          .compose(request -> request.send())
          .compose(response -> response.body().map(body -> response.statusCode()))
          .onComplete(done -> answer.tryComplete(done.succeeded() ? done.result() : 0));
      answer.future().onSuccess(status -> {
        latencies[slot] = System.nanoTime() - intended;
        if (status != 200) {
          errors.incrementAndGet();
        }
        answered.countDown();
      });
    }
    answered.await(ANSWER_TIMEOUT_MS + 10_000, TimeUnit.MILLISECONDS);
    long unanswered = answered.getCount();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, total);
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "| %.0f req/s × %d s, %d connections | %d sent, %d answered in %.1f s | %d errors "
            + "| p50 %.1f ms | p90 %.1f ms | p99 %.1f ms | max %.1f ms |%n", rate, seconds, connections, total,
        total - unanswered, elapsed, errors.get(), ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
        sorted[total - 1] / 1e6);
    client.close().await();
    vertx.close().await();
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
