package cn.qdaipark.scenariohub.fault;

import cn.qdaipark.scenariohub.support.Fixtures;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients creating solutions as fast as the server takes them, remembering every write the server acknowledged
 * (201 with an id), the status of every other answer, and the longest request.
 */
final class AcknowledgedWriter implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
  private final String base;
  private final String token;
  private final String prefix;
  private final ExecutorService threads;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong longestMillis = new AtomicLong();
  /** title → id of each acknowledged write. */
  final Map<String, Long> acknowledged = new ConcurrentSkipListMap<>();
  /** HTTP status (or -1 for a transport error) → count, for the answers that were not acknowledgements. */
  final Map<Integer, AtomicLong> refused = new ConcurrentHashMap<>();

  AcknowledgedWriter(String base, String token, String prefix, int clients) {
    this.base = base;
    this.token = token;
    this.prefix = prefix;
    this.threads = Executors.newFixedThreadPool(clients);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    for (int i = 0; i < clients; i++) {
      threads.execute(() -> writeUntilStopped(http));
    }
  }

  private void writeUntilStopped(HttpClient http) {
    while (running.get()) {
      String title = prefix + " 方案 " + sequence.incrementAndGet();
      long started = System.nanoTime();
      int status;
      String body = null;
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/solutions"))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Fixtures.solution(title).encode())).build(),
            HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        body = r.body();
      } catch (IOException e) {
        status = -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
      if (status == 201) {
        acknowledged.put(title, new JsonObject(body).getLong("id"));
      } else {
        refused.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        sleepQuietly(100);
      }
    }
  }

  long longestMillis() {
    return longestMillis.get();
  }

  long refusedCount() {
    return refused.values().stream().mapToLong(AtomicLong::get).sum();
  }

  List<String> titles() {
    return List.copyOf(acknowledged.keySet());
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    threads.shutdown();
    if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
      threads.shutdownNow();
    }
  }
}
