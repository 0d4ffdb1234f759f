package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.TestApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connections: slow headers, slow bodies and idle keep-alive connections are closed within their limits")
class ConnectionLimitsTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("HEADER_TIMEOUT_MS", "1000", "REQUEST_TIMEOUT_MS", "1500"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a client trickling its headers a line at a time (slowloris) is disconnected within the header deadline")
  void slowHeaders() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      long started = System.nanoTime();
      c.send("GET /health HTTP/1.1\r\nHost: localhost\r\n");
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        closed = !c.send("X-Slow-" + i + ": x\r\n") || c.closedWithin(Duration.ofMillis(200));
      }
      assertThat(closed).as("closed while the headers were still arriving").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3000));
      assertThat(c.received()).as("no request was ever handled").doesNotContain("HTTP/1.1 200");
    }
  }

  @Test
  @DisplayName("a connection that never sends a request is closed within the header deadline")
  void silentConnection() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      assertThat(c.closedWithin(Duration.ofMillis(3000))).isTrue();
    }
  }

  @Test
  @DisplayName("a body trickling in past the request deadline is answered 408 and the connection closed")
  void slowBody() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      long started = System.nanoTime();
      c.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"email\":\"");
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        closed = !c.send("a") || c.closedWithin(Duration.ofMillis(200));
      }
      assertThat(closed).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4000));
      assertThat(c.received()).startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"");
    }
  }

  @Test
  @DisplayName("a keep-alive connection waiting for its next request is closed within the header deadline")
  void keepAliveWaitsBounded() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      c.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(c.awaitText("\"status\"", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      assertThat(c.closedWithin(Duration.ofMillis(3000))).isTrue();
    }
  }

  @Test
  @DisplayName("a connection with nothing sent or received for IDLE_TIMEOUT_SECONDS is closed")
  void idleTimeout() {
    try (TestApp idle = TestApp.start(Map.of("IDLE_TIMEOUT_SECONDS", "1", "HEADER_TIMEOUT_MS", "60000",
        "LONG_REQUEST_TIMEOUT_MS", "900"));
         RawConnection c = new RawConnection(idle.api.base())) {
      c.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(c.awaitText("\"status\"", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      long answered = System.nanoTime();
      assertThat(c.closedWithin(Duration.ofMillis(4000))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThan(Duration.ofMillis(500));
    }
  }

  @Test
  @DisplayName("requests on one keep-alive connection, each within the deadlines, are all answered")
  void keepAliveStillWorks() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      for (int i = 1; i <= 3; i++) {
        assertThat(c.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")).isTrue();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (c.received().split("HTTP/1.1 200", -1).length < 1 + i && System.nanoTime() < end) {
          c.closedWithin(Duration.ofMillis(100));
        }
        assertThat(c.received().split("HTTP/1.1 200", -1)).hasSize(1 + i);
        assertThat(c.closedWithin(Duration.ofMillis(500))).isFalse();
      }
    }
  }
}
