package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("A stalled or dropped database: requests answer 503 within the request deadline, never hang or 500")
class DatabaseStallTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final int STALL_SECONDS = 20;
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("REQUEST_TIMEOUT_MS", "2500"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Connection jdbc() throws Exception {
    return app.jdbc();
  }

  /** Holds an exclusive lock on the solutions table, so every query of it waits, as in a stalled database. */
  private static Connection lockSolutions() throws Exception {
    Connection c = jdbc();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE solutions IN ACCESS EXCLUSIVE MODE");
    }
    return c;
  }

  private static CompletableFuture<HttpResponse<String>> get(String path) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(app.api.base() + path)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void terminateTheWaitingBackend(Connection admin) throws Exception {
    Eventually.within(Duration.ofSeconds(5), () -> {
      try (Statement s = admin.createStatement(); ResultSet r = s.executeQuery(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
              + "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
        return r.next() && r.getBoolean(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  @DisplayName("an API request stuck on the database answers 503 unavailable with Retry-After at the deadline")
  void apiDeadline() throws Exception {
    try (Connection lock = lockSolutions()) {
      long started = System.nanoTime();
      HttpResponse<String> r = get("/api/v1/solutions/1").get();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("\"code\":\"unavailable\"");
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      lock.rollback();
    }
    assertThat(get("/api/v1/solutions/1").get().statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the answer a stuck query finally produces after its 503 is dropped quietly, on the API and pages alike")
  void lateAnswerDropped() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> errors = new ListAppender<>();
    errors.start();
    root.addAppender(errors);
    try {
      for (String path : new String[] {"/api/v1/solutions", "/solutions"}) {
        try (Connection lock = lockSolutions()) {
          assertThat(get(path).get().statusCode()).as(path).isEqualTo(503);
          lock.rollback();
        }
        Eventually.within(Duration.ofSeconds(5), () -> app.count("SELECT count(*) FROM pg_stat_activity "
            + "WHERE wait_event_type = 'Lock'") == 0);
      }
      Thread.sleep(500);
      assertThat(errors.list).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage)
          .isEmpty();
    } finally {
      root.detachAppender(errors);
    }
  }

  @Test
  @DisplayName("a page stuck on the database shows the 503 error page at the deadline")
  void pageDeadline() throws Exception {
    try (Connection lock = lockSolutions()) {
      HttpResponse<String> r = get("/solutions/1").get();
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(r.body()).contains("服务暂时不可用");
      lock.rollback();
    }
  }

  @Test
  @DisplayName("a PostgreSQL backend terminated mid-query (pg_terminate_backend) answers 503, on the API and on pages")
  void terminatedBackend() throws Exception {
    for (String path : new String[] {"/api/v1/solutions/1", "/solutions/1"}) {
      try (Connection lock = lockSolutions(); Connection admin = jdbc()) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = get(path);
        terminateTheWaitingBackend(admin);
        HttpResponse<String> r = pending.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path).isLessThan(Duration.ofMillis(2500));
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as(path).isPresent();
        lock.rollback();
      }
    }
  }

  /** The embedded PostgreSQL's postmaster and all its children, found from a backend of our own connection. */
  private static List<Long> postgresProcesses() throws Exception {
    try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      ProcessHandle postmaster = ProcessHandle.of(r.getLong(1)).orElseThrow().parent().orElseThrow();
      List<Long> pids = new ArrayList<>(List.of(postmaster.pid()));
      postmaster.descendants().forEach(p -> pids.add(p.pid()));
      return pids;
    }
  }

  private static void signal(String signal, List<Long> pids) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(String.valueOf(pid)));
    new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  private record Timed(String path, int status, long millis) {
  }

  /** Requests one path after the other until {@code until}; a request that gets no answer at all counts as 0. */
  private static List<Timed> keepRequesting(HttpClient client, TestApp stalled, String path, String token, long until) {
    List<Timed> seen = new ArrayList<>();
    while (System.nanoTime() < until) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stalled.api.base() + path))
          .timeout(Duration.ofSeconds(40)).GET();
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      long started = System.nanoTime();
      int status;
      try {
        status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        status = 0;
      }
      seen.add(new Timed(path, status, (System.nanoTime() - started) / 1_000_000));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return seen;
      }
    }
    return seen;
  }

  @Test
  @DisplayName("PostgreSQL frozen (SIGSTOP) for 20 s under the default settings: every request answers within the 10 s deadline, 503 or 200, and all recover")
  void frozenPostgres() throws Exception {
    try (TestApp stalled = TestApp.start()) {
      String token = stalled.adminToken();
      List<String> paths = List.of("/api/v1/solutions", "/solutions", "/api/v1/auth/me", "/api/v1/search?q=无人机",
          "/health", "/css/site.css");
      List<Long> postgres = postgresProcesses();
      ExecutorService clients = Executors.newFixedThreadPool(paths.size());
      List<Timed> seen = new ArrayList<>();
      // Each client connected and warmed up first, so what is timed is the server's answer.
      List<HttpClient> warm = new ArrayList<>();
      for (String path : paths) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client.send(HttpRequest.newBuilder(URI.create(stalled.api.base() + "/css/site.css")).build(),
            HttpResponse.BodyHandlers.discarding());
        warm.add(client);
      }
      try {
        signal("STOP", postgres);
        long until = System.nanoTime() + Duration.ofSeconds(STALL_SECONDS).toNanos();
        List<Future<List<Timed>>> running = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
          HttpClient client = warm.get(i);
          String path = paths.get(i);
          running.add(clients.submit(() -> keepRequesting(client, stalled, path,
              path.equals("/api/v1/auth/me") ? token : null, until)));
        }
        for (Future<List<Timed>> r : running) {
          seen.addAll(r.get());
        }
      } finally {
        signal("CONT", postgres);
        clients.shutdown();
      }
      Timed longest = seen.stream().max(Comparator.comparingLong(Timed::millis)).orElseThrow();
      System.out.printf("DatabaseStallTest: PostgreSQL stopped %d s, REQUEST_TIMEOUT_MS=%d: %d requests, longest %d ms"
          + " (%s -> %d)%n", STALL_SECONDS, stalled.config().requestTimeoutMs(), seen.size(), longest.millis(),
          longest.path(), longest.status());
      for (String path : paths) {
        List<Timed> ofPath = seen.stream().filter(t -> t.path().equals(path)).toList();
        System.out.printf("  %-28s %3d requests, statuses %s, longest %d ms%n", path, ofPath.size(),
            ofPath.stream().collect(Collectors.groupingBy(Timed::status, TreeMap::new, Collectors.counting())),
            ofPath.stream().mapToLong(Timed::millis).max().orElse(0));
      }
      assertThat(seen).allSatisfy(t -> assertThat(t.status()).as(t.toString()).isIn(200, 503));
      assertThat(longest.millis()).as(longest.toString()).isLessThan(stalled.config().requestTimeoutMs() + 2_000L);
      assertThat(seen).filteredOn(t -> t.path().equals("/api/v1/solutions")).extracting(Timed::status).contains(503);
      assertThat(seen).filteredOn(t -> t.path().equals("/css/site.css")).extracting(Timed::status).containsOnly(200);
      Eventually.within(Duration.ofSeconds(15), () -> stalled.api.get("/api/v1/solutions", null).status() == 200
          && stalled.api.get("/solutions", null).status() == 200
          && stalled.api.get("/api/v1/auth/me", token).status() == 200);
    }
  }
}
