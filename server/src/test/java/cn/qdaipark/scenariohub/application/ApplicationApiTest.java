package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApplicationApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account government;
  private static Account provider;
  private static Account otherProvider;
  private static Account unverifiedProvider;
  private static Account buyer;
  private static final List<Account> partners = new ArrayList<>();

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    government = ChallengeFixtures.verified(app, "government", "青岛市交通运输局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    otherProvider = ChallengeFixtures.verified(app, "provider", "青岛云算数据服务有限公司");
    unverifiedProvider = ChallengeFixtures.unverified(app, "provider", "青岛新创人工智能有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛地铁集团");
    for (int i = 1; i <= 5; i++) {
      partners.add(ChallengeFixtures.verified(app, "provider", "联合体成员单位" + i));
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long call(LocalDate deadline) {
    Api.Response r = api.post("/api/v1/postings", government.token(), ChallengeFixtures.challenge("港区安防揭榜", deadline));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static long openCall() {
    return call(LocalDate.now(clock).plusDays(30));
  }

  private static Api.Response apply(Account who, long call, JsonObject proposal) {
    return api.post("/api/v1/postings/" + call + "/applications", who.token(), proposal);
  }

  private static JsonObject applied(Account who, long call) {
    Api.Response r = apply(who, call, ChallengeFixtures.proposal());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  @DisplayName("a verified provider applies to an open call with a structured proposal and one of its published solutions")
  void providerApplies() {
    long call = openCall();
    long solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("夜间周界入侵识别系统")).json().getLong("id");
    Api.Response r = apply(provider, call, ChallengeFixtures.proposal().put("solutionIds", new JsonArray().add(solution)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject a = r.json();
    assertThat(a.getString("status")).isEqualTo("submitted");
    assertThat(a.getLong("leadOrganizationId")).isEqualTo(provider.organizationId());
    assertThat(a.getJsonObject("proposal").getJsonArray("requirementAnswers")).hasSize(2);
    assertThat(a.getJsonArray("solutionIds").getLong(0)).isEqualTo(solution);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.submit' AND entity_id = "
        + a.getLong("id"))).isEqualTo(1);
  }

  @Test
  @DisplayName("a second application of the same lead to the same call is 409; after withdrawing it may apply again")
  void oneApplicationPerLead() {
    long call = openCall();
    JsonObject first = applied(provider, call);
    Api.Response twice = apply(provider, call, ChallengeFixtures.proposal());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error().getString("message")).contains("只能提交一份申报");
    assertThat(api.post("/api/v1/applications/" + first.getLong("id") + "/withdraw", provider.token(), null)
        .json().getString("status")).isEqualTo("withdrawn");
    assertThat(apply(provider, call, ChallengeFixtures.proposal()).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("only verified providers apply: buyers and government are 403, an unverified organization is told to get verified")
  void eligibility() {
    long call = openCall();
    assertThat(apply(buyer, call, ChallengeFixtures.proposal()).status()).isEqualTo(403);
    assertThat(apply(government, call, ChallengeFixtures.proposal()).status()).isEqualTo(403);
    Api.Response unverified = apply(unverifiedProvider, call, ChallengeFixtures.proposal());
    assertThat(unverified.status()).isEqualTo(403);
    assertThat(unverified.error().getString("message")).contains("尚未通过平台认证");
  }

  @Test
  @DisplayName("the proposal must answer every 考核指标, stay within the call's funding, and offer only the lead's own solutions")
  void proposalChecked() {
    long call = openCall();
    JsonObject partial = ChallengeFixtures.proposal().put("requirementAnswers", new JsonArray()
        .add(new JsonObject().put("requirement", "夜间识别准确率≥95%").put("answer", "97%")))
        .put("budgetWan", 500).put("approach", "");
    Api.Response r = apply(provider, call, partial);
    assertThat(r.status()).isEqualTo(400);
    JsonObject fields = r.error().getJsonObject("fields");
    assertThat(fields.getString("requirementAnswers")).contains("告警延迟≤2秒");
    assertThat(fields.getString("budgetWan")).contains("120");
    assertThat(fields.fieldNames()).contains("approach");
    long foreign = api.post("/api/v1/solutions", otherProvider.token(), Fixtures.solution("别家的方案")).json().getLong("id");
    Api.Response borrowed = apply(provider, call, ChallengeFixtures.proposal().put("solutionIds", new JsonArray().add(foreign)));
    assertThat(borrowed.status()).isEqualTo(400);
    assertThat(borrowed.error().getJsonObject("fields").getString("solutionIds")).contains("本单位");
  }

  @Test
  @DisplayName("demands and calls that are not open take no applications")
  void onlyOpenCalls() {
    long demand = api.post("/api/v1/postings", buyer.token(), Fixtures.posting("demand", "地铁客流预测需求")).json().getLong("id");
    assertThat(apply(provider, demand, ChallengeFixtures.proposal()).status()).isEqualTo(409);
    long closed = openCall();
    api.post("/api/v1/postings/" + closed + "/close", government.token(), null);
    assertThat(apply(provider, closed, ChallengeFixtures.proposal()).error().getString("message")).contains("不接受申报");
  }

  @Test
  @DisplayName("after the deadline nothing changes: no new application, no edit, no withdrawal, no new partner")
  void nothingAfterDeadline() {
    long call = call(LocalDate.now(clock));
    JsonObject a = applied(provider, call);
    clock.advance(Duration.ofDays(1));
    long id = a.getLong("id");
    Api.Response late = apply(otherProvider, call, ChallengeFixtures.proposal());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error().getString("message")).contains("截止");
    assertThat(api.put("/api/v1/applications/" + id, provider.token(),
        ChallengeFixtures.proposal().put("version", a.getInteger("version"))).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/applications/" + id + "/withdraw", provider.token(), null).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/applications/" + id + "/partners", provider.token(),
        new JsonObject().put("organizationId", partners.get(0).organizationId())).status()).isEqualTo(409);
    assertThat(api.get("/api/v1/applications/" + id, provider.token()).json().getString("status")).isEqualTo("submitted");
  }

  @Test
  @DisplayName("the lead edits its application until the deadline; a stale version is 409")
  void editWithVersion() {
    long call = openCall();
    JsonObject a = applied(provider, call);
    long id = a.getLong("id");
    JsonObject edit = ChallengeFixtures.proposal().put("team", "算法工程师8人").put("version", a.getInteger("version"));
    Api.Response ok = api.put("/api/v1/applications/" + id, provider.token(), edit);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().getJsonObject("proposal").getString("team")).isEqualTo("算法工程师8人");
    assertThat(api.put("/api/v1/applications/" + id, provider.token(), edit).status()).isEqualTo(409);
    assertThat(api.put("/api/v1/applications/" + id, otherProvider.token(),
        edit.copy().put("version", ok.json().getInteger("version"))).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a consortium takes at most 4 partners: the fifth is refused with a clear message")
  void fifthPartnerRefused() {
    long call = openCall();
    long id = applied(provider, call).getLong("id");
    for (int i = 0; i < 4; i++) {
      Api.Response r = api.post("/api/v1/applications/" + id + "/partners", provider.token(),
          new JsonObject().put("organizationId", partners.get(i).organizationId()));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    Api.Response fifth = api.post("/api/v1/applications/" + id + "/partners", provider.token(),
        new JsonObject().put("organizationId", partners.get(4).organizationId()));
    assertThat(fifth.status()).isEqualTo(409);
    assertThat(fifth.error().getString("message")).contains("最多 4 家");
    assertThat(app.count("SELECT count(*) FROM application_partners WHERE application_id = " + id)).isEqualTo(4);
  }

  @Test
  @DisplayName("partners are added by the lead only, once each, never the lead itself, and confirm by themselves")
  void partnersConfirm() {
    long call = openCall();
    long id = applied(provider, call).getLong("id");
    Account partner = partners.get(0);
    JsonObject body = new JsonObject().put("organizationId", partner.organizationId());
    assertThat(api.post("/api/v1/applications/" + id + "/partners", provider.token(), body).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/applications/" + id + "/partners", partner.token(),
        new JsonObject().put("organizationId", partners.get(1).organizationId())).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/applications/" + id + "/partners", provider.token(), body).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/applications/" + id + "/partners", provider.token(),
        new JsonObject().put("organizationId", provider.organizationId())).status()).isEqualTo(400);
    String confirm = "/api/v1/applications/" + id + "/partners/" + partner.organizationId() + "/confirm";
    assertThat(api.post(confirm, provider.token(), null).status()).isEqualTo(403);
    Api.Response confirmed = api.post(confirm, partner.token(), null);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().getJsonArray("partners").getJsonObject(0).getBoolean("confirmed")).isTrue();
    assertThat(api.get("/api/v1/applications/" + id, partner.token()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("the issuing organization never joins a consortium applying to its own call: not invited, not confirmed")
  void issuerNeverPartner() {
    long call = openCall();
    long id = applied(provider, call).getLong("id");
    Api.Response invited = api.post("/api/v1/applications/" + id + "/partners", provider.token(),
        new JsonObject().put("organizationId", government.organizationId()));
    assertThat(invited.status()).isEqualTo(400);
    assertThat(invited.error().getJsonObject("fields").getString("organizationId"))
        .isEqualTo("发布单位不能加入申报本单位榜单的联合体");
    assertThat(app.count("SELECT count(*) FROM application_partners WHERE application_id = " + id)).isZero();
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'partner_invited' AND posting_id = " + call))
        .isZero();

    // an invitation left from before the rule: the issuer's members cannot confirm it
    app.pool().query("INSERT INTO application_partners (application_id, organization_id) VALUES (" + id + ", "
        + government.organizationId() + ")").execute().await();
    Api.Response confirmed = api.post("/api/v1/applications/" + id + "/partners/" + government.organizationId()
        + "/confirm", government.token(), null);
    assertThat(confirmed.status()).isEqualTo(403);
    assertThat(confirmed.error().getString("message")).isEqualTo("发布单位不能加入申报本单位榜单的联合体");
    assertThat(app.count("SELECT count(*) FROM application_partners WHERE application_id = " + id
        + " AND confirmed_at IS NOT NULL")).isZero();
  }

  @Test
  @DisplayName("the issuer sees every application to its call, a provider only its own, others none")
  void visibility() {
    long call = openCall();
    long mine = applied(provider, call).getLong("id");
    long theirs = applied(otherProvider, call).getLong("id");
    String path = "/api/v1/postings/" + call + "/applications";
    assertThat(api.get(path, government.token()).json().getInteger("total")).isEqualTo(2);
    JsonArray own = api.get(path, provider.token()).json().getJsonArray("items");
    assertThat(own.stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(mine);
    assertThat(api.get(path, buyer.token()).json().getInteger("total")).isZero();
    assertThat(api.get(path, null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/applications/" + theirs, provider.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/applications/" + theirs, government.token()).status()).isEqualTo(200);
  }
}
