package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages of the reviewers' workflow, partner invitations and verification refusals")
class ReviewWorkflowPagesTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account judgeA;
  private static Account judgeB;
  private static Account outsider;
  private static Account lead;
  private static Account partner;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市页面评审发布局");
    judgeA = ChallengeFixtures.verified(app, "government", "青岛市页面评审甲单位");
    judgeB = ChallengeFixtures.verified(app, "government", "青岛市页面评审乙单位");
    outsider = ChallengeFixtures.verified(app, "government", "青岛市页面旁观单位");
    lead = ChallengeFixtures.verified(app, "provider", "青岛页面牵头科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛页面伙伴科技有限公司");
    app.pool().query("UPDATE users SET display_name = '页面评审乙' WHERE id = " + judgeB.userId()).execute().await();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  private record Call(long id, long application) {
  }

  private static Call callInReview(String title) {
    long id = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock));
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, id, judgeA);
    ChallengeFixtures.addReviewer(api, issuer, id, judgeB);
    long application = ChallengeFixtures.apply(api, lead, id).getLong("id");
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    return new Call(id, application);
  }

  @Test
  @DisplayName("待我评审 lists the reviewer's calls with n/m and a link to score; others see the empty state; it needs a login")
  void myReviewsPage() {
    Call call = callInReview("页面待我评审揭榜");
    PageClient judge = as(judgeA);
    assertThat(judge.get("/workspace").body()).contains("href=\"/workspace/reviews\"");
    String list = judge.get("/workspace/reviews").body();
    assertThat(list).contains("待我评审", "页面待我评审揭榜", "已评 0/1 份申报", "href=\"/postings/" + call.id() + "/score\"");
    assertThat(api.put("/api/v1/applications/" + call.application() + "/scores", judgeA.token(),
        ChallengeFixtures.scores(80, 80)).status()).isEqualTo(200);
    assertThat(judge.get("/workspace/reviews").body()).contains("已评 1/1 份申报");
    assertThat(as(outsider).get("/workspace/reviews").body()).contains("id=\"my-reviews-empty\"", "暂无需要您评审的榜单")
        .doesNotContain("页面待我评审揭榜");
    assertThat(new PageClient(api.base()).get("/workspace/reviews").statusCode()).isIn(302, 303);
    judge.get("/workspace/reviews?lang=en");
    assertThat(judge.get("/workspace/reviews").body()).contains("My reviews", "1/1 applications scored");
  }

  @Test
  @DisplayName("the issuer sees 1/2 and who is missing, and awarding early asks for a confirmation before it is done")
  void awardAsksWhileScoresAreMissing() {
    Call call = callInReview("页面揭榜确认揭榜");
    assertThat(api.put("/api/v1/applications/" + call.application() + "/scores", judgeA.token(),
        ChallengeFixtures.scores(90, 80)).status()).isEqualTo(200);
    PageClient me = as(issuer);
    String table = me.get("/postings/" + call.id() + "/review").body();
    assertThat(table).contains("id=\"progress-" + call.application() + "\"", "1/2 评审已评分", "未评分: 页面评审乙");

    HttpResponse<String> early = me.post("/applications/" + call.application() + "/award", Map.of());
    assertThat(early.statusCode()).isEqualTo(303);
    String asked = early.headers().firstValue("Location").orElseThrow();
    assertThat(asked).contains("confirm=award", "application=" + call.application());
    assertThat(api.get("/api/v1/applications/" + call.application(), issuer.token()).json().getString("status"))
        .isEqualTo("submitted");
    String question = me.get(asked.replace("#confirm", "")).body();
    assertThat(question).contains("id=\"confirm-question\"", "尚有 1 位评审未评分（页面评审乙），仍要揭榜吗？",
        "name=\"confirmIncomplete\" value=\"true\"", "name=\"_csrf\"");
    assertThat(me.postRaw("/applications/" + call.application() + "/award",
        Map.of("confirmIncomplete", "true", "_csrf", "forged")).statusCode()).isEqualTo(403);
    HttpResponse<String> confirmed = me.post("/applications/" + call.application() + "/award",
        Map.of("confirmIncomplete", "true"));
    assertThat(confirmed.statusCode()).isEqualTo(303);
    assertThat(confirmed.headers().firstValue("Location").orElseThrow()).contains("notice=awarded");
    assertThat(api.get("/api/v1/applications/" + call.application(), issuer.token()).json().getString("status"))
        .isEqualTo("awarded");
  }

  @Test
  @DisplayName("a reviewer recuses on the scoring page: a missing reason comes back by the field; then no scoring form, and the issuer sees why")
  void recusalOnTheScoringPage() {
    Call call = callInReview("页面回避揭榜");
    PageClient judge = as(judgeB);
    assertThat(judge.get("/postings/" + call.id() + "/score").body())
        .contains("action=\"/applications/" + call.application() + "/recusal\"", "声明回避该申报");
    HttpResponse<String> blank = judge.post("/applications/" + call.application() + "/recusal", Map.of("reason", ""));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("id=\"recusal-error-" + call.application() + "\">必填");
    assertThat(as(outsider).post("/applications/" + call.application() + "/recusal", Map.of("reason", "冒名回避")).statusCode())
        .isIn(403, 404);
    HttpResponse<String> recused = judge.post("/applications/" + call.application() + "/recusal",
        Map.of("reason", "本人配偶在申报单位任职"));
    assertThat(recused.statusCode()).isEqualTo(303);
    String sheet = judge.get("/postings/" + call.id() + "/score?notice=recused").body();
    assertThat(sheet).contains("已声明回避。", "id=\"recused-" + call.application() + "\"", "本人配偶在申报单位任职")
        .doesNotContain("id=\"score-submit-" + call.application() + "\"");
    assertThat(judge.post("/applications/" + call.application() + "/scores",
        Map.of("criterion_0", "技术方案", "score_0", "90", "criterion_1", "实施能力", "score_1", "80")).statusCode())
        .isEqualTo(403);
    assertThat(as(issuer).get("/postings/" + call.id() + "/review").body())
        .contains("已回避: 页面评审乙：本人配偶在申报单位任职", "0/1 评审已评分");
  }

  @Test
  @DisplayName("the invited partner's page names the lead and the call; declining asks first, then tells the lead, who sees it declined")
  void invitationPage() {
    long id = ChallengeFixtures.call(api, issuer, "页面联合体邀请揭榜", LocalDate.now(clock).plusDays(5));
    long application = ChallengeFixtures.apply(api, lead, id).getLong("id");
    assertThat(api.post("/api/v1/applications/" + application + "/partners", lead.token(),
        new JsonObject().put("organizationId", partner.organizationId())).status()).isEqualTo(200);
    PageClient invited = as(partner);
    assertThat(invited.get("/workspace").body()).contains("href=\"/applications/" + application + "/invitation\"");
    String page = invited.get("/applications/" + application + "/invitation").body();
    assertThat(page).contains("id=\"invitation-lead\">青岛页面牵头科技有限公司", "页面联合体邀请揭榜",
        "href=\"/postings/" + id + "\"", "id=\"invitation-confirm\"", "id=\"invitation-decline\"");
    assertThat(as(outsider).get("/applications/" + application + "/invitation").statusCode()).isIn(403, 404);
    assertThat(as(lead).get("/applications/" + application + "/invitation").statusCode()).as("the lead is not invited")
        .isEqualTo(403);

    HttpResponse<String> tooLong = invited.post("/applications/" + application + "/invitation/decline",
        Map.of("reason", "长".repeat(501)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("id=\"decline-reason-error\"");
    HttpResponse<String> asked = invited.post("/applications/" + application + "/invitation/decline",
        Map.of("reason", "与现有项目冲突"));
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("id=\"decline-question\"", "value=\"与现有项目冲突\"", "name=\"confirm\" value=\"true\"");
    assertThat(api.get("/api/v1/applications/" + application, lead.token()).json().getJsonArray("partners")
        .getJsonObject(0).getString("state")).as("nothing is sent before the confirmation").isEqualTo("invited");
    HttpResponse<String> declined = invited.post("/applications/" + application + "/invitation/decline",
        Map.of("reason", "与现有项目冲突", "confirm", "true"));
    assertThat(declined.statusCode()).isEqualTo(303);
    assertThat(declined.headers().firstValue("Location").orElseThrow()).contains("notice=invitation_declined");
    assertThat(invited.get("/applications/" + application + "/invitation").body())
        .contains("id=\"invitation-state\">已拒绝").doesNotContain("id=\"invitation-confirm\"");
    assertThat(invited.post("/applications/" + application + "/confirm", Map.of()).statusCode()).isEqualTo(409);
    assertThat(as(lead).get("/workspace").body()).contains("青岛页面伙伴科技有限公司（已拒绝）");
    assertThat(as(lead).get("/postings/" + id + "/apply").body()).contains("已拒绝（与现有项目冲突）");
  }

  @Test
  @DisplayName("an admin refuses an organization's verification on the workspace only with a reason, and its members are told")
  void refuseVerificationPage() {
    Account applicant = ChallengeFixtures.unverified(app, "provider", "青岛页面待认证科技有限公司");
    PageClient admin = new PageClient(api.base()).login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    assertThat(admin.get("/workspace").body()).contains("action=\"/workspace/organizations/" + applicant.organizationId()
        + "/reject\"");
    HttpResponse<String> bare = admin.post("/workspace/organizations/" + applicant.organizationId() + "/reject", Map.of());
    assertThat(bare.headers().firstValue("Location").orElseThrow()).contains("notice=reason_required");
    assertThat(as(partner).post("/workspace/organizations/" + applicant.organizationId() + "/reject",
        Map.of("reason", "无权操作")).statusCode()).isEqualTo(403);
    HttpResponse<String> refused = admin.post("/workspace/organizations/" + applicant.organizationId() + "/reject",
        Map.of("reason", "营业执照照片模糊"));
    assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("notice=rejected");
    assertThat(as(applicant).get("/notifications").body()).contains("营业执照照片模糊");
  }
}
