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
