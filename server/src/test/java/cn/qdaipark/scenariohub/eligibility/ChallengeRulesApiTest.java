package cn.qdaipark.scenariohub.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChallengeRulesApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherGovernment;
  private static Account qingdaoProvider;
  private static Account jinanProvider;
  private static Account unverifiedProvider;
  private static Account partnerProvider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局");
    otherGovernment = ChallengeFixtures.verified(app, "government", "青岛市商务局");
    qingdaoProvider = ChallengeFixtures.verified(app, "provider", "青岛黄岛智能装备有限公司");
    jinanProvider = ChallengeFixtures.verified(app, "provider", "济南历下算法科技有限公司");
    unverifiedProvider = ChallengeFixtures.unverified(app, "provider", "青岛未认证科技有限公司");
    partnerProvider = ChallengeFixtures.verified(app, "provider", "青岛联合创新科技有限公司");
    ChallengeFixtures.setRegion(api, qingdaoProvider, "青岛市黄岛区");
    ChallengeFixtures.setRegion(api, jinanProvider, "济南市历下区");
    ChallengeFixtures.setRegion(api, unverifiedProvider, "青岛市市南区");
    ChallengeFixtures.setRegion(api, partnerProvider, "青岛市崂山区");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long call(String title) {
    Api.Response r = api.post("/api/v1/postings", issuer.token(),
        ChallengeFixtures.challenge(title, LocalDate.now(clock).plusDays(30)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static Api.Response setRules(Account who, long call, JsonObject rules) {
    return api.put("/api/v1/postings/" + call + "/rules", who.token(), rules);
  }

  private static long callWithRules(String title, JsonObject rules) {
    long id = call(title);
    Api.Response r = setRules(issuer, id, rules);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return id;
  }

  private static Api.Response apply(Account who, long call, JsonArray solutionIds) {
    return api.post("/api/v1/postings/" + call + "/applications", who.token(),
        ChallengeFixtures.proposal().put("solutionIds", solutionIds));
  }

  private static long solution(Account who, String title, String maturity) {
    Api.Response r = api.post("/api/v1/solutions", who.token(), Fixtures.solution(title).put("maturity", maturity));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  @Test
  @DisplayName("the issuer sets the rules; they are public; a call without rules has the defaults")
  void issuerSetsRules() {
    long id = call("申报条件设置测试");
    JsonObject defaults = api.get("/api/v1/postings/" + id + "/rules", null).json();
    assertThat(defaults.getJsonArray("regions")).isEmpty();
    assertThat(defaults.getBoolean("requireVerified")).isTrue();
    assertThat(defaults.getValue("maxApplicationsPerOrganization")).isNull();

    Api.Response saved = setRules(issuer, id, new JsonObject().put("regions", new JsonArray().add("青岛市"))
        .put("minMaturity", "试点应用").put("maxApplicationsPerOrganization", 2)
        .put("endorsingOrganizationId", otherGovernment.organizationId()));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    JsonObject rules = api.get("/api/v1/postings/" + id + "/rules", null).json();
    assertThat(rules.getJsonArray("regions").getList()).containsExactly("青岛市");
    assertThat(rules.getString("minMaturity")).isEqualTo("试点应用");
    assertThat(rules.getInteger("maxApplicationsPerOrganization")).isEqualTo(2);
    assertThat(rules.getString("endorsingOrganization")).isEqualTo("青岛市商务局");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'posting.rules' AND entity_id = " + id))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("only the issuer (or an admin) sets the rules: another government body and a provider are 403")
  void onlyIssuerSetsRules() {
    long id = call("申报条件权限测试");
    JsonObject rules = new JsonObject().put("regions", new JsonArray().add("青岛市"));
    assertThat(setRules(otherGovernment, id, rules).status()).isEqualTo(403);
    assertThat(setRules(qingdaoProvider, id, rules).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/postings/" + id + "/rules", null, rules).status()).isEqualTo(401);
    assertThat(setRules(new Account(app.adminToken(), 0, 0), id, rules).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("bad rules are 400 naming every bad field; the endorsing body must be a government organization")
  void badRules() {
    long id = call("申报条件校验测试");
    Api.Response bad = setRules(issuer, id, new JsonObject().put("regions", "青岛市").put("minMaturity", "量产")
        .put("requireVerified", "yes").put("maxApplicationsPerOrganization", 21));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().getJsonObject("fields").fieldNames())
        .containsExactlyInAnyOrder("regions", "minMaturity", "requireVerified", "maxApplicationsPerOrganization");
    Api.Response zero = setRules(issuer, id, new JsonObject().put("maxApplicationsPerOrganization", 0));
    assertThat(zero.error().getJsonObject("fields").getString("maxApplicationsPerOrganization")).contains("1 到 20");
    Api.Response provider = setRules(issuer, id, new JsonObject().put("endorsingOrganizationId", qingdaoProvider.organizationId()));
    assertThat(provider.status()).isEqualTo(400);
    assertThat(provider.error().getJsonObject("fields").getString("endorsingOrganizationId")).contains("政府部门");
    Api.Response missing = setRules(issuer, id, new JsonObject().put("endorsingOrganizationId", 999_999));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error().getJsonObject("fields").getString("endorsingOrganizationId")).contains("不存在");
    assertThat(api.get("/api/v1/postings/" + id + "/rules", null).json().getValue("endorsingOrganizationId")).isNull();
  }

  @Test
  @DisplayName("once anyone has applied the rules are fixed (409), and a demand has no rules")
  void rulesFixedOnceApplied() {
    long id = call("申报条件锁定测试");
    assertThat(apply(qingdaoProvider, id, new JsonArray()).status()).isEqualTo(201);
    Api.Response late = setRules(issuer, id, new JsonObject().put("regions", new JsonArray().add("济南市")));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error().getString("message")).contains("已有单位申报");
    long demand = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "场景需求测试")).json().getLong("id");
    assertThat(setRules(issuer, demand, new JsonObject()).status()).isEqualTo(409);
  }

  @Test
  @DisplayName("a lead organization outside the allowed regions is refused with the rule named; a district of an allowed city is in")
  void regionRule() {
    long id = callWithRules("地区限定测试", new JsonObject().put("regions", new JsonArray().add("青岛市")));
    Api.Response refused = apply(jinanProvider, id, new JsonArray());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error().getString("message")).contains("限定牵头单位所在地区为：青岛市").contains("济南市历下区");
    assertThat(apply(qingdaoProvider, id, new JsonArray()).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("with a minimum maturity at least one offered solution must reach it, so a solution becomes required")
  void maturityRule() {
    long id = callWithRules("成熟度测试", new JsonObject().put("minMaturity", "试点应用"));
    long prototype = solution(qingdaoProvider, "原型阶段的识别系统", "原型验证");
    long pilot = solution(qingdaoProvider, "试点中的识别系统", "试点应用");
    Api.Response none = apply(qingdaoProvider, id, new JsonArray());
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.error().getJsonObject("fields").getString("solutionIds")).contains("成熟度达到「试点应用」");
    Api.Response tooLow = apply(qingdaoProvider, id, new JsonArray().add(prototype));
    assertThat(tooLow.status()).isEqualTo(400);
    Api.Response ok = apply(qingdaoProvider, id, new JsonArray().add(prototype).add(pilot));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    Api.Response edit = api.put("/api/v1/applications/" + ok.json().getLong("id"), qingdaoProvider.token(),
        ChallengeFixtures.proposal().put("solutionIds", new JsonArray().add(prototype))
            .put("version", ok.json().getInteger("version")));
    assertThat(edit.status()).isEqualTo(400);
    assertThat(edit.error().getJsonObject("fields").getString("solutionIds")).contains("试点应用");
  }

  @Test
  @DisplayName("an unverified organization is refused by default and admitted when the call does not require verification")
  void verificationRule() {
    long strict = call("认证要求测试");
    Api.Response refused = apply(unverifiedProvider, strict, new JsonArray());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error().getString("message")).contains("尚未通过平台认证");
    long open = callWithRules("不要求认证测试", new JsonObject().put("requireVerified", false));
    assertThat(apply(unverifiedProvider, open, new JsonArray()).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("the per-organization limit counts applications as lead and as partner, on submit, invitation and confirmation")
  void perOrganizationLimit() {
    long id = callWithRules("单位申报数量限制测试", new JsonObject().put("maxApplicationsPerOrganization", 1));
    long lead = apply(qingdaoProvider, id, new JsonArray()).json().getLong("id");
    api.post("/api/v1/applications/" + lead + "/partners", qingdaoProvider.token(),
        new JsonObject().put("organizationId", partnerProvider.organizationId()));
    Api.Response asLead = apply(partnerProvider, id, new JsonArray());
    assertThat(asLead.status()).isEqualTo(409);
    assertThat(asLead.error().getString("message")).contains("最多参与 1 份申报").contains("已参与 1 份");

    long other = apply(jinanProvider, id, new JsonArray()).json().getLong("id");
    Api.Response invite = api.post("/api/v1/applications/" + other + "/partners", jinanProvider.token(),
        new JsonObject().put("organizationId", partnerProvider.organizationId()));
    assertThat(invite.status()).isEqualTo(409);
    assertThat(invite.error().getString("message")).contains("青岛联合创新科技有限公司");
    assertThat(api.post("/api/v1/applications/" + lead + "/partners/" + partnerProvider.organizationId() + "/confirm",
        partnerProvider.token(), null).status()).isEqualTo(200);

    api.post("/api/v1/applications/" + lead + "/withdraw", qingdaoProvider.token(), null);
    assertThat(apply(partnerProvider, id, new JsonArray()).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("invitations count before they are confirmed: at the limit an organization cannot lead, yet confirms what it joined")
  void invitationsCount() {
    long id = callWithRules("确认时数量限制测试", new JsonObject().put("maxApplicationsPerOrganization", 2));
    long first = apply(qingdaoProvider, id, new JsonArray()).json().getLong("id");
    long second = apply(jinanProvider, id, new JsonArray()).json().getLong("id");
    for (long a : new long[] {first, second}) {
      Api.Response invited = api.post("/api/v1/applications/" + a + "/partners",
          a == first ? qingdaoProvider.token() : jinanProvider.token(),
          new JsonObject().put("organizationId", partnerProvider.organizationId()));
      assertThat(invited.status()).as(invited.body()).isEqualTo(200);
    }
    Api.Response third = apply(partnerProvider, id, new JsonArray());
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.error().getString("message")).contains("最多参与 2 份申报");
    for (long a : new long[] {first, second}) {
      Api.Response confirmed = api.post("/api/v1/applications/" + a + "/partners/" + partnerProvider.organizationId()
          + "/confirm", partnerProvider.token(), null);
      assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("two invitations at once of an organization at a limit of 1: exactly one succeeds")
  void concurrentInvitations() throws Exception {
    long id = callWithRules("并发邀请测试", new JsonObject().put("maxApplicationsPerOrganization", 1));
    Account[] leads = {qingdaoProvider, jinanProvider};
    long[] applications = new long[2];
    for (int i = 0; i < 2; i++) {
      applications[i] = apply(leads[i], id, new JsonArray()).json().getLong("id");
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> invitations = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        int n = i;
        invitations.add(pool.submit(() -> api.post("/api/v1/applications/" + applications[n] + "/partners",
            leads[n].token(), new JsonObject().put("organizationId", partnerProvider.organizationId())).status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : invitations) {
        statuses.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(app.count("SELECT count(*) FROM application_partners WHERE organization_id = "
        + partnerProvider.organizationId() + " AND application_id IN (" + applications[0] + ", " + applications[1] + ")"))
        .isEqualTo(1);
  }
}
