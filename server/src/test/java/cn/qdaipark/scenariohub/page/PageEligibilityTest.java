package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages of the application rules (申报条件) and endorsement (推荐单位)")
class PageEligibilityTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account endorser;
  private static Account provider;
  private static Account outsider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市大数据发展管理局");
    endorser = ChallengeFixtures.verified(app, "government", "青岛市崂山区科技局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛崂山视觉科技有限公司");
    outsider = ChallengeFixtures.verified(app, "provider", "烟台芝罘智能科技有限公司");
    ChallengeFixtures.setRegion(api, provider, "青岛市崂山区");
    ChallengeFixtures.setRegion(api, outsider, "烟台市芝罘区");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  private static long call(String title) {
    Api.Response created = api.post("/api/v1/postings", issuer.token(),
        ChallengeFixtures.challenge(title, LocalDate.now(clock).plusDays(20)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  @Test
  @DisplayName("the issuer sets the rules on the review page; bad input is re-shown with messages; the call page shows them")
  void rulesForm() {
    long id = call("申报条件页面测试");
    PageClient me = as(issuer);
    assertThat(me.get("/postings/" + id + "/review").body()).contains("id=\"rules-form\"");
    Map<String, String> bad = new HashMap<>(Map.of("regions", "青岛市", "maxApplicationsPerOrganization", "abc",
        "requireVerified", "true", "endorsingOrganization", "不存在的推荐单位"));
    HttpResponse<String> refused = me.post("/postings/" + id + "/rules", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"limit-error\"").contains("必须是整数").contains("value=\"abc\"");
    bad.put("maxApplicationsPerOrganization", "2");
    refused = me.post("/postings/" + id + "/rules", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"endorsing-error\"").contains("「不存在的推荐单位」不存在");

    Map<String, String> good = new HashMap<>(Map.of("regions", "青岛市\n烟台市", "minMaturity", "试点应用",
        "maxApplicationsPerOrganization", "2", "requireVerified", "true", "endorsingOrganization", "青岛市崂山区科技局"));
    HttpResponse<String> saved = me.post("/postings/" + id + "/rules", good);
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("location").orElse("")).contains("notice=rules");
    assertThat(as(endorser).post("/postings/" + id + "/rules", good).statusCode()).isEqualTo(403);

    String page = api.get("/postings/" + id, null).body();
    assertThat(page).contains("申报条件").contains("青岛市、烟台市").contains("试点应用").contains("青岛市崂山区科技局");
  }

  @Test
  @DisplayName("an applicant outside the call's regions sees the rule on the apply form, not an error page")
  void refusedApplicantSeesRule() {
    long id = call("地区限定页面测试");
    assertThat(api.put("/api/v1/postings/" + id + "/rules", issuer.token(),
        new JsonObject().put("regions", new JsonArray().add("青岛市"))).status()).isEqualTo(200);
    PageClient outsiderPages = as(outsider);
    assertThat(outsiderPages.get("/postings/" + id + "/apply").body()).contains("id=\"rules\"").contains("青岛市");
    HttpResponse<String> refused = outsiderPages.post("/postings/" + id + "/apply", ChallengeFixtures.proposalForm());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("id=\"apply-form\"").contains("限定牵头单位所在地区为：青岛市")
        .contains("烟台市芝罘区");
  }

  @Test
  @DisplayName("the endorsing body's workspace lists the application with endorse/decline; endorsing removes it and the applicant sees it")
  void endorsementQueue() {
    long id = call("推荐页面测试");
    assertThat(api.put("/api/v1/postings/" + id + "/rules", issuer.token(),
        new JsonObject().put("endorsingOrganizationId", endorser.organizationId())).status()).isEqualTo(200);
    PageClient applicant = as(provider);
    assertThat(applicant.post("/postings/" + id + "/apply", ChallengeFixtures.proposalForm()).statusCode()).isEqualTo(303);
    long applicationId = api.get("/api/v1/endorsements", endorser.token()).json().getJsonArray("items")
        .getJsonObject(0).getLong("id");
    assertThat(applicant.get("/workspace").body()).contains("待推荐");

    PageClient body = as(endorser);
    String queue = body.get("/workspace").body();
    assertThat(queue).contains("id=\"endorsements\"").contains("推荐页面测试").contains("id=\"endorse-" + applicationId + "\"");
    assertThat(as(issuer).post("/applications/" + applicationId + "/endorse", Map.of()).statusCode()).isEqualTo(403);
    HttpResponse<String> endorsed = body.post("/applications/" + applicationId + "/endorse", Map.of("note", "同意推荐"));
    assertThat(endorsed.statusCode()).isEqualTo(303);
    assertThat(endorsed.headers().firstValue("location").orElse("")).contains("notice=endorsed");
    assertThat(body.get("/workspace").body()).doesNotContain("id=\"endorse-" + applicationId + "\"");
    assertThat(body.post("/applications/" + applicationId + "/decline", Map.of()).headers().firstValue("location")
        .orElse("")).contains("notice=endorsement_failed");
    assertThat(applicant.get("/workspace").body()).contains("已获推荐");
  }
}
