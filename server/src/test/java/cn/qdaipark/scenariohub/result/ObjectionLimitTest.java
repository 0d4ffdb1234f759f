package cn.qdaipark.scenariohub.result;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12, item 10: one organization may file only a few objections (异议) against one published result. */
class ObjectionLimitTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static long call;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市异议测试管理局");
    Account lead = ChallengeFixtures.verified(app, "provider", "青岛异议测试中选科技有限公司");
    call = ChallengeFixtures.call(api, issuer, "异议上限测试揭榜", LocalDate.now(clock));
    assertThat(api.put("/api/v1/postings/" + call + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    long application = ChallengeFixtures.apply(api, lead, call).getLong("id");
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    assertThat(api.post("/api/v1/applications/" + application + "/shortlist", issuer.token(), null).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/applications/" + application + "/award", issuer.token(), null).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/postings/" + call + "/transitions", issuer.token(), new JsonObject().put("to", "result_published"))
        .status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Api.Response object(Account who, int n) {
    return api.post("/api/v1/postings/" + call + "/objections", who.token(),
        new JsonObject().put("text", "第 " + n + " 条异议：中选单位的检测数据需要核实。"));
  }

  @Test
  @DisplayName("30 parallel objections of a new account: 3 are filed, the rest are 409 with the limit named; another organization may still object")
  void limitedPerOrganizationAndResult() throws Exception {
    Account newcomer = ChallengeFixtures.unverified(app, "provider", "青岛新注册异议科技有限公司");
    ExecutorService pool = Executors.newFixedThreadPool(30);
    List<Future<Api.Response>> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        int n = i;
        sent.add(pool.submit(() -> object(newcomer, n)));
      }
      int filed = 0;
      for (Future<Api.Response> f : sent) {
        Api.Response r = f.get();
        if (r.status() == 201) {
          filed++;
        } else {
          assertThat(r.status()).as(r.body()).isEqualTo(409);
          assertThat(r.error().getString("message")).contains("最多提出 3 条异议");
        }
      }
      assertThat(filed).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(app.count("SELECT count(*) FROM objections WHERE posting_id = " + call)).isEqualTo(3);

    Account other = ChallengeFixtures.unverified(app, "provider", "青岛另一家异议科技有限公司");
    assertThat(object(other, 1).status()).isEqualTo(201);
  }
}
