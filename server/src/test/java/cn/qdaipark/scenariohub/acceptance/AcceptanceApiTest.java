package cn.qdaipark.scenariohub.acceptance;

import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.appoint;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.conclude;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.move;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.ok;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.score;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.sheet;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.AcceptanceFixtures;
import cn.qdaipark.scenariohub.support.AcceptanceFixtures.InAcceptance;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AcceptanceApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account lead;
  private static Account partner;
  private static Account provider;
  private static Account outsider;
  private static Account unverified;
  private static List<Account> members;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛深瞳视觉科技有限公司");
    partner = ChallengeFixtures.verified(app, "government", "青岛市人工智能研究院");
    provider = ChallengeFixtures.verified(app, "provider", "青岛旁观者科技有限公司");
    outsider = ChallengeFixtures.verified(app, "government", "青岛市交通运输局");
    unverified = ChallengeFixtures.unverified(app, "government", "未认证的政府部门");
    members = List.of(ChallengeFixtures.verified(app, "government", "青岛市科学技术局"),
        ChallengeFixtures.verified(app, "government", "青岛市大数据发展管理局"),
        ChallengeFixtures.verified(app, "government", "青岛市市场监督管理局"),
        ChallengeFixtures.verified(app, "government", "青岛市应急管理局"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static InAcceptance inAcceptance(String title) {
    return AcceptanceFixtures.callInAcceptance(app, clock, issuer, lead, partner, title);
  }

  /** Appoints the first three members and has them score with these sheets. */
  private static void panelScores(long round, JsonObject... sheets) {
    for (int i = 0; i < 3; i++) {
      ok(appoint(api, issuer, round, members.get(i)));
    }
    for (int i = 0; i < sheets.length; i++) {
      ok(score(api, members.get(i), round, sheets[i]));
    }
  }

  private static String status(long call) {
    return api.get("/api/v1/postings/" + call, null).json().getString("status");
  }

  private static List<String> kinds(Account who, long postingId) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(n -> Long.valueOf(postingId).equals(n.getLong("postingId")))
        .map(n -> n.getString("kind")).toList();
  }

  @Test
  @DisplayName("the panel scores every 考核指标, the issuer concludes passed and the call is 已验收, the verdicts public, "
      + "every step audit-logged, notified and on the acceptance timeline")
  void passed() {
    InAcceptance call = inAcceptance("港区夜间人员入侵识别揭榜（验收通过）");
    JsonObject opened = api.get("/api/v1/acceptances/" + call.roundId(), issuer.token()).json();
    assertThat(opened.getInteger("roundNo")).isEqualTo(1);
    assertThat(opened.getJsonArray("requirements")).containsExactly(AcceptanceFixtures.ACCURACY, AcceptanceFixtures.LATENCY);
    assertThat(opened.getString("rule")).contains("三分之一");

    panelScores(call.roundId(), sheet("met", "met"), sheet("met", "partly"), sheet("partly", "met"));
    assertThat(kinds(members.get(0), call.callId())).contains(AcceptanceService.APPOINTED);
    assertThat(api.get("/api/v1/acceptances/mine", members.get(0).token()).json().getJsonArray("items")
        .getJsonObject(0).getLong("roundId")).isEqualTo(call.roundId());
    JsonObject ready = api.get("/api/v1/acceptances/" + call.roundId(), issuer.token()).json();
    assertThat(ready.getBoolean("canConclude")).isTrue();
    assertThat(ready.getJsonObject("verdict").getBoolean("passes")).isTrue();
    assertThat(ready.getJsonArray("panel")).hasSize(3);

    Api.Response concluded = conclude(api, issuer, call.roundId(), "accepted", "各项指标均达到要求，同意通过验收。");
    assertThat(concluded.status()).as(concluded.body()).isEqualTo(200);
    assertThat(status(call.callId())).isEqualTo("accepted");
    assertThat(kinds(lead, call.callId())).contains(AcceptanceService.CONCLUDED);
    assertThat(kinds(partner, call.callId())).contains(AcceptanceService.CONCLUDED);

    JsonObject publicView = api.get("/api/v1/postings/" + call.callId() + "/acceptance", null).json()
        .getJsonArray("rounds").getJsonObject(0);
    assertThat(publicView.containsKey("panel")).as("the panel's names are the issuer's").isFalse();
    assertThat(publicView.getInteger("panelSize")).isEqualTo(3);
    JsonArray findings = publicView.getJsonObject("findings").getJsonArray("items");
    assertThat(findings.getJsonObject(0).getString("verdict")).isEqualTo("met");
    assertThat(findings.getJsonObject(0).getInteger("partly")).isEqualTo(1);
    assertThat(publicView.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("event")))
        .startsWith("opened").endsWith("concluded").doesNotContain("scored");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action LIKE 'acceptance.%' AND (detail->>'postingId')::bigint = "
        + call.callId())).isEqualTo(3 + 3 + 1);
    assertThat(app.count("SELECT count(*) FROM posting_events WHERE posting_id = " + call.callId()
        + " AND to_status = 'accepted' AND note = '第 1 轮验收通过'")).isEqualTo(1);
  }

  @Test
  @DisplayName("a failing panel: the issuer cannot conclude passed; back to delivery with the findings for the "
      + "consortium only; the next acceptance opens round 2, which passes")
  void failedThenSecondRound() {
    InAcceptance call = inAcceptance("园区无人巡检揭榜（整改后通过）");
    panelScores(call.roundId(), sheet("not_met", "met"), sheet("not_met", "met"), sheet("met", "met"));
    Api.Response against = conclude(api, issuer, call.roundId(), "accepted", "");
    assertThat(against.status()).isEqualTo(409);
    assertThat(against.error().getString("message")).contains("不能作出验收通过的结论");

    ok(conclude(api, issuer, call.roundId(), "in_delivery", "夜间识别准确率未达到要求，请整改后重新申请验收。"));
    assertThat(status(call.callId())).isEqualTo("in_delivery");
    JsonObject consortiumView = api.get("/api/v1/acceptances/" + call.roundId(), lead.token()).json();
    assertThat(consortiumView.getJsonObject("findings").getBoolean("passes")).isFalse();
    assertThat(consortiumView.getJsonObject("findings").getJsonArray("items").getJsonObject(0).getJsonArray("comments"))
        .contains("现场复测未达到合同约定的指标");
    assertThat(consortiumView.getString("summary")).contains("整改");
    assertThat(api.get("/api/v1/acceptances/" + call.roundId(), provider.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/postings/" + call.callId() + "/acceptance", null).json().getJsonArray("rounds")
        .getJsonObject(0).containsKey("findings")).as("a failed round's findings are not public").isFalse();
    assertThat(score(api, members.get(0), call.roundId(), sheet("met", "met")).status())
        .as("scoring after the conclusion").isEqualTo(409);

    ok(move(api, issuer, call.callId(), "acceptance"));
    long second = AcceptanceFixtures.openRound(api, issuer, call.callId());
    assertThat(second).isNotEqualTo(call.roundId());
    assertThat(api.get("/api/v1/acceptances/" + second, issuer.token()).json().getInteger("roundNo")).isEqualTo(2);
    panelScores(second, sheet("met", "met"), sheet("met", "met"), sheet("partly", "met"));
    ok(conclude(api, issuer, second, "accepted", ""));
    assertThat(status(call.callId())).isEqualTo("accepted");
    assertThat(api.get("/api/v1/postings/" + call.callId() + "/acceptance", null).json().getJsonArray("rounds")).hasSize(2);
  }

  @Test
  @DisplayName("a failing panel: the issuer closes the call as failed (验收未通过)")
  void failedClosed() {
    InAcceptance call = inAcceptance("港口集卡调度揭榜（验收未通过）");
    panelScores(call.roundId(), sheet("partly", "partly"), sheet("partly", "partly"), sheet("met", "partly"));
    assertThat(api.get("/api/v1/acceptances/" + call.roundId(), issuer.token()).json().getJsonObject("verdict")
        .getBoolean("passes")).as("two partly of two is more than a third").isFalse();
    ok(conclude(api, issuer, call.roundId(), "failed", "两项指标均只部分达到，项目终止。"));
    assertThat(status(call.callId())).isEqualTo("failed");
    assertThat(conclude(api, issuer, call.roundId(), "failed", "").status()).isEqualTo(409);
  }

  @Test
  @DisplayName("the panel: only the issuer appoints; consortium members (lead, partner), providers, unverified "
      + "government bodies and duplicates are refused; at most nine")
  void panelRules() {
    InAcceptance call = inAcceptance("智慧海洋监测揭榜（专家组）");
    long round = call.roundId();
    assertThat(appoint(api, provider, round, members.get(0)).status()).isEqualTo(403);
    assertThat(appoint(api, members.get(0), round, members.get(0)).status()).isEqualTo(403);
    for (Account consortium : List.of(lead, partner)) {
      Api.Response refused = appoint(api, issuer, round, consortium);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.error().getString("message")).contains("利益冲突");
    }
    Api.Response notGovernment = appoint(api, issuer, round, provider);
    assertThat(notGovernment.status()).isEqualTo(400);
    assertThat(notGovernment.error().getJsonObject("fields").getString("userId")).contains("政府部门账号");
    Api.Response notVerified = appoint(api, issuer, round, unverified);
    assertThat(notVerified.status()).isEqualTo(400);
    assertThat(notVerified.error().getJsonObject("fields").getString("userId")).contains("认证");
    ok(appoint(api, issuer, round, issuer));
    ok(score(api, issuer, round, sheet("met", "met")));
    JsonObject both = api.get("/api/v1/acceptances/" + round, issuer.token()).json();
    assertThat(both.getBoolean("isMember")).as("the issuer's own staff may sit on the panel").isTrue();
    assertThat(both.getJsonArray("myScores")).hasSize(2);
    assertThat(both.getJsonArray("panel")).hasSize(1);
    ok(appoint(api, issuer, round, members.get(0)));
    assertThat(appoint(api, issuer, round, members.get(0)).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/acceptances/" + round + "/panel", issuer.token(), new JsonObject().put("userId", "x"))
        .status()).isEqualTo(400);
    for (int i = 0; i < 7; i++) {
      ok(appoint(api, issuer, round, ChallengeFixtures.verified(app, "government", "青岛市第" + i + "专家单位")));
    }
    Api.Response tenth = appoint(api, issuer, round, members.get(1));
    assertThat(tenth.status()).isEqualTo(409);
    assertThat(tenth.error().getString("message")).contains("最多 9 人");
  }

  @Test
  @DisplayName("only the panel scores: providers, other government bodies and the issuer are 403; the sheet is checked "
      + "(every requirement, a comment when not met, hostile text); conclusion waits for every score; a recused "
      + "member is replaced")
  void scoringRules() {
    InAcceptance call = inAcceptance("城市视频分析揭榜（评分）");
    long round = call.roundId();
    ok(appoint(api, issuer, round, members.get(0)));
    ok(appoint(api, issuer, round, members.get(1)));
    for (Account stranger : List.of(provider, outsider, issuer, lead)) {
      assertThat(score(api, stranger, round, sheet("met", "met")).status()).as("scoring by a stranger").isEqualTo(403);
    }
    Api.Response tooFew = conclude(api, issuer, round, "accepted", "");
    assertThat(tooFew.status()).isEqualTo(409);
    assertThat(tooFew.error().getString("message")).contains("至少需要 3 位");
    ok(appoint(api, issuer, round, members.get(2)));

    Account member = members.get(0);
    JsonObject half = new JsonObject().put("scores", new JsonArray().add(sheet("met", "met").getJsonArray("scores").getValue(0)));
    assertThat(score(api, member, round, half).status()).isEqualTo(400);
    JsonObject silent = Hostile.with(sheet("not_met", "met"), "scores.0.comment", "");
    Api.Response noComment = score(api, member, round, silent);
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(noComment.error().getJsonObject("fields").getString("scores")).contains("请填写意见");
    assertThat(score(api, member, round, Hostile.with(sheet("met", "met"), "scores.0.verdict", "excellent")).status())
        .isEqualTo(400);
    assertThat(score(api, member, round, Hostile.with(sheet("met", "met"), "scores.0.requirement", "别的指标")).status())
        .isEqualTo(400);
    assertThat(score(api, member, round, Hostile.with(sheet("met", "met"), "scores.0.comment", "长".repeat(1001))).status())
        .isEqualTo(400);
    Hostile hostile = new Hostile();
    for (Hostile.Value value : Hostile.texts()) {
      Api.Response r = api.send("PUT", "/api/v1/acceptances/" + round + "/scores", member.token(),
          Hostile.encode(Hostile.with(sheet("partly", "met"), "scores.0.comment", value.json())), "application/json");
      hostile.count(r.status());
      assertThat(r.status()).as(value.label()).isIn(400, 413);
    }
    assertThat(hostile.serverErrors()).isZero();
    assertThat(app.count("SELECT count(*) FROM acceptance_scores WHERE round_id = " + round)).isZero();

    ok(score(api, member, round, sheet("partly", "met")));
    ok(score(api, member, round, sheet("met", "met")));
    assertThat(app.count("SELECT count(*) FROM acceptance_scores WHERE round_id = " + round + " AND user_id = "
        + member.userId() + " AND verdict = 'met'")).as("a member revises the sheet").isEqualTo(2);
    ok(score(api, members.get(1), round, sheet("met", "met")));
    Api.Response early = conclude(api, issuer, round, "accepted", "");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.error().getString("message")).contains("未评分");

    Api.Response recused = api.post("/api/v1/acceptances/" + round + "/recusal", members.get(2).token(),
        new JsonObject().put("reason", "本人曾参与该项目的前期技术咨询"));
    assertThat(recused.status()).as(recused.body()).isEqualTo(200);
    assertThat(recused.json().getBoolean("recused")).isTrue();
    assertThat(kinds(issuer, call.callId())).contains(AcceptanceService.RECUSED);
    assertThat(score(api, members.get(2), round, sheet("met", "met")).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/acceptances/" + round + "/recusal", provider.token(),
        new JsonObject().put("reason", "无关人员声明回避")).status()).isEqualTo(403);
    assertThat(conclude(api, issuer, round, "accepted", "").status()).as("two members left").isEqualTo(409);
    ok(appoint(api, issuer, round, members.get(3)));
    ok(score(api, members.get(3), round, sheet("met", "partly")));
    assertThat(conclude(api, provider, round, "accepted", "").status()).isEqualTo(403);
    assertThat(conclude(api, members.get(0), round, "accepted", "").status()).isEqualTo(403);
    assertThat(conclude(api, issuer, round, "landed", "").status()).isEqualTo(400);
    Api.Response wrongWay = conclude(api, issuer, round, "failed", "");
    assertThat(wrongWay.status()).as("a passing panel is not failed").isEqualTo(409);
    ok(conclude(api, issuer, round, "accepted", ""));
  }

  @Test
  @DisplayName("the generic lifecycle route cannot bypass the panel: acceptance → accepted / in_delivery / failed are 409")
  void lifecycleBypass() {
    InAcceptance call = inAcceptance("港区能耗优化揭榜（绕过专家组）");
    for (String to : List.of("accepted", "in_delivery", "failed")) {
      Api.Response r = move(api, issuer, call.callId(), to);
      assertThat(r.status()).as(to).isEqualTo(409);
      assertThat(r.error().getString("message")).contains("验收专家组");
      assertThat(move(api, new Account(app.adminToken(), 0, 0), call.callId(), to)
          .status()).as("admin " + to).isEqualTo(409);
    }
    assertThat(move(api, provider, call.callId(), "accepted").status()).isEqualTo(403);
    assertThat(status(call.callId())).isEqualTo("acceptance");
    panelScores(call.roundId(), sheet("met", "met"), sheet("met", "met"), sheet("met", "met"));
    assertThat(move(api, issuer, call.callId(), "accepted").status()).as("even with a passing panel").isEqualTo(409);
    assertThat(status(call.callId())).isEqualTo("acceptance");
  }

  @Test
  @DisplayName("two conclusions at once: exactly one wins, the call moves once")
  void concurrentConclusions() throws Exception {
    InAcceptance call = inAcceptance("城市停车诱导揭榜（并发结论）");
    panelScores(call.roundId(), sheet("met", "met"), sheet("met", "met"), sheet("met", "met"));
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> racers = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() -> {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return conclude(api, issuer, call.roundId(), "accepted", "并发结论 " + i).status();
    })).toList();
    go.countDown();
    List<Integer> statuses = racers.stream().map(CompletableFuture::join).toList();
    assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
    assertThat(app.count("SELECT count(*) FROM posting_events WHERE posting_id = " + call.callId()
        + " AND to_status = 'accepted'")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'acceptance.conclude' AND entity_id = "
        + call.roundId())).isEqualTo(1);
  }
}
