package cn.qdaipark.scenariohub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.EmbeddedDb;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndexReplicaTest {

  @Test
  @DisplayName("two instances on one database: a record written through one is matched by the other within a second")
  void secondInstanceFollowsTheOutbox() {
    String db = EmbeddedDb.freshDatabaseUrl();
    try (TestApp a = TestApp.start(Map.of("PG_URL", db)); TestApp b = TestApp.start(Map.of("PG_URL", db))) {
      String provider = Fixtures.verifiedAccount(a, "rp@example.cn", "provider", "青岛副本科技有限公司", "91370211MA3CRP001");
      String government = Fixtures.verifiedAccount(a, "rg@example.cn", "government", "青岛市副本测试局", "11370200MB1CRP001");
      long solution = a.api.post("/api/v1/solutions", provider, Fixtures.solution("港区周界入侵识别系统")).json().getLong("id");
      long posting = a.api.post("/api/v1/postings", government, Fixtures.posting("challenge", "港区夜间闯入识别")).json().getLong("id");

      long waited = Eventually.within(Duration.ofSeconds(5), () -> b.api.get("/api/v1/postings/" + posting + "/matches", null)
          .json().getJsonArray("items").stream().anyMatch(o -> ((JsonObject) o).getJsonObject("solution").getLong("id") == solution));
      assertThat(waited).isLessThan(1000);
    }
  }

  @Test
  @DisplayName("outbox rows are pruned only up to what every live replica has applied")
  void pruningWaitsForTheSlowestReplica() {
    String db = EmbeddedDb.freshDatabaseUrl();
    try (TestApp a = TestApp.start(Map.of("PG_URL", db))) {
      String provider = Fixtures.verifiedAccount(a, "pp@example.cn", "provider", "青岛修剪科技有限公司", "91370211MA3CPP001");
      long behind;
      try (TestApp b = TestApp.start(Map.of("PG_URL", db))) {
        a.api.post("/api/v1/solutions", provider, Fixtures.solution("修剪前的方案"));
        long newest = a.count("SELECT max(id) FROM outbox");
        Eventually.within(Duration.ofSeconds(5), () -> a.count("SELECT count(*) FROM index_replicas WHERE last_applied >= " + newest) == 2);
        behind = newest;
      }
      a.api.post("/api/v1/solutions", provider, Fixtures.solution("只有一个副本看到的方案"));
      long newest = a.count("SELECT max(id) FROM outbox");
      Eventually.within(Duration.ofSeconds(5), () -> a.count("SELECT max(last_applied) FROM index_replicas") >= newest);

      long pruned = a.app().pruneOutbox().await();
      assertThat(pruned).isPositive();
      assertThat(a.count("SELECT count(*) FROM outbox WHERE id <= " + behind)).isZero();
      assertThat(a.count("SELECT count(*) FROM outbox WHERE id > " + behind)).isPositive();
      assertThat(a.count("SELECT pruned_upto FROM outbox_pruned")).isEqualTo(behind);
    }
  }
}
