package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages of the 揭榜挂帅 workflow")
class PageWorkflowTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherGov;
  private static Account reviewer;
  private static Account provider;
  private static Account partner;
  private static Account buyer;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局");
    otherGov = ChallengeFixtures.verified(app, "government", "青岛市城市管理局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市科学技术局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛页面揭榜科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛联合体伙伴科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛港页面测试集团");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  private static long call(String title, LocalDate deadline) {
    Api.Response created = api.post("/api/v1/postings", issuer.token(), ChallengeFixtures.challenge(title, deadline));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  @Test
  @DisplayName("the posting page shows the lifecycle label, the timeline and the issuer's allowed moves as CSRF forms")
  void postingLifecycle() {
    long id = call("页面时间线测试榜单", LocalDate.now(clock).plusDays(20));
    String issuerView = as(issuer).get("/postings/" + id).body();
    assertThat(issuerView).contains("申报中", "id=\"timeline\"", "action=\"/postings/" + id + "/transition\"",
        "name=\"to\" value=\"closed\"", "name=\"_csrf\"", "/postings/" + id + "/review");
    String visitorView = new PageClient(api.base()).get("/postings/" + id).body();
    assertThat(visitorView).contains("申报中", "id=\"timeline\"").doesNotContain("/transition\"");
    assertThat(as(provider).get("/postings/" + id).body()).contains("href=\"/postings/" + id + "/apply\"")
        .doesNotContain("/transition\"");
    assertThat(as(provider).get("/postings/" + id + "/respond").body()).contains("/postings/" + id + "/apply");
    PageClient other = as(otherGov);
    assertThat(other.post("/postings/" + id + "/transition", Map.of("to", "closed")).statusCode()).isEqualTo(403);
    PageClient me = as(issuer);
    assertThat(me.postRaw("/postings/" + id + "/transition", Map.of("to", "closed", "_csrf", "forged")).statusCode())
        .isEqualTo(403);
    HttpResponse<String> moved = me.post("/postings/" + id + "/transition", Map.of("to", "closed"));
    assertThat(moved.statusCode()).isEqualTo(303);
    assertThat(me.get("/postings/" + id).body()).contains("已关闭", "申报中 &rarr; <strong>已关闭</strong>");
  }

  @Test
  @DisplayName("a provider applies through the form: errors sit next to the fields with the text kept; a buyer cannot open it")
  void applicationForm() {
    long id = call("页面申报测试榜单", LocalDate.now(clock).plusDays(20));
    assertThat(as(buyer).get("/postings/" + id + "/apply").statusCode()).isEqualTo(403);
    assertThat(new PageClient(api.base()).get("/postings/" + id + "/apply").statusCode()).isEqualTo(303);
    PageClient me = as(provider);
    HttpResponse<String> form = me.get("/postings/" + id + "/apply");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("夜间识别准确率≥95%", "name=\"answer_1\"", "name=\"partner_3\"");

    Map<String, String> bad = ChallengeFixtures.proposalForm();
    bad.put("approach", "太短");
    bad.put("answer_1", "");
    bad.put("partner_0", "不存在的单位有限公司");
    HttpResponse<String> refused = me.post("/postings/" + id + "/apply", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("partners-error", "不存在的单位有限公司", "双光谱融合，夜间实测准确率97.2%");

    bad.put("partner_0", "");
    refused = me.post("/postings/" + id + "/apply", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("approach-error", "requirementAnswers-error", "太短", "算法工程师6人");

    assertThat(me.postRaw("/postings/" + id + "/apply", ChallengeFixtures.proposalForm()).statusCode()).isEqualTo(403);
    Map<String, String> good = ChallengeFixtures.proposalForm();
    good.put("partner_0", "青岛联合体伙伴科技有限公司");
    HttpResponse<String> saved = me.post("/postings/" + id + "/apply", good);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    String workspace = me.get("/workspace").body();
    assertThat(workspace).contains("id=\"my-applications\"", "页面申报测试榜单", "已提交", "青岛联合体伙伴科技有限公司");
    assertThat(as(issuer).get("/workspace").body()).contains("id=\"app-count-" + id + "\">1<");

    long applicationId = api.get("/api/v1/postings/" + id + "/applications", provider.token()).json()
        .getJsonArray("items").getJsonObject(0).getLong("id");
    PageClient partnerPages = as(partner);
    assertThat(partnerPages.get("/workspace").body()).contains("页面申报测试榜单", "联合体成员", "confirm-" + applicationId);
    assertThat(as(buyer).post("/applications/" + applicationId + "/confirm", Map.of()).statusCode()).isEqualTo(404);
    assertThat(partnerPages.post("/applications/" + applicationId + "/confirm", Map.of()).statusCode()).isEqualTo(303);
    assertThat(partnerPages.get("/workspace").body()).contains("已确认").doesNotContain("confirm-" + applicationId);
    assertThat(as(partner).post("/applications/" + applicationId + "/withdraw", Map.of()).statusCode()).isEqualTo(403);
    assertThat(me.post("/applications/" + applicationId + "/withdraw", Map.of()).statusCode()).isEqualTo(303);
    assertThat(me.get("/workspace").body()).contains("已撤回");
  }

  @Test
  @DisplayName("the English pages word the workflow's refusals in English")
  void englishMessages() {
    assertThat(MessageTranslator.translate("各项权重之和必须为 100，当前为 90", Messages.EN)).contains("sum to 90");
    assertThat(MessageTranslator.translate("「某某公司」不存在", Messages.EN)).contains("某某公司").contains("registered");
    assertThat(MessageTranslator.translate("各项权重之和必须为 100，当前为 90", Messages.ZH)).isEqualTo("各项权重之和必须为 100，当前为 90");
  }

  @Test
  @DisplayName("an unverified government account is refused as reviewer: the form comes back with the message by the field")
  void unverifiedReviewerRefused() {
    Account unverified = ChallengeFixtures.unverified(app, "government", "青岛市页面未认证评审中心");
    long id = call("页面未认证评审测试榜单", LocalDate.now(clock).plusDays(5));
    String email = ChallengeFixtures.email(app, unverified);
    HttpResponse<String> refused = as(issuer).post("/postings/" + id + "/reviewers", Map.of("email", email));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"reviewer-error\">该账号所属的政府部门尚未通过平台认证，不能担任评审专家",
        "value=\"" + email + "\"");
    assertThat(app.count("SELECT count(*) FROM challenge_reviewers WHERE posting_id = " + id)).isZero();
  }

  @Test
  @DisplayName("review, scoring, award, 公示 and objections through the pages; only the issuer opens /review")
  void reviewToResult() {
    long id = call("页面评审测试榜单", LocalDate.now(clock).plusDays(1));
    Api.Response applied = api.post("/api/v1/postings/" + id + "/applications", provider.token(), ChallengeFixtures.proposal());
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    long applicationId = applied.json().getLong("id");

    PageClient me = as(issuer);
    assertThat(me.get("/postings/" + id + "/review").statusCode()).isEqualTo(200);
    assertThat(as(otherGov).get("/postings/" + id + "/review").statusCode()).isEqualTo(403);
    assertThat(as(provider).get("/postings/" + id + "/review").statusCode()).isEqualTo(403);

    HttpResponse<String> badRubric = me.post("/postings/" + id + "/rubric",
        Map.of("name_0", "技术方案", "weight_0", "60", "name_1", "实施能力", "weight_1", "30"));
    assertThat(badRubric.statusCode()).isEqualTo(400);
    assertThat(badRubric.body()).contains("criteria-error", "之和必须为 100", "value=\"30\"");
    assertThat(me.post("/postings/" + id + "/rubric",
        Map.of("name_0", "技术方案", "weight_0", "60", "name_1", "实施能力", "weight_1", "40")).statusCode()).isEqualTo(303);
    HttpResponse<String> badReviewer = me.post("/postings/" + id + "/reviewers", Map.of("email", ChallengeFixtures.email(app, provider)));
    assertThat(badReviewer.statusCode()).isEqualTo(400);
    assertThat(badReviewer.body()).contains("reviewer-error", "政府部门账号");
    assertThat(me.post("/postings/" + id + "/reviewers", Map.of("email", ChallengeFixtures.email(app, reviewer))).statusCode()).isEqualTo(303);
    assertThat(me.get("/postings/" + id + "/review").body()).contains("测试用户", "技术方案 (60%)");

    PageClient judge = as(reviewer);
    assertThat(as(otherGov).get("/postings/" + id + "/score").statusCode()).isEqualTo(403);
    assertThat(judge.get("/postings/" + id + "/score").body()).contains("score_" + applicationId + "_0");
    clock.advance(Duration.ofDays(2));
    HttpResponse<String> badScore = judge.post("/applications/" + applicationId + "/scores",
        Map.of("criterion_0", "技术方案", "score_0", "120", "criterion_1", "实施能力", "score_1", "80"));
    assertThat(badScore.statusCode()).isEqualTo(400);
    assertThat(badScore.body()).contains("score-error-" + applicationId, "value=\"120\"");
    assertThat(judge.post("/applications/" + applicationId + "/scores",
        Map.of("criterion_0", "技术方案", "score_0", "90", "criterion_1", "实施能力", "score_1", "80")).statusCode())
        .isEqualTo(303);

    String table = me.get("/postings/" + id + "/review").body();
    assertThat(table).contains("评审中", "<strong>86</strong>", "award-" + applicationId);
    assertThat(as(otherGov).post("/applications/" + applicationId + "/award", Map.of()).statusCode()).isEqualTo(403);
    assertThat(me.post("/applications/" + applicationId + "/award", Map.of()).statusCode()).isEqualTo(303);
    assertThat(me.get("/postings/" + id).body()).contains("揭榜成功", "name=\"to\" value=\"result_published\"");
    assertThat(me.post("/postings/" + id + "/transition", Map.of("to", "result_published")).statusCode()).isEqualTo(303);

    PageClient visitor = new PageClient(api.base());
    String results = visitor.get("/results").body();
    assertThat(results).contains("页面评审测试榜单", "青岛页面揭榜科技有限公司", "href=\"/results\" aria-current=\"page\"")
        .doesNotContain("/objections\"");
    assertThat(new PageClient(api.base()).get("/results?lang=en").body())
        .contains("Published challenge results", ">Results</a>", "Result published");
    PageClient objector = as(buyer);
    assertThat(objector.get("/results").body()).contains("action=\"/postings/" + id + "/objections\"");
    HttpResponse<String> shortObjection = objector.post("/postings/" + id + "/objections", Map.of("text", "太短"));
    assertThat(shortObjection.statusCode()).isEqualTo(400);
    assertThat(shortObjection.body()).contains("objection-error-" + id, "太短");
    assertThat(objector.post("/postings/" + id + "/objections", Map.of("text", "揭榜单位的夜间准确率数据缺少第三方检测报告。"))
        .statusCode()).isEqualTo(303);
    String issuerPage = me.get("/postings/" + id).body();
    assertThat(issuerPage).contains("缺少第三方检测报告", "/answer\"");
    long objectionId = api.get("/api/v1/postings/" + id + "/objections", issuer.token()).json().getJsonArray("items")
        .getJsonObject(0).getLong("id");
    assertThat(objector.post("/objections/" + objectionId + "/answer", Map.of("text", "已补充")).statusCode()).isEqualTo(403);
    assertThat(me.post("/objections/" + objectionId + "/answer", Map.of("text", "已补充第三方检测报告。")).statusCode())
        .isEqualTo(303);
    assertThat(objector.get("/postings/" + id).body()).contains("已补充第三方检测报告。");

    clock.advance(Duration.ofDays(8));
    assertThat(objector.get("/results").body()).doesNotContain("action=\"/postings/" + id + "/objections\"");
    assertThat(objector.post("/postings/" + id + "/objections", Map.of("text", "异议期结束后再提出的异议内容。"))
        .statusCode()).isEqualTo(409);
  }
}
