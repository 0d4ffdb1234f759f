package cn.qdaipark.scenariohub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
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
      client.request(HttpMethod.GET, path)
          .compose(request -> request.send())
          .compose(response -> response.body().map(body -> response.statusCode()))
          .recover(failure -> Future.succeededFuture(0))
          .onComplete(status -> {
            latencies[slot] = System.nanoTime() - intended;
            if (status.result() != 200) {
              errors.incrementAndGet();
            }
            answered.countDown();
          });
    }
    boolean all = answered.await(60, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, total);
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "| %.0f req/s × %d s, %d connections | %d sent, %s answered in %.1f s | %d errors "
            + "| p50 %.1f ms | p90 %.1f ms | p99 %.1f ms | max %.1f ms |%n", rate, seconds, connections, total,
        all ? String.valueOf(total) : "not all", elapsed, errors.get(), ms(sorted, 0.50), ms(sorted, 0.90),
        ms(sorted, 0.99), sorted[total - 1] / 1e6);
    client.close().await();
    vertx.close().await();
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
