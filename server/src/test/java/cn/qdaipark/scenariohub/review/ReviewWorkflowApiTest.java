package cn.qdaipark.scenariohub.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reviewers' workflow: assignment notices, 待我评审, scoring progress, the confirmation of early decisions, recusal. */
class ReviewWorkflowApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static final JsonObject CONFIRM = new JsonObject().put("confirmIncomplete", true);
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account judgeA;
  private static Account judgeB;
  private static Account outsider;
  private static Account leadOne;
  private static Account leadTwo;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局");
    judgeA = ChallengeFixtures.verified(app, "government", "青岛市标准化研究院");
    judgeB = ChallengeFixtures.verified(app, "government", "青岛市信息资源管理中心");
    outsider = ChallengeFixtures.verified(app, "government", "青岛市未指派评审单位");
    leadOne = ChallengeFixtures.verified(app, "provider", "青岛第一揭榜科技有限公司");
    leadTwo = ChallengeFixtures.verified(app, "provider", "青岛第二揭榜科技有限公司");
    rename(judgeA, "评审甲");
    rename(judgeB, "评审乙");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static void rename(Account who, String name) {
    app.pool().query("UPDATE users SET display_name = '" + name + "' WHERE id = " + who.userId()).execute().await();
  }

  private record Call(long id, long first, long second) {
  }

  /** A call with a 60/40 rubric, both judges assigned, two applications; applying has closed. */
  private static Call callInReview(String title) {
    long id = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock));
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, id, judgeA);
    ChallengeFixtures.addReviewer(api, issuer, id, judgeB);
    long first = ChallengeFixtures.apply(api, leadOne, id).getLong("id");
    long second = ChallengeFixtures.apply(api, leadTwo, id).getLong("id");
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    return new Call(id, first, second);
  }

  private static Api.Response score(Account who, long application, int technical, int delivery) {
    return api.put("/api/v1/applications/" + application + "/scores", who.token(),
        ChallengeFixtures.scores(technical, delivery));
  }

  private static List<JsonObject> notifications(Account who, long postingId) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(n -> Long.valueOf(postingId).equals(n.getLong("postingId"))).toList();
  }

  private static Optional<JsonObject> mine(Account who, long postingId) {
    Api.Response r = api.get("/api/v1/reviews/mine", who.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(a -> a.getLong("postingId") == postingId).findFirst();
  }

  private static JsonObject row(long postingId, long applicationId) {
    return api.get("/api/v1/postings/" + postingId + "/review", issuer.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(r -> r.getLong("applicationId") == applicationId).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("assigning a reviewer tells that reviewer alone, with a link to the scoring page")
  void assignmentNotifiesTheReviewer() {
    long id = ChallengeFixtures.call(api, issuer, "评审指派通知揭榜", LocalDate.now(clock).plusDays(3));
    ChallengeFixtures.addReviewer(api, issuer, id, judgeA);
    List<JsonObject> told = notifications(judgeA, id);
    assertThat(told).extracting(n -> n.getString("kind")).containsExactly("review_assigned");
    assertThat(told.get(0).getString("link")).isEqualTo("/postings/" + id + "/score");
    assertThat(told.get(0).getString("title")).contains("评审指派通知揭榜");
    assertThat(notifications(judgeB, id)).as("a reviewer not assigned").isEmpty();
    assertThat(notifications(issuer, id)).as("the issuer who assigned").isEmpty();
    assertThat(api.post("/api/v1/postings/" + id + "/reviewers", issuer.token(),
        new JsonObject().put("userId", judgeA.userId())).status()).isEqualTo(409);
    assertThat(notifications(judgeA, id)).as("a refused second assignment tells nobody").hasSize(1);
  }

  @Test
  @DisplayName("待我评审 lists a reviewer's calls with n/m scored; others never see them; it needs a login")
  void myReviews() {
    Call call = callInReview("待我评审列表揭榜");
    JsonObject before = mine(judgeA, call.id()).orElseThrow();
    assertThat(before.getLong("toScore")).isEqualTo(2);
    assertThat(before.getLong("scored")).isZero();
    assertThat(before.getString("status")).isEqualTo("review");
    assertThat(before.getString("link")).isEqualTo("/postings/" + call.id() + "/score");
    assertThat(score(judgeA, call.first(), 80, 70).status()).isEqualTo(200);
    assertThat(mine(judgeA, call.id()).orElseThrow().getLong("scored")).isEqualTo(1);
    assertThat(mine(judgeB, call.id()).orElseThrow().getLong("scored")).as("each reviewer's own count").isZero();
    assertThat(mine(outsider, call.id())).as("a government account not assigned").isEmpty();
    assertThat(mine(issuer, call.id())).as("the issuer is no reviewer").isEmpty();
    assertThat(mine(leadOne, call.id())).isEmpty();
    assertThat(api.get("/api/v1/reviews/mine", null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("awarding after 1 of 2 reviewers scored is refused (409 reviews_incomplete) unless confirmed, and the confirmation is recorded")
  void awardNeedsConfirmationWhileScoresAreMissing() {
    Call call = callInReview("评审未完成揭榜");
    assertThat(score(judgeA, call.first(), 90, 80).status()).isEqualTo(200);
    assertThat(score(judgeA, call.second(), 60, 60).status()).isEqualTo(200);
    JsonObject progress = row(call.id(), call.first()).getJsonObject("progress");
    assertThat(progress.getLong("scored")).isEqualTo(1);
    assertThat(progress.getLong("expected")).isEqualTo(2);
    assertThat(progress.getJsonArray("missing").getList()).containsExactly("评审乙");

    Api.Response early = api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(), null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.error().getString("code")).isEqualTo("reviews_incomplete");
    assertThat(early.error().getString("message")).contains("尚有 1 位评审未评分", "评审乙", "仍要揭榜吗");
    assertThat(api.post("/api/v1/applications/" + call.first() + "/shortlist", issuer.token(), null).error()
        .getString("code")).as("shortlisting asks the same").isEqualTo("reviews_incomplete");
    assertThat(api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(),
        new JsonObject().put("confirmIncomplete", "yes")).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(),
        new JsonObject().put("confirmIncomplete", false)).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/applications/" + call.first() + "/award", leadOne.token(), CONFIRM).status())
        .as("confirming is no permission").isEqualTo(403);
    assertThat(api.get("/api/v1/applications/" + call.first(), issuer.token()).json().getString("status"))
        .isEqualTo("submitted");

    Api.Response confirmed = api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(), CONFIRM);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().getString("status")).isEqualTo("awarded");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.awarded' AND entity_id = "
        + call.first() + " AND detail->>'confirmIncomplete' = 'true'")).isEqualTo(1);
    assertThat(api.get("/api/v1/postings/" + call.id() + "/timeline", issuer.token()).body())
        .contains("尚有 1 位评审未评分，发布单位确认继续");
  }

  @Test
  @DisplayName("awarding after 2 of 2 reviewers scored needs no confirmation")
  void awardWhenComplete() {
    Call call = callInReview("评审已完成揭榜");
    for (Account judge : List.of(judgeA, judgeB)) {
      assertThat(score(judge, call.first(), 90, 80).status()).isEqualTo(200);
      assertThat(score(judge, call.second(), 70, 70).status()).isEqualTo(200);
    }
    assertThat(row(call.id(), call.first()).getJsonObject("progress").getLong("scored")).isEqualTo(2);
    assertThat(mine(judgeB, call.id()).orElseThrow().getBoolean("complete")).isTrue();
    Api.Response awarded = api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(), null);
    assertThat(awarded.status()).as(awarded.body()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.awarded' AND entity_id = "
        + call.first() + " AND NOT detail ? 'confirmIncomplete'")).isEqualTo(1);
  }

  @Test
  @DisplayName("a reviewer recuses from an application with a reason: no more scoring, the earlier score leaves the totals, "
      + "the issuer sees it and is told, and it no longer counts as missing")
  void recusalFromAnApplication() throws Exception {
    Call call = callInReview("评审回避揭榜");
    assertThat(score(judgeA, call.first(), 100, 100).status()).isEqualTo(200);
    assertThat(score(judgeB, call.first(), 60, 60).status()).isEqualTo(200);
    assertThat(row(call.id(), call.first()).getDouble("weightedTotal")).isEqualTo(80.0);

    String recusal = "/api/v1/applications/" + call.first() + "/recusal";
    assertThat(api.post(recusal, judgeA.token(), new JsonObject()).status()).as("a reason is required").isEqualTo(400);
    assertThat(api.post(recusal, issuer.token(), new JsonObject().put("reason", "发布单位代为回避")).status())
        .as("only the call's reviewers recuse, each for themselves").isEqualTo(403);
    assertThat(api.post(recusal, outsider.token(), new JsonObject().put("reason", "并非评审专家")).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/applications/999999/recusal", judgeA.token(), new JsonObject().put("reason", "不存在的申报"))
        .status()).isEqualTo(404);
    Api.Response recused = api.post(recusal, judgeA.token(), new JsonObject().put("reason", "本人曾担任该企业技术顾问"));
    assertThat(recused.status()).as(recused.body()).isEqualTo(201);
    assertThat(recused.json().getLong("applicationId")).isEqualTo(call.first());
    assertThat(api.post(recusal, judgeA.token(), new JsonObject().put("reason", "再次声明回避")).status()).isEqualTo(409);

    Api.Response again = score(judgeA, call.first(), 100, 100);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.error().getString("message")).contains("已声明回避");
    JsonObject row = row(call.id(), call.first());
    assertThat(row.getDouble("weightedTotal")).as("only judge B's score counts").isEqualTo(60.0);
    assertThat(row.getInteger("reviewerCount")).isEqualTo(1);
    JsonObject progress = row.getJsonObject("progress");
    assertThat(progress.getLong("scored")).isEqualTo(1);
    assertThat(progress.getLong("expected")).isEqualTo(1);
    assertThat(progress.getJsonArray("recused").getJsonObject(0).getString("reason")).isEqualTo("本人曾担任该企业技术顾问");
    assertThat(score(judgeB, call.second(), 70, 70).status()).isEqualTo(200);
    assertThat(mine(judgeA, call.id()).orElseThrow().getLong("toScore")).as("the recused application is not expected")
        .isEqualTo(1);
    JsonArray missing = api.get("/api/v1/postings/" + call.id() + "/review", issuer.token()).json()
        .getJsonArray("reviewersMissing");
    assertThat(missing.getList()).containsExactly("评审甲");
    assertThat(score(judgeA, call.second(), 75, 75).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(), null).status())
        .as("every expected score is in").isEqualTo(200);

    assertThat(notifications(issuer, call.id())).extracting(n -> n.getString("kind")).contains("review_recused");
    assertThat(notifications(judgeB, call.id())).extracting(n -> n.getString("kind")).doesNotContain("review_recused");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.recusal' AND entity_id = "
        + call.first())).isEqualTo(1);
    String csv = new String(api.download("/api/v1/postings/" + call.id() + "/applications/export.csv", issuer.token()).bytes(),
        StandardCharsets.UTF_8);
    assertThat(csv).contains("声明回避", "评审甲：本人曾担任该企业技术顾问", "1/1");
  }

  @Test
  @DisplayName("a reviewer recusing from the whole call scores nothing and is expected for nothing; the automatic rule "
      + "(own organization a confirmed partner) counts as not expected too")
  void recusalFromTheCallAndAutomaticConflict() {
    Call call = callInReview("整体回避揭榜");
    Api.Response recused = api.post("/api/v1/postings/" + call.id() + "/recusal", judgeB.token(),
        new JsonObject().put("reason", "本单位与两家申报单位均有合作"));
    assertThat(recused.status()).as(recused.body()).isEqualTo(201);
    assertThat(recused.json().getValue("applicationId")).isNull();
    assertThat(score(judgeB, call.first(), 80, 80).status()).isEqualTo(403);
    assertThat(score(judgeB, call.second(), 80, 80).status()).isEqualTo(403);
    JsonObject mine = mine(judgeB, call.id()).orElseThrow();
    assertThat(mine.getLong("toScore")).isZero();
    assertThat(mine.getBoolean("recusedFromCall")).isTrue();
    JsonObject table = api.get("/api/v1/postings/" + call.id() + "/review", issuer.token()).json();
    assertThat(table.getJsonArray("recusals").getJsonObject(0).getString("reason")).isEqualTo("本单位与两家申报单位均有合作");
    assertThat(table.getJsonArray("reviewersMissing").getList()).containsExactly("评审甲");

    long id = ChallengeFixtures.call(api, issuer, "自动回避揭榜", LocalDate.now(clock));
    ChallengeFixtures.addReviewer(api, issuer, id, judgeA);
    long consortium = ChallengeFixtures.apply(api, leadOne, id).getLong("id");
    assertThat(api.post("/api/v1/applications/" + consortium + "/partners", leadOne.token(),
        new JsonObject().put("organizationId", judgeA.organizationId())).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/applications/" + consortium + "/partners/" + judgeA.organizationId() + "/confirm",
        judgeA.token(), null).status()).isEqualTo(200);
    JsonObject progress = row(id, consortium).getJsonObject("progress");
    assertThat(progress.getLong("expected")).isZero();
    assertThat(progress.getJsonArray("conflicted").getList()).containsExactly("评审甲");
    assertThat(mine(judgeA, id).orElseThrow().getLong("toScore")).isZero();
    assertThat(mine(judgeA, id).orElseThrow().getLong("excused")).isEqualTo(1);
  }

  @Test
  @DisplayName("recusals close with the review: not once the call is awarded")
  void noRecusalAfterAward() {
    Call call = callInReview("揭榜后回避揭榜");
    assertThat(api.post("/api/v1/applications/" + call.first() + "/award", issuer.token(), CONFIRM).status()).isEqualTo(200);
    Api.Response late = api.post("/api/v1/applications/" + call.second() + "/recusal", judgeA.token(),
        new JsonObject().put("reason", "揭榜后才声明"));
    assertThat(late.status()).isEqualTo(409);
  }
}
