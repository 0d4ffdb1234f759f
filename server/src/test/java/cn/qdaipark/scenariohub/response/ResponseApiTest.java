package cn.qdaipark.scenariohub.response;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.posting.PostingRepository;
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
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResponseApiTest {
  private static TestApp app;
  private static Api api;
  private static Account buyer;
  private static Account otherBuyer;
  private static Account provider;
  private static Account rival;
  private static Account third;
  private static long fitting;
  private static long welding;
  private static long rivalSolution;
  private static long thirdSolution;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾集装箱码头有限公司");
    otherBuyer = ChallengeFixtures.verified(app, "buyer", "青岛董家口港务有限公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    rival = ChallengeFixtures.verified(app, "provider", "青岛焊智科技有限公司");
    third = ChallengeFixtures.verified(app, "provider", "青岛安防视觉有限公司");
    fitting = solution(provider, ResponseFixtures.intrusion("港区夜间人员入侵识别系统"));
    welding = solution(provider, Fixtures.solution("焊缝缺陷视觉检测系统"));
    rivalSolution = solution(rival, Fixtures.solution("焊缝质量智能检测平台"));
    thirdSolution = solution(third, ResponseFixtures.intrusion("红外热成像周界入侵告警"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long solution(Account owner, JsonObject body) {
    Api.Response created = api.post("/api/v1/solutions", owner.token(), body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  static long demand(Account issuer, String title) {
    Api.Response created = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", title));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  static JsonObject body(long... solutions) {
    JsonArray ids = new JsonArray();
    for (long s : solutions) {
      ids.add(s);
    }
    return new JsonObject().put("proposal", "我们可在两周内完成现场部署，夜间识别准确率不低于95%。").put("solutionIds", ids);
  }

  static Api.Response respond(Account who, long demand, long... solutions) {
    return api.post("/api/v1/postings/" + demand + "/responses", who.token(), body(solutions));
  }

  static long responded(Account who, long demand, long... solutions) {
    Api.Response r = respond(who, demand, solutions);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  static Api.Response act(Account who, long response, String action) {
    return api.post("/api/v1/responses/" + response + "/" + action, who.token(), new JsonObject());
  }

  static String status(long posting) {
    return api.get("/api/v1/postings/" + posting, buyer.token()).json().getString("status");
  }

  static void sql(String statement) {
    app.pool().query(statement).execute().await();
  }

  @Test
  @DisplayName("a provider responds to an open demand with its published solutions and the buyer's members are notified")
  void providerResponds() {
    long demand = demand(buyer, "堆场夜间人员入侵识别");
    Api.Response created = respond(provider, demand, fitting, welding);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject r = created.json();
    assertThat(r.getString("status")).isEqualTo("submitted");
    assertThat(r.getJsonObject("organization").getLong("id")).isEqualTo(provider.organizationId());
    assertThat(r.getJsonArray("solutions").getJsonObject(0).getString("title")).isEqualTo("港区夜间人员入侵识别系统");
    assertThat(app.count("SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'response' "
        + "AND n.posting_id = " + demand + " AND u.organization_id = " + buyer.organizationId())).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'response.submit' AND entity_id = "
        + r.getLong("id"))).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM conversations WHERE posting_id = " + demand + " AND "
        + Math.min(provider.organizationId(), buyer.organizationId()) + " = org_low AND "
        + Math.max(provider.organizationId(), buyer.organizationId()) + " = org_high"))
        .as("the response opens the conversation of the two organizations").isEqualTo(1);
  }

  @Test
  @DisplayName("a provider with a 100-character name responds to a demand with a 120-character title: the buyer's "
      + "notification title is clipped to its 200-character column, not a 500")
  void longNamesFitTheNotificationTitle() {
    Account longName = ChallengeFixtures.verified(app, "provider", "青岛" + "长".repeat(92) + "有限公司");
    long offered = solution(longName, ResponseFixtures.intrusion("长名单位夜间入侵识别系统"));
    long demand = demand(buyer, "港" + "长".repeat(118) + "需");
    Api.Response created = respond(longName, demand, offered);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'response' AND char_length(title) = 200 "
        + "AND title LIKE '%…' AND posting_id = " + demand)).isPositive();
  }

  @Test
  @DisplayName("only a provider responds: a buyer and a government account are refused with 403")
  void wrongRoleIsRefused() {
    long demand = demand(buyer, "码头岸桥远程操控");
    Account government = ChallengeFixtures.verified(app, "government", "青岛市港口管理局");
    assertThat(respond(otherBuyer, demand, fitting).status()).isEqualTo(403);
    assertThat(respond(government, demand, fitting).status()).isEqualTo(403);
    assertThat(app.count("SELECT count(*) FROM demand_responses WHERE posting_id = " + demand)).isZero();
  }

  @Test
  @DisplayName("an unverified provider cannot respond")
  void unverifiedProviderIsRefused() {
    long demand = demand(buyer, "闸口车牌识别升级");
    Account unverified = ChallengeFixtures.unverified(app, "provider", "青岛未认证科技有限公司");
    Api.Response refused = respond(unverified, demand, fitting);
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.error().getString("message")).contains("认证");
  }

  @Test
  @DisplayName("another organization's solution, an unpublished one, none or more than five are refused with 400")
  void solutionsAreChecked() {
    long demand = demand(buyer, "堆场照明节能");
    assertThat(respond(provider, demand, rivalSolution).status()).isEqualTo(400);
    long draft = solution(provider, Fixtures.solution("尚未发布的方案").put("draft", true));
    Api.Response unpublished = respond(provider, demand, draft);
    assertThat(unpublished.status()).isEqualTo(400);
    assertThat(unpublished.error().getJsonObject("fields").getString("solutionIds")).contains("已发布");
    assertThat(respond(provider, demand).status()).isEqualTo(400);
    assertThat(respond(provider, demand, 1, 2, 3, 4, 5, 6).status()).isEqualTo(400);
    Api.Response shortProposal = api.post("/api/v1/postings/" + demand + "/responses", provider.token(),
        body(fitting).put("proposal", "好"));
    assertThat(shortProposal.status()).isEqualTo(400);
    assertThat(app.count("SELECT count(*) FROM demand_responses WHERE posting_id = " + demand)).isZero();
  }

  @Test
  @DisplayName("hostile text in the proposal or the decline reason is refused with 400, never stored")
  void hostileTextIsRefused() {
    long demand = demand(buyer, "集装箱箱号识别");
    for (Hostile.Value value : Hostile.strings()) {
      Api.Response r = api.send("POST", "/api/v1/postings/" + demand + "/responses", provider.token(),
          Hostile.encode(body(fitting).put("proposal", value.json())), "application/json");
      assertThat(r.status()).as(value.label()).isIn(400, 413);
    }
    long response = responded(provider, demand, fitting);
    for (Hostile.Value value : Hostile.strings()) {
      Api.Response r = api.send("POST", "/api/v1/responses/" + response + "/decline", buyer.token(),
          Hostile.encode(new JsonObject().put("reason", value.json())), "application/json");
      assertThat(r.status()).as(value.label()).isIn(400, 413);
    }
    assertThat(app.count("SELECT count(*) FROM demand_responses WHERE status = 'declined' AND id = " + response)).isZero();
  }

  @Test
  @DisplayName("a closed demand, a demand past its deadline, a call and one's own demand cannot be responded to")
  void onlyOpenDemandsOfOthers() {
    long closed = demand(buyer, "港区无人集卡调度");
    assertThat(api.post("/api/v1/postings/" + closed + "/close", buyer.token(), null).status()).isEqualTo(200);
    assertThat(respond(provider, closed, fitting).status()).isEqualTo(409);

    long late = demand(buyer, "冷库温度监测");
    sql("UPDATE postings SET deadline = '" + LocalDate.now().minusDays(1) + "' WHERE id = " + late);
    Api.Response pastDeadline = respond(provider, late, fitting);
    assertThat(pastDeadline.status()).isEqualTo(409);
    assertThat(pastDeadline.error().getString("message")).contains("截止");

    Account government = ChallengeFixtures.verified(app, "government", "青岛市交通运输局");
    long call = ChallengeFixtures.call(api, government, "港口智能安防揭榜", LocalDate.now().plusMonths(1));
    Api.Response toCall = respond(provider, call, fitting);
    assertThat(toCall.status()).isEqualTo(409);
    assertThat(toCall.error().getString("message")).contains("揭榜");
  }

  @Test
  @DisplayName("one response per demand and organization: a second is refused with 409")
  void duplicateIsRefused() {
    long demand = demand(buyer, "船舶靠泊辅助");
    responded(provider, demand, fitting);
    assertThat(respond(provider, demand, welding).status()).isEqualTo(409);
    assertThat(app.count("SELECT count(*) FROM demand_responses WHERE posting_id = " + demand)).isEqualTo(1);
  }

  @Test
  @DisplayName("the provider edits and withdraws its undecided response; another provider and a decided one cannot")
  void editAndWithdraw() {
    long demand = demand(buyer, "港区能耗分析");
    long response = responded(provider, demand, fitting);
    JsonObject edit = body(fitting, welding).put("version", 1);
    Api.Response edited = api.put("/api/v1/responses/" + response, provider.token(), edit);
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().getJsonArray("solutions")).hasSize(2);
    assertThat(api.put("/api/v1/responses/" + response, provider.token(), edit).status()).isEqualTo(409);
    assertThat(api.put("/api/v1/responses/" + response, rival.token(), body(rivalSolution).put("version", 2)).status())
        .isEqualTo(403);
    assertThat(api.send("DELETE", "/api/v1/responses/" + response, rival.token(), null, null).status()).isEqualTo(403);
    assertThat(api.send("DELETE", "/api/v1/responses/" + response, provider.token(), null, null).status()).isEqualTo(204);
    assertThat(app.count("SELECT count(*) FROM demand_responses WHERE id = " + response)).isZero();

    long again = responded(provider, demand, fitting);
    assertThat(act(buyer, again, "shortlist").status()).isEqualTo(200);
    assertThat(api.put("/api/v1/responses/" + again, provider.token(), body(welding).put("version", 2)).status())
        .isEqualTo(409);
    assertThat(api.send("DELETE", "/api/v1/responses/" + again, provider.token(), null, null).status()).isEqualTo(409);
  }

  @Test
  @DisplayName("the buyer sees every response ranked by fit score with reasons; a provider only its own; others 403")
  void rankedByFitScore() {
    long demand = demand(buyer, "集装箱堆场夜间人员入侵识别");
    long weak = responded(rival, demand, rivalSolution);
    long strong = responded(third, demand, thirdSolution);
    long mixed = responded(provider, demand, welding, fitting);
    Api.Response listed = api.get("/api/v1/postings/" + demand + "/responses", buyer.token());
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    List<JsonObject> items = listed.json().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(items).hasSize(3);
    List<Integer> scores = items.stream().map(o -> o.getInteger("fitScore")).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    assertThat(items).allSatisfy(o -> {
      assertThat(o.getBoolean("matched")).isTrue();
      assertThat(o.getJsonArray("fitReasons")).isNotEmpty();
    });
    assertThat(items.get(items.size() - 1).getLong("id")).isEqualTo(weak);
    assertThat(List.of(strong, mixed)).contains(items.get(0).getLong("id"));
    JsonObject mixedRow = items.stream().filter(o -> o.getLong("id") == mixed).findFirst().orElseThrow();
    assertThat(mixedRow.getLong("fitSolutionId")).isEqualTo(fitting);

    Api.Response own = api.get("/api/v1/postings/" + demand + "/responses", rival.token());
    assertThat(own.json().getJsonArray("items")).hasSize(1);
    assertThat(own.json().getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(weak);
    assertThat(api.get("/api/v1/postings/" + demand + "/responses", otherBuyer.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/postings/" + demand + "/responses", null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/responses/" + weak, otherBuyer.token()).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a response whose solutions cannot be scored still shows, last, with score 0 and 未进入匹配")
  void unscoredResponseStillShows() {
    long demand = demand(buyer, "岸电设施巡检");
    long scored = responded(third, demand, thirdSolution);
    long gone = responded(rival, demand, rivalSolution);
    sql("UPDATE demand_responses SET solution_ids = ARRAY[9999999]::bigint[] WHERE id = " + gone);
    List<JsonObject> items = api.get("/api/v1/postings/" + demand + "/responses", buyer.token()).json()
        .getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(items).extracting(o -> o.getLong("id")).containsExactly(scored, gone);
    assertThat(items.get(1).getInteger("fitScore")).isZero();
    assertThat(items.get(1).getBoolean("matched")).isFalse();
    assertThat(items.get(1).getString("fitSummary")).isEqualTo("未进入匹配");
  }

  @Test
  @DisplayName("shortlist → pilot → landed move the demand to 洽谈中, 试点中 and 已落地 with timeline events, the "
      + "provider notified of each, and the home funnel and scenario count follow")
  void funnelMoves() {
    long demand = demand(buyer, "港区人员定位与越界告警");
    long response = responded(provider, demand, fitting);
    long landedBefore = app.count("SELECT count(*) FROM postings WHERE kind = 'demand' AND status = 'landed'");
    PostingRepository.FunnelRow before = funnel();

    assertThat(act(provider, response, "shortlist").status()).isEqualTo(403);
    assertThat(act(otherBuyer, response, "shortlist").status()).isEqualTo(403);
    assertThat(act(buyer, response, "landed").status()).isEqualTo(409);

    Api.Response shortlisted = act(buyer, response, "shortlist");
    assertThat(shortlisted.status()).as(shortlisted.body()).isEqualTo(200);
    assertThat(shortlisted.json().getString("status")).isEqualTo("shortlisted");
    assertThat(status(demand)).isEqualTo("in_talks");
    assertThat(funnel().contacted()).isEqualTo(before.contacted() + 1);

    Api.Response piloted = act(buyer, response, "pilot");
    assertThat(piloted.status()).as(piloted.body()).isEqualTo(200);
    assertThat(status(demand)).isEqualTo("pilot");
    assertThat(funnel().pilot()).isEqualTo(before.pilot() + 1);

    assertThat(act(buyer, response, "landed").status()).as("landing needs the buyer's acceptance").isEqualTo(409);
    Api.Response landed = api.post("/api/v1/responses/" + response + "/landed", buyer.token(),
        AcceptanceFixtures.passedDemandAcceptance());
    assertThat(landed.status()).as(landed.body()).isEqualTo(200);
    assertThat(landed.json().getString("status")).isEqualTo("landed");
    assertThat(status(demand)).isEqualTo("landed");

    JsonArray timeline = api.get("/api/v1/postings/" + demand + "/timeline", buyer.token()).json().getJsonArray("items");
    assertThat(timeline.stream().map(JsonObject.class::cast).map(e -> e.getString("to")))
        .containsSubsequence("in_talks", "pilot", "landed");
    assertThat(app.count("SELECT count(*) FROM posting_events WHERE posting_id = " + demand
        + " AND to_status = 'pilot' AND note LIKE '%青岛海视智能科技有限公司%'")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'posting.transition' AND entity_id = " + demand))
        .isEqualTo(3);
    assertThat(app.count("SELECT count(DISTINCT title) FROM notifications n JOIN users u ON u.id = n.user_id "
        + "WHERE n.kind = 'response_decision' AND n.posting_id = " + demand + " AND u.organization_id = "
        + provider.organizationId())).isEqualTo(3);
    assertThat(app.count("SELECT count(*) FROM postings WHERE kind = 'demand' AND status = 'landed'"))
        .isEqualTo(landedBefore + 1);
    PostingRepository.FunnelRow after = funnel();
    assertThat(after.landed()).isEqualTo(before.landed() + 1);
    assertThat(after.contacted()).isEqualTo(before.contacted() + 1);
  }

  /** The home page's funnel row of the fixtures' domain. */
  static PostingRepository.FunnelRow funnel() {
    return new PostingRepository().funnel(app.pool()).await().stream().filter(r -> "空天地海".equals(r.domain()))
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a pilot straight from an open demand passes through 洽谈中; a decline needs a reason the provider reads")
  void pilotFromOpenAndDecline() {
    long demand = demand(buyer, "港区危险品堆存监测");
    long chosen = responded(provider, demand, fitting);
    long other = responded(third, demand, thirdSolution);
    assertThat(api.post("/api/v1/responses/" + other + "/decline", buyer.token(), new JsonObject()).status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/responses/" + other + "/decline", buyer.token(),
        new JsonObject().put("reason", "   ")).status()).isEqualTo(400);
    Api.Response declined = api.post("/api/v1/responses/" + other + "/decline", buyer.token(),
        new JsonObject().put("reason", "预算不足以覆盖热成像设备"));
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    assertThat(declined.json().getString("declineReason")).isEqualTo("预算不足以覆盖热成像设备");
    JsonArray thirdsOwn = api.get("/api/v1/responses", third.token()).json().getJsonArray("items");
    assertThat(thirdsOwn.stream().map(JsonObject.class::cast).filter(o -> o.getLong("id") == other).findFirst()
        .orElseThrow().getString("declineReason")).isEqualTo("预算不足以覆盖热成像设备");
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'response_decision' AND posting_id = "
        + demand + " AND body LIKE '%预算不足%'")).isPositive();
    assertThat(act(buyer, other, "pilot").status()).isEqualTo(409);

    assertThat(act(buyer, chosen, "pilot").status()).isEqualTo(200);
    assertThat(status(demand)).isEqualTo("pilot");
    assertThat(app.count("SELECT count(*) FROM posting_events WHERE posting_id = " + demand
        + " AND to_status IN ('in_talks', 'pilot')")).isEqualTo(2);
  }

  @Test
  @DisplayName("two pilots of one demand at once: exactly one wins, the other gets 409 and nothing of it is written")
  void concurrentPilots() throws Exception {
    for (int round = 0; round < 3; round++) {
      long demand = demand(buyer, "港区周界安防第" + round + "期");
      long a = responded(provider, demand, fitting);
      long b = responded(third, demand, thirdSolution);
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> awaitThen(go, () -> act(buyer, a, "pilot")));
      CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> awaitThen(go, () -> act(buyer, b, "pilot")));
      go.countDown();
      assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);
      assertThat(status(demand)).isEqualTo("pilot");
      assertThat(app.count("SELECT count(*) FROM demand_responses WHERE posting_id = " + demand + " AND status = 'pilot'"))
          .isEqualTo(1);
      assertThat(app.count("SELECT count(*) FROM posting_events WHERE posting_id = " + demand + " AND to_status = 'pilot'"))
          .isEqualTo(1);
    }
  }

  private static int awaitThen(CountDownLatch go, java.util.function.Supplier<Api.Response> call) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return call.get().status();
  }
}
