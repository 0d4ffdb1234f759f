package cn.qdaipark.scenariohub.acceptance;

import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.demandAcceptance;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.AcceptanceFixtures;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.ResponseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemandAcceptanceApiTest {
  private static TestApp app;
  private static Api api;
  private static Account buyer;
  private static Account otherBuyer;
  private static Account provider;
  private static long solution;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾集装箱码头有限公司");
    otherBuyer = ChallengeFixtures.verified(app, "buyer", "青岛董家口港务有限公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    Api.Response created = api.post("/api/v1/solutions", provider.token(), ResponseFixtures.intrusion("港区夜间人员入侵识别系统"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    solution = created.json().getLong("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A demand of the buyer in pilot (先试后转) with the provider's response; answers the response. */
  private static long inPilot(String title) {
    Api.Response demand = api.post("/api/v1/postings", buyer.token(), Fixtures.posting("demand", title));
    assertThat(demand.status()).as(demand.body()).isEqualTo(201);
    Api.Response response = api.post("/api/v1/postings/" + demand.json().getLong("id") + "/responses", provider.token(),
        new JsonObject().put("proposal", "我们可在两周内完成现场部署，夜间识别准确率不低于95%。")
            .put("solutionIds", new JsonArray().add(solution)));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    long id = response.json().getLong("id");
    AcceptanceFixtures.ok(api.post("/api/v1/responses/" + id + "/pilot", buyer.token(), new JsonObject()));
    return id;
  }

  private static Api.Response accept(Account who, long response, JsonObject body) {
    return api.post("/api/v1/responses/" + response + "/acceptance", who.token(), body);
  }

  private static String demandStatus(long response) {
    long posting = api.get("/api/v1/responses/" + response, buyer.token()).json().getLong("postingId");
    return api.get("/api/v1/postings/" + posting, buyer.token()).json().getString("status");
  }

  @Test
  @DisplayName("the buyer's passed acceptance lands the demand in one step, the findings kept and shown to the provider")
  void passedLands() {
    long response = inPilot("堆场夜间人员入侵识别（验收通过）");
    Api.Response accepted = accept(buyer, response, demandAcceptance("passed", "met", "partly", "试点效果良好，延迟略高但可接受"));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().getString("status")).isEqualTo("landed");
    assertThat(demandStatus(response)).isEqualTo("landed");
    JsonArray items = api.get("/api/v1/responses/" + response + "/acceptances", provider.token()).json()
        .getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("conclusion")).isEqualTo("passed");
    assertThat(items.getJsonObject(0).getJsonArray("items").getJsonObject(1).getString("verdict")).isEqualTo("partly");
    assertThat(api.get("/api/v1/responses/" + response + "/acceptances", otherBuyer.token()).status()).isEqualTo(404);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'demand.acceptance' AND entity_id = " + response))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a failed acceptance keeps the demand in pilot with the findings, tells the provider; a later pass lands it")
  void failedStaysInPilot() {
    long response = inPilot("堆场夜间人员入侵识别（整改后通过）");
    Api.Response failed = accept(buyer, response, demandAcceptance("failed", "not_met", "met", "雨雾天气识别率不足，请整改"));
    assertThat(failed.status()).as(failed.body()).isEqualTo(200);
    assertThat(failed.json().getString("status")).isEqualTo("pilot");
    assertThat(demandStatus(response)).isEqualTo("pilot");
    assertThat(app.count("SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.title LIKE '%试点验收未通过' "
        + "AND u.organization_id = " + provider.organizationId())).isPositive();
    assertThat(api.post("/api/v1/responses/" + response + "/landed", buyer.token(),
        AcceptanceFixtures.passedDemandAcceptance()).status()).isEqualTo(200);
    assertThat(demandStatus(response)).isEqualTo("landed");
    assertThat(api.get("/api/v1/responses/" + response + "/acceptances", buyer.token()).json().getJsonArray("items"))
        .hasSize(2);
  }

  @Test
  @DisplayName("refused: landing without an acceptance, by the provider or another buyer, a pass with a requirement not "
      + "met, a failure without findings, hostile comments, a bare lifecycle move")
  void refusals() {
    long response = inPilot("堆场夜间人员入侵识别（拒绝路径）");
    Api.Response bare = api.post("/api/v1/responses/" + response + "/landed", buyer.token(), new JsonObject());
    assertThat(bare.status()).isEqualTo(409);
    assertThat(bare.error().getString("message")).contains("验收");
    assertThat(accept(provider, response, AcceptanceFixtures.passedDemandAcceptance()).status()).isEqualTo(403);
    assertThat(accept(otherBuyer, response, AcceptanceFixtures.passedDemandAcceptance()).status()).isEqualTo(403);
    Api.Response passNotMet = accept(buyer, response, demandAcceptance("passed", "not_met", "met", ""));
    assertThat(passNotMet.status()).isEqualTo(400);
    assertThat(passNotMet.error().getJsonObject("fields").getString("conclusion")).contains("未达到");
    assertThat(accept(buyer, response, demandAcceptance("failed", "partly", "met", "")).status()).isEqualTo(400);
    assertThat(accept(buyer, response, demandAcceptance("maybe", "met", "met", "")).status()).isEqualTo(400);
    Hostile hostile = new Hostile();
    for (Hostile.Value value : Hostile.texts()) {
      Api.Response r = api.send("POST", "/api/v1/responses/" + response + "/acceptance", buyer.token(),
          Hostile.encode(Hostile.with(demandAcceptance("failed", "partly", "met", "需要整改"), "scores.0.comment",
              value.json())), "application/json");
      hostile.count(r.status());
      assertThat(r.status()).as(value.label()).isIn(400, 413);
      Api.Response s = api.send("POST", "/api/v1/responses/" + response + "/acceptance", buyer.token(),
          Hostile.encode(demandAcceptance("failed", "partly", "met", "需要整改").put("summary", value.json())),
          "application/json");
      hostile.count(s.status());
      assertThat(s.status()).as("summary " + value.label()).isIn(400, 413);
    }
    assertThat(hostile.serverErrors()).isZero();
    long posting = api.get("/api/v1/responses/" + response, buyer.token()).json().getLong("postingId");
    Api.Response move = api.post("/api/v1/postings/" + posting + "/transitions", buyer.token(),
        new JsonObject().put("to", "landed"));
    assertThat(move.status()).isEqualTo(409);
    assertThat(app.count("SELECT count(*) FROM demand_acceptances WHERE response_id = " + response)).isZero();
    assertThat(demandStatus(response)).isEqualTo("pilot");
  }
}
