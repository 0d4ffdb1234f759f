package cn.qdaipark.scenariohub.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Asks {@code /health/ready} every 200 ms, as a load balancer would, counting the answers and the slowest one. */
final class ReadinessProbe implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong longestMillis = new AtomicLong();
  private final Thread thread;
  /** HTTP status (or -1 for a transport error) → count. */
  final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

  ReadinessProbe(String base) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(30))
        .build();
    thread = new Thread(() -> {
      while (running.get()) {
        long started = System.nanoTime();
        int status;
        try {
          status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
          status = -1;
        } catch (InterruptedException e) {
          return;
        }
        longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "readiness-probe");
    thread.setDaemon(true);
    thread.start();
  }

  long longestMillis() {
    return longestMillis.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(35_000);
  }
}
