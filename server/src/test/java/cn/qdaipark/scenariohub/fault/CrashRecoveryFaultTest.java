package cn.qdaipark.scenariohub.fault;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: writers record every acknowledged write while the server or its database is killed; after
 * recovery every acknowledged write must be in PostgreSQL exactly once and findable in search, and the first
 * restart must succeed; a stopped database must not hold requests beyond their deadline. Figures are printed as {@code FAULT …} lines for the closing note.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryFaultTest {
  private static final Duration WRITE_PHASE = Duration.ofSeconds(4);
  private static final Duration STALL = Duration.ofSeconds(20);
  private static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(10);
  private static Path dataDir;
  private static int port;
  private static ServerProcess server;
  private static String providerToken;

  @BeforeAll
  static void startServer() throws Exception {
    dataDir = Files.createTempDirectory("fault-suite").resolve("data");
    Files.createDirectories(dataDir);
    port = ServerProcess.freePort();
    server = ServerProcess.start(dataDir, port, Map.of());
    System.out.printf("FAULT first start: %d ms%n", server.startMillis);
    Api api = new Api(server.base());
    providerToken = api.register("writer@fault.scenariohub.cn", "provider", "容错测试科技有限公司",
        Fixtures.creditCode("91370211MA3FAULT0"));
    long orgId = api.get("/api/v1/auth/me", providerToken).json().getLong("organizationId");
    String admin = api.login(ServerProcess.ADMIN_EMAIL, ServerProcess.ADMIN_PASSWORD);
    assertThat(api.post("/api/v1/admin/organizations/" + orgId + "/verify", admin, null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("kill -9 of the server under write load: the first restart succeeds and keeps every acknowledged write")
  void killServer() throws Exception {
    AcknowledgedWriter writer = new AcknowledgedWriter(server.base(), providerToken, "服务进程崩溃", 4);
    Thread.sleep(WRITE_PHASE.toMillis());
    server.kill9();
    writer.close();
    server = ServerProcess.start(dataDir, port, Map.of());
    System.out.printf("FAULT kill -9 server: acknowledged %d, restart %d ms%n", writer.acknowledged.size(),
        server.startMillis);
    assertThat(writer.acknowledged).hasSizeGreaterThan(5);
    assertPresentExactlyOnce(writer.acknowledged);
    assertSearchable(writer.acknowledged);
  }

  @Test
  @Order(2)
  @DisplayName("kill -9 of the postmaster and its backends: the database comes back by itself and nothing acknowledged is lost")
  void killPostmaster() throws Exception {
    AcknowledgedWriter writer = new AcknowledgedWriter(server.base(), providerToken, "数据库崩溃", 4);
    Thread.sleep(WRITE_PHASE.toMillis());
    int before = writer.acknowledged.size();
    long killed = System.nanoTime();
    server.kill9Postmaster();
    long recovered = -1;
    while (System.nanoTime() - killed < Duration.ofSeconds(60).toNanos()) {
      Thread.sleep(100);
      if (writer.acknowledged.size() > before + 4) {
        recovered = (System.nanoTime() - killed) / 1_000_000;
        break;
      }
    }
    Thread.sleep(1000);
    writer.close();
    System.out.printf("FAULT kill -9 postmaster: acknowledged %d, writes again after %d ms, refused %s, "
        + "longest request %d ms%n", writer.acknowledged.size(), recovered, writer.refused, writer.longestMillis());
    assertThat(recovered).as("writes succeed again after the postmaster was killed").isPositive();
    assertThat(writer.refused.keySet()).as("answers while the database was down").isSubsetOf(Set.of(503, -1));
    assertPresentExactlyOnce(writer.acknowledged);
    assertSearchable(writer.acknowledged);
  }

  @Test
  @Order(3)
  @DisplayName("the database stopped (SIGSTOP) for 20 s: every request answers within the request deadline, readiness "
      + "says 503 quickly, and afterwards nothing acknowledged is lost")
  void stallDatabase() throws Exception {
    AcknowledgedWriter writer = new AcknowledgedWriter(server.base(), providerToken, "数据库停顿", 4);
    Thread.sleep(WRITE_PHASE.toMillis());
    int before = writer.acknowledged.size();
    List<ProcessHandle> database = server.databaseProcesses();
    ReadinessProbe probe = new ReadinessProbe(server.base());
    signal("STOP", database);
    try {
      Thread.sleep(STALL.toMillis());
    } finally {
      signal("CONT", database);
    }
    long resumed = System.nanoTime();
    int atResume = writer.acknowledged.size();
    while (writer.acknowledged.size() <= atResume + 4 && System.nanoTime() - resumed < Duration.ofSeconds(60).toNanos()) {
      Thread.sleep(100);
    }
    long recovered = (System.nanoTime() - resumed) / 1_000_000;
    probe.close();
    writer.close();
    System.out.printf("FAULT SIGSTOP database %d s: acknowledged %d (%d before the stall), refused %s, longest request "
        + "%d ms, /health/ready answers %s longest %d ms, writes again %d ms after SIGCONT%n", STALL.toSeconds(),
        writer.acknowledged.size(), before, writer.refused, writer.longestMillis(), probe.statuses,
        probe.longestMillis(), recovered);
    assertThat(writer.longestMillis()).as("longest write during the stall, against the default 10 s request deadline")
        .isLessThan(DEFAULT_REQUEST_DEADLINE.plusSeconds(2).toMillis());
    assertThat(probe.statuses).as("readiness during the stall").containsKey(503);
    assertThat(probe.longestMillis()).as("longest readiness probe").isLessThan(5_000);
    assertThat(writer.refused.keySet()).as("answers while the database was stopped").isSubsetOf(Set.of(503, -1));
    assertThat(writer.acknowledged.size()).as("writes after the stall").isGreaterThan(atResume);
    assertPresentExactlyOnce(writer.acknowledged);
    assertSearchable(writer.acknowledged);
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(p -> command.add(Long.toString(p.pid())));
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }

  private static void assertPresentExactlyOnce(Map<String, Long> acknowledged) throws Exception {
    try (Connection c = server.jdbc();
         PreparedStatement ps = c.prepareStatement("SELECT count(*), min(id) FROM solutions WHERE title = ?")) {
      for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
        ps.setString(1, write.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).as("rows titled %s", write.getKey()).isEqualTo(1);
          assertThat(rs.getLong(2)).isEqualTo(write.getValue());
        }
      }
    }
  }

  private static void assertSearchable(Map<String, Long> acknowledged) throws Exception {
    Api api = new Api(server.base());
    Set<Long> wanted = new HashSet<>(acknowledged.values());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<Long> found = Set.of();
    while (System.nanoTime() < deadline) {
      found = indexedSolutionIds(api);
      if (found.containsAll(wanted)) {
        return;
      }
      Thread.sleep(500);
    }
    Set<Long> missing = new HashSet<>(wanted);
    missing.removeAll(found);
    assertThat(missing).as("acknowledged solutions missing from search").isEmpty();
  }

  private static Set<Long> indexedSolutionIds(Api api) {
    Set<Long> ids = new HashSet<>();
    for (int page = 1; page <= 100; page++) {
      Api.Response r = api.get("/api/v1/search?type=solutions&sort=newest&pageSize=100&page=" + page, null);
      if (r.status() != 200) {
        return ids;
      }
      JsonArray items = r.json().getJsonArray("items");
      items.stream().map(JsonObject.class::cast).forEach(item -> ids.add(idOf(item)));
      if (items.size() < 100) {
        break;
      }
    }
    return ids;
  }

  private static long idOf(JsonObject item) {
    JsonObject solution = item.getJsonObject("solution");
    return (solution != null ? solution : item).getLong("id");
  }

}
