package cn.qdaipark.scenariohub.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewFitScoreTest {
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account fitting;
  private static Account unrelated;
  private static Account empty;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市港口管理局");
    fitting = ChallengeFixtures.verified(app, "provider", "青岛夜视安防科技有限公司");
    unrelated = ChallengeFixtures.verified(app, "provider", "青岛焊缝视觉科技有限公司");
    empty = ChallengeFixtures.verified(app, "provider", "青岛空手科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long solution(Account provider, JsonObject body) {
    Api.Response created = api.post("/api/v1/solutions", provider.token(), body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static long apply(long call, Account provider, Long solutionId) {
    JsonObject proposal = ChallengeFixtures.proposal();
    if (solutionId != null) {
      proposal.put("solutionIds", new JsonArray().add(solutionId));
    }
    Api.Response applied = api.post("/api/v1/postings/" + call + "/applications", provider.token(), proposal);
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    return applied.json().getLong("id");
  }

  @Test
  @DisplayName("the review table shows the matcher's fit per application: higher for the covering solution, null without one")
  void fitScoreBesideReviewersTotals() {
    long covering = solution(fitting, Fixtures.solution("港区夜间人员入侵识别与告警系统")
        .put("summary", "红外与可见光双光谱的夜间人员闯入识别，秒级告警")
        .put("description", "面向港区集装箱堆场与码头作业区，采用红外热成像与可见光双光谱摄像机，结合人员检测与跟踪模型，"
            + "全天候识别闯入作业区的人员，夜间识别准确率达97%，边缘推理告警延迟小于1秒，联动现场声光告警。")
        .put("domains", new JsonArray().add("空天地海"))
        .put("tags", new JsonArray().add("入侵识别").add("夜间监控").add("告警")));
    long welding = solution(unrelated, Fixtures.solution("焊缝缺陷自动识别系统"));
    long call = api.post("/api/v1/postings", issuer.token(),
        ChallengeFixtures.challenge("港区夜间人员入侵识别揭榜", LocalDate.now().plusDays(30))).json().getLong("id");
    long good = apply(call, fitting, covering);
    long poor = apply(call, unrelated, welding);
    long none = apply(call, empty, null);

    Api.Response table = api.get("/api/v1/postings/" + call + "/review", issuer.token());
    assertThat(table.status()).as(table.body()).isEqualTo(200);
    Map<Long, JsonObject> rows = table.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(r -> r.getLong("applicationId"), Function.identity()));
    int goodFit = rows.get(good).getInteger("fitScore");
    int poorFit = rows.get(poor).getInteger("fitScore");
    assertThat(goodFit).isBetween(0, 100).isGreaterThan(poorFit);
    assertThat(poorFit).isBetween(0, 100);
    assertThat(rows.get(good).getLong("fitSolutionId")).isEqualTo(covering);
    assertThat(rows.get(good).getString("fitReasons")).contains("满足 2/2 项要求").contains("语义相似度");
    assertThat(rows.get(none).getValue("fitScore")).isNull();
    assertThat(rows.get(none).getValue("fitReasons")).isNull();
  }
}
