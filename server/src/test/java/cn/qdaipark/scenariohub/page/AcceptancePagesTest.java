package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.ACCURACY;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.LATENCY;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.appoint;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.ok;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.score;
import static cn.qdaipark.scenariohub.support.AcceptanceFixtures.sheet;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.AcceptanceFixtures;
import cn.qdaipark.scenariohub.support.AcceptanceFixtures.InAcceptance;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.ResponseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages of the acceptance (验收): the member's scoring form, the issuer's panel and conclusion, the call's "
    + "section, the demand's acceptance form")
class AcceptancePagesTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account lead;
  private static Account outsider;
  private static Account buyer;
  private static Account provider;
  private static List<Account> members;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市页面验收发布局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛页面验收牵头科技有限公司");
    outsider = ChallengeFixtures.verified(app, "government", "青岛市页面验收旁观单位");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛页面验收码头有限公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛页面验收视觉科技有限公司");
    members = List.of(ChallengeFixtures.verified(app, "government", "青岛市页面验收专家甲单位"),
        ChallengeFixtures.verified(app, "government", "青岛市页面验收专家乙单位"),
        ChallengeFixtures.verified(app, "government", "青岛市页面验收专家丙单位"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  private static Map<String, String> form(String accuracy, String accuracyComment, String latency, String latencyComment) {
    Map<String, String> form = new HashMap<>();
    form.put("requirement_0", ACCURACY);
    form.put("verdict_0", accuracy);
    form.put("comment_0", accuracyComment);
    form.put("requirement_1", LATENCY);
    form.put("verdict_1", latency);
    form.put("comment_1", latencyComment);
    return form;
  }

  @Test
  @DisplayName("a panel member finds the round in 待我验收, scores on the form (a refusal re-shown next to the rows with "
      + "what was typed), revises; strangers get 403; after the conclusion the form is gone")
  void scoringForm() {
    InAcceptance call = AcceptanceFixtures.callInAcceptance(app, clock, issuer, lead, null, "页面验收评分揭榜");
    for (Account member : members) {
      ok(appoint(api, issuer, call.roundId(), member));
    }
    PageClient member = as(members.get(0));
    assertThat(member.get("/workspace").body()).contains("href=\"/workspace/acceptances\"");
    assertThat(member.get("/workspace/acceptances").body()).contains("待我验收", "页面验收评分揭榜",
        "href=\"/acceptances/" + call.roundId() + "\"");
    String page = member.get("/acceptances/" + call.roundId()).body();
    assertThat(page).contains("id=\"score-form\"", ACCURACY, LATENCY, "name=\"verdict_0\"", "部分达到", "id=\"recusal-form\"")
        .doesNotContain("id=\"appoint-form\"");

    HttpResponse<String> refused = member.post("/acceptances/" + call.roundId() + "/scores",
        form("partly", "", "met", "延迟实测约0.8秒"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"scores-error\"", "请填写意见", "延迟实测约0.8秒");
    HttpResponse<String> saved = member.post("/acceptances/" + call.roundId() + "/scores",
        form("partly", "雨雾天气准确率约93%", "met", "延迟实测约0.8秒"));
    assertThat(saved.statusCode()).isEqualTo(303);
    String after = member.get(saved.headers().firstValue("location").orElseThrow()).body();
    assertThat(after).contains("评分已保存", "雨雾天气准确率约93%");
    assertThat(after).containsPattern("id=\"verdict-0-partly\"\\s+checked");

    assertThat(as(outsider).get("/acceptances/" + call.roundId()).statusCode()).isEqualTo(403);
    assertThat(as(provider).post("/acceptances/" + call.roundId() + "/scores", form("met", "", "met", "")).statusCode())
        .isEqualTo(403);
    assertThat(as(outsider).get("/workspace/acceptances").body()).contains("id=\"my-acceptances-empty\"");

    String english = member.get("/acceptances/" + call.roundId() + "?lang=en").body();
    Set<String> userTexts = ChineseOutsideUserContent.userTexts(app.pool());
    assertThat(ChineseOutsideUserContent.offending(english, userTexts)).isEmpty();
    assertThat(english).contains("Acceptance scoring", "Partly met");

    ok(score(api, members.get(1), call.roundId(), sheet("met", "met")));
    ok(score(api, members.get(2), call.roundId(), sheet("met", "met")));
    ok(AcceptanceFixtures.conclude(api, issuer, call.roundId(), "accepted", "同意通过验收"));
    assertThat(member.get("/acceptances/" + call.roundId()).body()).doesNotContain("id=\"score-form\"")
        .contains("id=\"scoring-closed\"", "id=\"findings\"");
  }

  @Test
  @DisplayName("the issuer appoints by e-mail (a consortium member refused next to the field), sees the panel's "
      + "verdict, cannot conclude passed against it, returns the call to delivery; the call page shows the round")
  void issuerPages() {
    InAcceptance call = AcceptanceFixtures.callInAcceptance(app, clock, issuer, lead, null, "页面验收结论揭榜");
    PageClient page = as(issuer);
    String round = "/acceptances/" + call.roundId();
    assertThat(page.get("/postings/" + call.callId()).body()).contains("id=\"acceptance\"",
        "href=\"" + round + "\"").doesNotContain("id=\"move-accepted\"");
    HttpResponse<String> conflict = page.post(round + "/panel", Map.of("email", ChallengeFixtures.email(app, lead)));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("利益冲突", ChallengeFixtures.email(app, lead));
    HttpResponse<String> unknown = page.post(round + "/panel", Map.of("email", "nobody@example.cn"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("id=\"member-email-error\"", "政府部门账号");
    for (Account member : members) {
      assertThat(page.post(round + "/panel", Map.of("email", ChallengeFixtures.email(app, member))).statusCode())
          .isEqualTo(303);
    }
    assertThat(page.get(round).body()).contains("id=\"panel-members\"", "id=\"conclusion-waiting\"")
        .doesNotContain("id=\"conclude-form\"");
    ok(score(api, members.get(0), call.roundId(), sheet("not_met", "met")));
    ok(score(api, members.get(1), call.roundId(), sheet("not_met", "met")));
    ok(score(api, members.get(2), call.roundId(), sheet("met", "met")));
    String ready = page.get(round).body();
    assertThat(ready).contains("id=\"conclude-form\"", "专家组结论：验收不通过", "value=\"in_delivery\"", "value=\"failed\"")
        .doesNotContain("value=\"accepted\"");
    HttpResponse<String> against = page.post(round + "/conclusion", Map.of("outcome", "accepted", "summary", "强行通过"));
    assertThat(against.statusCode()).isEqualTo(409);
    assertThat(against.body()).contains("不能作出验收通过的结论", "强行通过");
    String english = page.get(round + "?lang=en").body();
    assertThat(english).contains("Panel verdict: not passed", "Not accepted, back to delivery");
    assertThat(ChineseOutsideUserContent.offending(english, ChineseOutsideUserContent.userTexts(app.pool()))).isEmpty();
    assertThat(page.post(round + "/conclusion", Map.of("outcome", "in_delivery", "summary", "请整改夜间识别准确率"))
        .statusCode()).isEqualTo(303);
    assertThat(as(lead).get("/postings/" + call.callId()).body()).contains("id=\"acceptance-round-" + call.roundId(),
        "请整改夜间识别准确率", "现场复测未达到合同约定的指标");
    String anonymous = new PageClient(api.base()).get("/postings/" + call.callId()).body();
    assertThat(anonymous).contains("id=\"acceptance-round-" + call.roundId()).doesNotContain("请整改夜间识别准确率");
    String consortiumEnglish = as(lead).get("/postings/" + call.callId() + "?lang=en").body();
    assertThat(ChineseOutsideUserContent.offending(consortiumEnglish, ChineseOutsideUserContent.userTexts(app.pool())))
        .isEmpty();
  }

  @Test
  @DisplayName("the buyer's acceptance form on the responses page: a failure without remarks is re-shown with the "
      + "message; a failure with remarks keeps the pilot and is listed; a pass lands the demand")
  void demandForm() {
    Api.Response solution = api.post("/api/v1/solutions", provider.token(), ResponseFixtures.intrusion("页面验收入侵识别系统"));
    assertThat(solution.status()).as(solution.body()).isEqualTo(201);
    long demand = api.post("/api/v1/postings", buyer.token(), Fixtures.posting("demand", "页面验收试点需求")).json().getLong("id");
    long response = api.post("/api/v1/postings/" + demand + "/responses", provider.token(), new JsonObject()
        .put("proposal", "两周内完成现场部署，夜间识别准确率不低于95%。")
        .put("solutionIds", new JsonArray().add(solution.json().getLong("id")))).json().getLong("id");
    ok(api.post("/api/v1/responses/" + response + "/pilot", buyer.token(), new JsonObject()));
    PageClient page = as(buyer);
    String list = page.get("/postings/" + demand + "/responses").body();
    assertThat(list).contains("id=\"acceptance-form-" + response + "\"", ACCURACY, "id=\"landed-" + response + "\"");

    Map<String, String> failed = form("not_met", "雨雾天气识别率不足", "met", "");
    failed.put("conclusion", "failed");
    failed.put("summary", "");
    HttpResponse<String> refused = page.post("/responses/" + response + "/landed", failed);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"acc-summary-error\"", "请说明需要整改的问题", "雨雾天气识别率不足");
    failed.put("summary", "请提升雨雾天气下的识别率后再验收");
    assertThat(page.post("/responses/" + response + "/landed", failed).statusCode()).isEqualTo(303);
    String kept = page.get("/postings/" + demand + "/responses").body();
    assertThat(kept).contains("id=\"demand-acceptances\"", "请提升雨雾天气下的识别率后再验收",
        "id=\"acceptance-form-" + response + "\"");

    assertThat(as(provider).get("/workspace/responses").body()).contains("id=\"demand-acceptances\"",
        "请提升雨雾天气下的识别率后再验收", "页面验收试点需求");

    Map<String, String> passed = form("met", "", "met", "");
    passed.put("conclusion", "passed");
    passed.put("summary", "整改后复测通过");
    assertThat(page.post("/responses/" + response + "/landed", passed).statusCode()).isEqualTo(303);
    assertThat(api.get("/api/v1/postings/" + demand, buyer.token()).json().getString("status")).isEqualTo("landed");
  }

  @Test
  @DisplayName("the acceptance's stored notifications and timeline notes read in English on English pages")
  void englishWordings() {
    for (String text : List.of("您被指定为验收专家组成员：港区揭榜", "项目验收未通过，退回攻关整改：港区揭榜",
        "项目验收通过：港区揭榜", "项目验收未通过：港区揭榜", "验收专家声明回避：港区揭榜", "您对「港区需求」的试点验收未通过",
        "发布单位已作出第 2 轮验收结论，请在项目页查看各项考核指标的评价。")) {
      assertThat(NotificationTranslator.translate(text, Messages.EN).replace("港区揭榜", "").replace("港区需求", ""))
          .as(text).doesNotContainPattern("\\p{IsHan}");
    }
    assertThat(NotificationTranslator.translate("项目验收未通过，退回攻关整改：港区揭榜", Messages.EN))
        .isEqualTo("Project not accepted, back to delivery: 港区揭榜");
    assertThat(TimelineNotes.translate("第 2 轮验收未通过，退回攻关整改", Messages.EN))
        .isEqualTo("Acceptance round 2 not passed, back to delivery");
    assertThat(MessageTranslator.translate("尚有 1 位验收专家未评分（张三），不能作出结论", Messages.EN))
        .isEqualTo("1 panel members have not scored yet (张三); the conclusion must wait");
    assertThat(MessageTranslator.translate("验收不存在", Messages.EN)).doesNotContainPattern("\\p{IsHan}");
    assertThat(MessageTranslator.translate("第 1 项：含有不可见的控制字符", Messages.EN)).doesNotContainPattern("\\p{IsHan}");
  }
}
