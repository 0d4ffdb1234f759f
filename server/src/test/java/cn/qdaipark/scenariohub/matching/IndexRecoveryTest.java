package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.index.SearchResult;
import cn.qdaipark.scenariohub.support.EmbeddedDb;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndexRecoveryTest {

  private static Map<String, String> env(String db, Path data) {
    return Map.of("PG_URL", db, "DATA_DIR", data.toString());
  }

  /** Adds solutions stored without vectors, so that the indexer has to run the model for each: a slow batch. */
  private static void addSolutionsWithoutVectors(TestApp app, String provider, int count) {
    JsonObject created = app.api.post("/api/v1/solutions", provider, Fixtures.solution("种子方案")).json();
    app.pool().query("INSERT INTO solutions (organization_id, title, summary, description, domains, track, tags, maturity, "
        + "region, cases, price_range, status) SELECT organization_id, title || g, summary, description || g, domains, track, "
        + "tags, maturity, region, cases, price_range, status FROM solutions, generate_series(1, " + count + ") g "
        + "WHERE id = " + created.getLong("id")).execute().await();
  }

  /** The published solutions as (id → title) in PostgreSQL and in the closed index of the data directory. */
  private static void assertIndexEqualsDatabase(TestApp app, Path data) {
    Map<Long, String> expected = new HashMap<>();
    app.pool().query("SELECT id, title FROM solutions WHERE status = 'published'").execute().await()
        .forEach(r -> expected.put(r.getLong(0), r.getString(1)));
    long all = app.count("SELECT count(*) FROM solutions");
    app.close();
    try (ScenarioIndex index = ScenarioIndex.open(data.resolve("index"))) {
      assertThat(index.needsRebuild()).isFalse();
      assertThat(index.solutionCount()).as("one document per solution, none duplicated").isEqualTo(all);
      Map<Long, String> actual = new HashMap<>();
      for (int offset = 0; ; offset += 100) {
        SearchResult page = index.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS).status("published")
            .sort(SearchQuery.Sort.NEWEST).page(offset, 100).build());
        page.hits().forEach(h -> actual.put(h.id(), h.titleHtml().replaceAll("</?mark>", "")));
        if (page.hits().size() < 100) {
          break;
        }
      }
      assertThat(actual).as("published solutions: none lost, none stale").isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("a server killed with kill -9 in the middle of applying a batch resumes and ends with exactly the database's records")
  void killedMidBatch() throws Exception {
    String db = EmbeddedDb.freshDatabaseUrl();
    Path data = Files.createTempDirectory("crash-data");
    String provider;
    try (TestApp first = TestApp.start(env(db, data))) {
      provider = Fixtures.verifiedAccount(first, "cp@example.cn", "provider", "青岛崩溃测试科技有限公司", "91370211MA3CCP001");
    }
    try (TestApp writer = TestApp.start(Map.of("PG_URL", db))) {
      addSolutionsWithoutVectors(writer, provider, 150);
      writer.pool().query("UPDATE solutions SET title = title || '（新版）' WHERE id % 5 = 0").execute().await();
      writer.pool().query("UPDATE solutions SET status = 'archived' WHERE id % 7 = 0").execute().await();
    }
    long newest = countOn(db, "SELECT max(id) FROM outbox");

    Process server = startServerProcess(db, data);
    try {
      Eventually.within(Duration.ofSeconds(60), () -> log(data).contains("index resumes from outbox position"));
      Thread.sleep(1500);
    } finally {
      server.destroyForcibly().waitFor();
    }
    try (ScenarioIndex index = ScenarioIndex.open(data.resolve("index"))) {
      assertThat(index.lastAppliedOutboxId()).as("killed before the batch was committed").isLessThan(newest);
    }

    TestApp restarted = TestApp.start(env(db, data));
    Eventually.within(Duration.ofSeconds(120), () -> restarted.count("SELECT count(*) FROM index_replicas WHERE last_applied >= "
        + newest) > 0 && new JsonObject(restarted.api.get("/health", null).body()).getJsonObject("index")
        .getLong("outboxPosition") >= newest);
    assertIndexEqualsDatabase(restarted, data);
  }

  @Test
  @DisplayName("a corrupt index is detected at startup and rebuilt from PostgreSQL")
  void corruptIndexRebuilt() throws Exception {
    String db = EmbeddedDb.freshDatabaseUrl();
    Path data = Files.createTempDirectory("corrupt-data");
    try (TestApp app = TestApp.start(env(db, data))) {
      String provider = Fixtures.verifiedAccount(app, "xp@example.cn", "provider", "青岛损坏测试科技有限公司", "91370211MA3CXP001");
      for (int i = 0; i < 3; i++) {
        app.api.post("/api/v1/solutions", provider, Fixtures.solution("损坏前的方案" + i));
      }
    }
    try (Stream<Path> files = Files.list(data.resolve("index").resolve("solutions"))) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
        Files.write(file, "not a lucene file".getBytes(StandardCharsets.UTF_8));
      }
    }
    TestApp restarted = TestApp.start(env(db, data));
    assertThat(restarted.api.get("/api/v1/search?q=" + java.net.URLEncoder.encode("损坏前", StandardCharsets.UTF_8), null)
        .json().getLong("total")).isEqualTo(3);
    assertIndexEqualsDatabase(restarted, data);
  }

  @Test
  @DisplayName("while the index rebuilds, search and matches answer 503 index_rebuilding, then 200")
  void unavailableWhileRebuilding() throws Exception {
    String db = EmbeddedDb.freshDatabaseUrl();
    try (TestApp seed = TestApp.start(Map.of("PG_URL", db))) {
      String provider = Fixtures.verifiedAccount(seed, "rb@example.cn", "provider", "青岛重建测试科技有限公司", "91370211MA3CRB001");
      addSolutionsWithoutVectors(seed, provider, 40);
    }
    try (TestApp app = TestApp.start(Map.of("PG_URL", db), false)) {
      var during = app.api.get("/api/v1/search?q=abc", null);
      assertThat(during.status()).isEqualTo(503);
      assertThat(during.error().getString("code")).isEqualTo("index_rebuilding");
      // "starting" until the writer thread has looked at the index, then "rebuilding": not ready either way
      assertThat(new JsonObject(app.api.get("/health", null).body()).getJsonObject("index").getString("status"))
          .isIn("starting", "rebuilding");
      Eventually.within(Duration.ofSeconds(60), () -> app.api.get("/api/v1/search?q=abc", null).status() == 200);
    }
  }

  private static Process startServerProcess(String db, Path data) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "cn.qdaipark.scenariohub.Main");
    pb.environment().putAll(Map.of("PG_URL", db, "DATA_DIR", data.toString(), "PORT", "0", "DEMO_DATA", "false",
        "ADMIN_EMAIL", TestApp.ADMIN_EMAIL, "ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD, "JWT_SECRET", TestApp.JWT_SECRET));
    pb.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
    return pb.start();
  }

  private static String log(Path data) {
    try {
      return Files.readString(data.resolve("server.log"));
    } catch (IOException e) {
      return "";
    }
  }

  private static long countOn(String db, String sql) {
    try (TestApp probe = TestApp.start(Map.of("PG_URL", db))) {
      return probe.count(sql);
    }
  }
}
