package cn.qdaipark.scenariohub.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  /** Nobody scored in these stories: the issuer decides knowingly (the rule itself is tested in ReviewWorkflowApiTest). */
  private static final JsonObject CONFIRM_INCOMPLETE = new JsonObject().put("confirmIncomplete", true);
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account reviewer;
  private static Account conflicted;
  private static Account lead;
  private static Account consortiumLead;
  private static Account provider;
  private static Account invitee;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市大数据发展管理局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市科技创新促进中心");
    conflicted = ChallengeFixtures.verified(app, "government", "青岛市人工智能研究院");
    lead = ChallengeFixtures.verified(app, "provider", "青岛深瞳视觉科技有限公司");
    consortiumLead = ChallengeFixtures.verified(app, "provider", "青岛海联智算科技有限公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛旁观者科技有限公司");
    invitee = ChallengeFixtures.verified(app, "provider", "青岛未确认成员科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /**
   * A call with a 60/40 rubric, two reviewers, and two applications: the second with the conflicted body as a
   * confirmed partner and the invitee invited but never confirmed.
   */
  private record Call(long id, long solo, long consortium) {
  }

  private static Call callWithApplications() {
    long id = ChallengeFixtures.call(api, issuer, "城市视频智能分析揭榜", LocalDate.now(clock));
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, id, reviewer);
    ChallengeFixtures.addReviewer(api, issuer, id, conflicted);
    long solo = ChallengeFixtures.apply(api, lead, id).getLong("id");
    long consortium = ChallengeFixtures.apply(api, consortiumLead, id).getLong("id");
    invite(consortium, conflicted);
    Api.Response confirmed = api.post("/api/v1/applications/" + consortium + "/partners/" + conflicted.organizationId()
        + "/confirm", conflicted.token(), null);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    invite(consortium, invitee);
    return new Call(id, solo, consortium);
  }

  private static void invite(long consortium, Account partner) {
    Api.Response invited = api.post("/api/v1/applications/" + consortium + "/partners", consortiumLead.token(),
        new JsonObject().put("organizationId", partner.organizationId()));
    assertThat(invited.status()).as(invited.body()).isEqualTo(200);
  }

  /** The "N / 100" of the park's scenario target on the public home page. */
  private static long scenariosOnHomePage() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("aria-valuenow=\"(\\d+)\"").matcher(api.get("/", null).body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The calls on their way to a scenario (揭榜成功 to 验收中), as the home page's counter shows them. */
  private static long pipelineCallsOnHomePage() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"pipeline\"[^>]*>.*?<strong>(\\d+)</strong>",
        java.util.regex.Pattern.DOTALL).matcher(api.get("/", null).body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static void passDeadline() {
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
  }

  private static Api.Response score(Account who, long application, int technical, int delivery) {
    return api.put("/api/v1/applications/" + application + "/scores", who.token(),
        ChallengeFixtures.scores(technical, delivery));
  }

  private static Api.Response move(long call, String to) {
    return api.post("/api/v1/postings/" + call + "/transitions", issuer.token(), new JsonObject().put("to", to));
  }

  @Test
  @DisplayName("a rubric must come from the issuer and its weights must sum to 100; it is public")
  void rubricRules() {
    long id = ChallengeFixtures.call(api, issuer, "评分标准测试", LocalDate.now(clock).plusDays(9));
    Api.Response bad = api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(50, 40));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().getJsonObject("fields").getString("criteria")).contains("之和必须为 100");
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", reviewer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(403);
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/postings/" + id + "/rubric", null).json().getJsonArray("criteria")).hasSize(2);
  }

  @Test
  @DisplayName("reviewers are government accounts the issuer assigns, each once")
  void reviewerRules() {
    long id = ChallengeFixtures.call(api, issuer, "评审专家测试", LocalDate.now(clock).plusDays(9));
    String path = "/api/v1/postings/" + id + "/reviewers";
    Api.Response notGovernment = api.post(path, issuer.token(), new JsonObject().put("userId", provider.userId()));
    assertThat(notGovernment.status()).isEqualTo(400);
    assertThat(notGovernment.error().getJsonObject("fields").getString("userId")).contains("政府部门账号");
    assertThat(api.post(path, reviewer.token(), new JsonObject().put("userId", reviewer.userId())).status()).isEqualTo(403);
    assertThat(api.post(path, issuer.token(), new JsonObject().put("userId", reviewer.userId())).status()).isEqualTo(200);
    assertThat(api.post(path, issuer.token(), new JsonObject().put("userId", reviewer.userId())).status()).isEqualTo(409);
    assertThat(api.get(path, issuer.token()).json().getJsonArray("items").getJsonObject(0).getLong("userId"))
        .isEqualTo(reviewer.userId());
  }

  @Test
  @DisplayName("an unverified government organization's account cannot be assigned as reviewer, with a clear message")
  void unverifiedReviewerRefused() {
    Account unverified = ChallengeFixtures.unverified(app, "government", "青岛市未认证评审中心");
    long id = ChallengeFixtures.call(api, issuer, "未认证评审专家测试", LocalDate.now(clock).plusDays(9));
    Api.Response refused = api.post("/api/v1/postings/" + id + "/reviewers", issuer.token(),
        new JsonObject().put("userId", unverified.userId()));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error().getJsonObject("fields").getString("userId"))
        .isEqualTo("该账号所属的政府部门尚未通过平台认证，不能担任评审专家");
    assertThat(app.count("SELECT count(*) FROM challenge_reviewers WHERE posting_id = " + id)).isZero();
  }

  @Test
  @DisplayName("an invitation never confirmed is no conflict of interest and no member: the invitee's reviewer scores, "
      + "the table and the exports leave it out")
  void unconfirmedInvitationIsNoMember() throws Exception {
    long id = ChallengeFixtures.call(api, issuer, "未确认邀请测试揭榜", LocalDate.now(clock));
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, id, reviewer);
    long consortium = ChallengeFixtures.apply(api, consortiumLead, id).getLong("id");
    invite(consortium, reviewer);
    passDeadline();

    assertThat(score(reviewer, consortium, 80, 70).status()).as("a bare invitation bars no reviewer").isEqualTo(200);
    JsonObject row = api.get("/api/v1/postings/" + id + "/review", issuer.token()).json().getJsonArray("items")
        .getJsonObject(0);
    assertThat(row.getLong("applicationId")).isEqualTo(consortium);
    assertThat(row.getJsonArray("partners")).isEmpty();
    String path = "/api/v1/postings/" + id + "/applications/export";
    String csv = new String(api.download(path + ".csv", issuer.token()).bytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(csv).contains("青岛海联智算科技有限公司").doesNotContain("青岛市科技创新促进中心");
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(api.download(path + ".xlsx", issuer.token()).bytes()))) {
      var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
      assertThat(formatter.formatCellValue(book.getSheetAt(0).getRow(1).getCell(2))).isEqualTo("青岛海联智算科技有限公司");
      assertThat(formatter.formatCellValue(book.getSheetAt(0).getRow(1).getCell(3))).isEmpty();
    }
  }

  @Test
  @DisplayName("an application whose consortium counts the issuer itself (confirmed before the rule) is never shortlisted or awarded")
  void issuerMemberNeverAwarded() {
    long id = ChallengeFixtures.call(api, issuer, "发布单位联合体测试揭榜", LocalDate.now(clock));
    long consortium = ChallengeFixtures.apply(api, consortiumLead, id).getLong("id");
    app.pool().query("INSERT INTO application_partners (application_id, organization_id, confirmed_at) VALUES ("
        + consortium + ", " + issuer.organizationId() + ", now())").execute().await();
    passDeadline();
    for (String decision : List.of("shortlist", "award")) {
      Api.Response refused = api.post("/api/v1/applications/" + consortium + "/" + decision, issuer.token(), null);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.error().getString("message")).contains("利益冲突", "发布单位");
    }
    assertThat(api.get("/api/v1/applications/" + consortium, issuer.token()).json().getString("status"))
        .isEqualTo("submitted");
  }

  @Test
  @DisplayName("reviewers score only while the call is in review, only if assigned, never their own organization's application")
  void scoringRules() {
    Call call = callWithApplications();
    Api.Response early = score(reviewer, call.solo(), 80, 70);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.error().getString("message")).contains("评审中");
    passDeadline();
    assertThat(score(issuer, call.solo(), 80, 70).status()).isEqualTo(403);
    Api.Response conflict = score(conflicted, call.consortium(), 90, 90);
    assertThat(conflict.status()).isEqualTo(403);
    assertThat(conflict.error().getString("message")).contains("利益冲突");
    assertThat(score(conflicted, call.solo(), 70, 60).status()).isEqualTo(200);
    Api.Response partial = api.put("/api/v1/applications/" + call.solo() + "/scores", reviewer.token(),
        new JsonObject().put("scores", new JsonArray().add(new JsonObject().put("criterion", "技术方案").put("score", 80))));
    assertThat(partial.status()).isEqualTo(400);
    assertThat(partial.error().getJsonObject("fields").getString("scores")).contains("实施能力");
    assertThat(score(reviewer, call.solo(), 101, 50).status()).isEqualTo(400);
    assertThat(api.put("/api/v1/postings/" + call.id() + "/rubric", issuer.token(), ChallengeFixtures.rubric(50, 50))
        .status()).isEqualTo(409);
  }

  @Test
  @DisplayName("the issuer's table ranks applications by weighted total with per-criterion averages and the reviewers' spread")
  void reviewTable() {
    Call call = callWithApplications();
    passDeadline();
    score(reviewer, call.solo(), 90, 80);
    score(conflicted, call.solo(), 70, 60);
    score(reviewer, call.consortium(), 60, 60);
    assertThat(api.get("/api/v1/postings/" + call.id() + "/review", lead.token()).status()).isEqualTo(403);
    JsonObject table = api.get("/api/v1/postings/" + call.id() + "/review", issuer.token()).json();
    JsonObject first = table.getJsonArray("items").getJsonObject(0);
    assertThat(first.getLong("applicationId")).isEqualTo(call.solo());
    assertThat(first.getDouble("weightedTotal")).isEqualTo(76.0);
    assertThat(first.getDouble("spread")).isEqualTo(20.0);
    assertThat(first.getJsonArray("criteria").getJsonObject(0).getDouble("average")).isEqualTo(80.0);
    assertThat(table.getJsonArray("items").getJsonObject(1).getJsonArray("partners")).containsExactly("青岛市人工智能研究院");
  }

  @Test
  @DisplayName("the issuer hears of new applications, and every organization of an application of its decisions")
  void workflowNotifications() {
    Call call = callWithApplications();
    assertThat(kinds(issuer, call.id())).containsExactly("application_received", "application_received");
    passDeadline();
    api.post("/api/v1/applications/" + call.consortium() + "/shortlist", issuer.token(), CONFIRM_INCOMPLETE);
    assertThat(kinds(consortiumLead, call.id())).containsExactly("application_shortlisted");
    assertThat(kinds(conflicted, call.id())).as("the confirmed partner, also an assigned reviewer")
        .containsExactlyInAnyOrder("review_assigned", "partner_invited", "application_shortlisted");
    assertThat(kinds(invitee, call.id())).as("the partner organization invited but never confirmed")
        .containsExactly("partner_invited");
    assertThat(kinds(lead, call.id())).as("the other applicant").isEmpty();
  }

  private static List<String> kinds(Account who, long postingId) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(n -> Long.valueOf(postingId).equals(n.getLong("postingId"))).map(n -> n.getString("kind")).toList();
  }

  @Test
  @DisplayName("the issuer downloads the ranked applications with their scores as CSV and XLSX; nobody else may")
  void exportApplications() throws Exception {
    Call call = callWithApplications();
    passDeadline();
    score(reviewer, call.solo(), 90, 80);
    String path = "/api/v1/postings/" + call.id() + "/applications/export";
    Api.Download csv = api.download(path + ".csv", issuer.token());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String text = new String(csv.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF排名,申报编号,牵头单位").contains("技术方案（权重60）平均分")
        .contains("青岛深瞳视觉科技有限公司").contains("青岛市人工智能研究院").contains("86");

    Api.Download xlsx = api.download(path + ".xlsx", issuer.token());
    assertThat(xlsx.status()).isEqualTo(200);
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.bytes()))) {
      var sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("牵头单位");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("青岛深瞳视觉科技有限公司");
    }
    assertThat(api.download(path + ".csv", lead.token()).status()).isEqualTo(403);
    assertThat(api.download(path + ".xlsx", null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("shortlisting and awarding move the call; publishing opens a 7-day objection period; delivery waits for it")
  void awardPublishObjectDeliver() {
    Call call = callWithApplications();
    long scenariosBefore = scenariosOnHomePage();
    long pipelineBefore = pipelineCallsOnHomePage();
    assertThat(api.post("/api/v1/applications/" + call.solo() + "/shortlist", issuer.token(), null).status()).isEqualTo(409);
    passDeadline();
    assertThat(move(call.id(), "awarded").error().getString("message")).contains("揭榜单位");
    assertThat(api.post("/api/v1/applications/" + call.solo() + "/shortlist", lead.token(), null).status()).isEqualTo(403);
    Api.Response shortlisted = api.post("/api/v1/applications/" + call.solo() + "/shortlist", issuer.token(),
        CONFIRM_INCOMPLETE);
    assertThat(shortlisted.status()).as(shortlisted.body()).isEqualTo(200);
    assertThat(shortlisted.json().getString("status")).isEqualTo("shortlisted");
    assertThat(status(call.id())).isEqualTo("shortlisted");
    assertThat(api.post("/api/v1/applications/" + call.solo() + "/award", issuer.token(), CONFIRM_INCOMPLETE).json()
        .getString("status"))
        .isEqualTo("awarded");
    assertThat(status(call.id())).isEqualTo("awarded");
    assertThat(scenariosOnHomePage()).as("an awarded call is not yet a demonstration scenario").isEqualTo(scenariosBefore);
    assertThat(pipelineCallsOnHomePage()).as("an awarded call is in the pipeline").isEqualTo(pipelineBefore + 1);
    assertThat(move(call.id(), "in_delivery").status()).isEqualTo(409);
    assertThat(move(call.id(), "result_published").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/applications/" + call.consortium(), consortiumLead.token()).json().getString("status"))
        .isEqualTo("not_awarded");

    JsonObject result = api.get("/api/v1/results", null).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(o -> o.getLong("postingId") == call.id()).findFirst().orElseThrow();
    assertThat(result.getJsonArray("winners").getJsonObject(0).getString("leadOrganization")).isEqualTo("青岛深瞳视觉科技有限公司");
    assertThat(result.getString("objectionUntil")).isNotBlank();

    String objections = "/api/v1/postings/" + call.id() + "/objections";
    Api.Response objection = api.post(objections, provider.token(),
        new JsonObject().put("text", "中选单位的夜间识别准确率数据未经第三方检测，请核实。"));
    assertThat(objection.status()).as(objection.body()).isEqualTo(201);
    assertThat(kinds(issuer, call.id())).contains("objection_received");
    Api.Response early = move(call.id(), "in_delivery");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.error().getString("message")).contains("异议期");

    clock.advance(Duration.ofDays(8));
    Api.Response late = api.post(objections, consortiumLead.token(), new JsonObject().put("text", "异议期结束后才提出的异议内容。"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error().getString("message")).contains("异议期已于");
    Api.Response unanswered = move(call.id(), "in_delivery");
    assertThat(unanswered.error().getString("message")).contains("尚未答复");

    String answer = "/api/v1/objections/" + objection.json().getLong("id") + "/answer";
    assertThat(api.post(answer, provider.token(), new JsonObject().put("text", "无权答复")).status()).isEqualTo(403);
    assertThat(api.post(answer, issuer.token(), new JsonObject().put("text", "已核实第三方检测报告。")).status()).isEqualTo(200);
    assertThat(api.post(answer, issuer.token(), new JsonObject().put("text", "再次答复")).status()).isEqualTo(409);
    assertThat(api.get(objections, provider.token()).json().getJsonArray("items").getJsonObject(0).getString("answer"))
        .isEqualTo("已核实第三方检测报告。");
    assertThat(api.get(objections, consortiumLead.token()).json().getJsonArray("items")).isEmpty();
    assertThat(move(call.id(), "in_delivery").status()).isEqualTo(200);
    assertThat(move(call.id(), "landed").status()).as("a call lands through its acceptance").isEqualTo(409);
  }

  @Test
  @DisplayName("objections need a published result; a call closed without award (流榜) leaves every application not awarded")
  void unawarded() {
    Call call = callWithApplications();
    passDeadline();
    assertThat(api.post("/api/v1/postings/" + call.id() + "/objections", provider.token(),
        new JsonObject().put("text", "结果尚未公示时提出的异议。")).status()).isEqualTo(409);
    assertThat(move(call.id(), "unawarded").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/applications/" + call.solo(), lead.token()).json().getString("status")).isEqualTo("not_awarded");
    assertThat(api.post("/api/v1/applications/" + call.solo() + "/award", issuer.token(), null).status()).isEqualTo(409);
  }

  private static String status(long call) {
    return api.get("/api/v1/postings/" + call, null).json().getString("status");
  }
}
