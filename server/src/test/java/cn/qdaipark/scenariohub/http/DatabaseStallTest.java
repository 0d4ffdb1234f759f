package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stalled or dropped database: requests answer 503 within the request deadline, never hang or 500")
class DatabaseStallTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("REQUEST_TIMEOUT_MS", "2500"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A connection of its own to the test database, outside the server's pool. */
  private static Connection jdbc() throws Exception {
    URI url = URI.create(app.config().pgUrl());
    String[] user = url.getUserInfo().split(":");
    return DriverManager.getConnection("jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath(),
        user[0], user[1]);
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
}
