package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The public organization page: details, public records only, links to it, 404 and English")
class OrganizationPageTest {
  private static TestApp app;
  private static Api api;
  private static Account provider;
  private static long published;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    provider = ChallengeFixtures.verified(app, "provider", "青岛组织页智能科技有限公司");
    JsonObject org = api.get("/api/v1/organizations/" + provider.organizationId(), null).json();
    assertThat(api.put("/api/v1/organizations/" + provider.organizationId(), provider.token(), new JsonObject()
        .put("region", "青岛市崂山区").put("version", org.getInteger("version"))).status()).isEqualTo(200);
    published = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("组织页公开焊缝检测方案"))
        .json().getLong("id");
    assertThat(api.post("/api/v1/solutions", provider.token(), Fixtures.solution("组织页草稿方案").put("draft", true))
        .json().getString("status")).isEqualTo("draft");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  @Test
  @DisplayName("a provider's page shows its name, kind, region, badge and published solution, never a draft (not even to its member) nor e-mails")
  void providerPage() {
    String path = "/organizations/" + provider.organizationId();
    HttpResponse<String> r = new PageClient(api.base()).get(path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("青岛组织页智能科技有限公司", "青岛市崂山区", "供应商", "已认证", "组织页公开焊缝检测方案",
        "href=\"/solutions/" + published + "\"").doesNotContain("组织页草稿方案", "@example.cn", "org-empty");
    assertThat(as(provider).get(path).body()).contains("组织页公开焊缝检测方案").doesNotContain("组织页草稿方案");
  }

  @Test
  @DisplayName("an unverified provider's pending solution is not listed: the page says 未认证 and shows the empty state")
  void pendingNotListed() {
    Account unverified = ChallengeFixtures.unverified(app, "provider", "青岛待认证组织页科技有限公司");
    assertThat(api.post("/api/v1/solutions", unverified.token(), Fixtures.solution("组织页待审核方案"))
        .json().getString("status")).isEqualTo("pending");
    String body = as(unverified).get("/organizations/" + unverified.organizationId()).body();
    assertThat(body).contains("青岛待认证组织页科技有限公司", "未认证", "id=\"org-empty\"").doesNotContain("组织页待审核方案");
  }

  @Test
  @DisplayName("an issuer's page lists its public postings, not its drafts, and the posting page links to it")
  void issuerPage() {
    Account issuer = ChallengeFixtures.verified(app, "government", "青岛市组织页测试局");
    long demand = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "组织页公开需求")).json().getLong("id");
    api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "组织页草稿需求").put("draft", true));
    PageClient visitor = new PageClient(api.base());
    String body = visitor.get("/organizations/" + issuer.organizationId()).body();
    assertThat(body).contains("青岛市组织页测试局", "政府部门", "组织页公开需求", "href=\"/postings/" + demand + "\"")
        .doesNotContain("组织页草稿需求");
    assertThat(visitor.get("/postings/" + demand).body()).contains("href=\"/organizations/" + issuer.organizationId() + "\"");
  }

  @Test
  @DisplayName("the solution page and the solution cards link to the provider's page")
  void solutionPageLinksToProvider() {
    assertThat(new PageClient(api.base()).get("/solutions/" + published).body())
        .contains("href=\"/organizations/" + provider.organizationId() + "\" id=\"provider-link\"");
  }

  @Test
  @DisplayName("an unknown or malformed id gets the 404 page")
  void unknownOrganization() {
    HttpResponse<String> r = new PageClient(api.base()).get("/organizations/999999");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("页面不存在");
    assertThat(new PageClient(api.base()).get("/organizations/abc").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the page is in English with ?lang=en")
  void englishPage() {
    String body = new PageClient(api.base()).get("/organizations/" + provider.organizationId() + "?lang=en").body();
    assertThat(body).contains("<html lang=\"en\">", "Published solutions", "Verified", "Provider", "组织页公开焊缝检测方案");
  }
}
