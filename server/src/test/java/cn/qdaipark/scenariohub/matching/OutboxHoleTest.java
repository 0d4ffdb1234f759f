package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Outbox entries that commit out of id order: the lower one, a hole first, must still reach the index. */
@DisplayName("An outbox entry that commits after a higher one")
class OutboxHoleTest {
  private static TestApp app;
  private static String provider;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    provider = ChallengeFixtures.verified(app, "provider", "青岛乱序提交科技有限公司").token();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("is indexed once it commits, though the entry above it was applied first (the fault suite lost such a "
      + "solution: the follower skipped every id below the highest it had applied)")
  void lateLowerEntryIsIndexed() throws Exception {
    long seed = app.api.post("/api/v1/solutions", provider, Fixtures.solution("乱序种子方案")).json().getLong("id");
    awaitSearchable(seed);
    try (Connection slow = app.jdbc()) {
      slow.setAutoCommit(false);
      long late;
      try (Statement s = slow.createStatement();
           ResultSet r = s.executeQuery("INSERT INTO solutions (organization_id, title, summary, description, domains, "
               + "track, tags, maturity, region, cases, price_range, status) SELECT organization_id, '迟提交的方案', "
               + "summary, description, domains, track, tags, maturity, region, cases, price_range, status "
               + "FROM solutions WHERE id = " + seed + " RETURNING id")) {
        r.next();
        late = r.getLong(1);
      }
      JsonObject early = app.api.post("/api/v1/solutions", provider, Fixtures.solution("先提交的方案")).json();
      awaitSearchable(early.getLong("id"));
      slow.commit();
      awaitSearchable(late);
    }
  }

  @Test
  @DisplayName("is indexed once it commits though its transaction took its xid after the one above it committed: the "
      + "snapshot then shows nothing running (the fault suite lost such a solution under load)")
  void holeOfATransactionWithALaterXid() throws Exception {
    long seed = app.api.post("/api/v1/solutions", provider, Fixtures.solution("后取事务号种子方案")).json().getLong("id");
    awaitSearchable(seed);
    try (Connection early = app.jdbc(); Connection slow = app.jdbc()) {
      early.setAutoCommit(false);
      slow.setAutoCommit(false);
      takeXid(early);
      takeXid(slow);
      long late = copyOf(slow, seed, "后取事务号而先占序号的方案");
      long first = copyOf(early, seed, "先取事务号而后占序号的方案");
      assertThat(late).isLessThan(first);
      early.commit();
      awaitSearchable(first);
      slow.commit();
      awaitSearchable(late);
    }
  }

  @Test
  @DisplayName("does not keep more than one batch of later entries out of search while it is missing")
  void manyEntriesBeyondAHole() throws Exception {
    long seed = app.api.post("/api/v1/solutions", provider, Fixtures.solution("大批量种子方案")).json().getLong("id");
    awaitSearchable(seed);
    try (Connection slow = app.jdbc(); Connection bulk = app.jdbc()) {
      slow.setAutoCommit(false);
      copyOf(slow, seed, "大批量之前的迟提交方案");
      long before = searchableTotal();
      try (Statement s = bulk.createStatement()) {
        s.execute(COPY.formatted("'批量方案 ' || n", seed)
            .replace("FROM solutions WHERE", "FROM solutions, generate_series(1, 2100) AS n WHERE"));
      }
      awaitSearchableTotal(before + 2100, "solutions in search while the hole is held");
      slow.commit();
      awaitSearchableTotal(before + 2101, "solutions in search once the hole is filled");
    }
  }

  private static void awaitSearchableTotal(long wanted, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (searchableTotal() < wanted && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(searchableTotal()).as(what).isEqualTo(wanted);
  }

  private static long searchableTotal() {
    return app.api.get("/api/v1/search?type=solutions&pageSize=1", null).json().getLong("total");
  }

  @Test
  @DisplayName("is indexed once it commits though the index was rebuilt meanwhile from an outbox pruned up to it: "
      + "the rebuild starts at the pruned position, not above the first entry it sees")
  void rebuildAfterPruningUpToAHole() throws Exception {
    long seed = app.api.post("/api/v1/solutions", provider, Fixtures.solution("重建种子方案")).json().getLong("id");
    awaitSearchable(seed);
    try (Connection slow = app.jdbc()) {
      slow.setAutoCommit(false);
      long late = copyOf(slow, seed, "重建期间迟提交的方案");
      long early = app.api.post("/api/v1/solutions", provider, Fixtures.solution("重建之前提交的方案")).json().getLong("id");
      awaitSearchable(early);
      app.app().pruneOutbox().await();
      app.app().rebuildIndex().await();
      slow.commit();
      awaitSearchable(late);
    }
  }

  private static final String COPY = "INSERT INTO solutions (organization_id, title, summary, description, domains, "
      + "track, tags, maturity, region, cases, price_range, status, embedding) SELECT organization_id, %s, summary, "
      + "description, domains, track, tags, maturity, region, cases, price_range, status, embedding FROM solutions "
      + "WHERE id = %d RETURNING id";

  private static long copyOf(Connection connection, long seed, String title) throws Exception {
    try (Statement s = connection.createStatement();
         ResultSet r = s.executeQuery(COPY.formatted("'" + title + "'", seed))) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void takeXid(Connection connection) throws Exception {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT txid_current()")) {
      r.next();
    }
  }

  private static void awaitSearchable(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (searchable(id)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(searchable(id)).as("solution %d in search", id).isTrue();
  }

  private static boolean searchable(long id) {
    return app.api.get("/api/v1/search?type=solutions&sort=newest&pageSize=100", null).json().getJsonArray("items")
        .stream().map(JsonObject.class::cast)
        .anyMatch(item -> item.getLong("id") == id);
  }
}
