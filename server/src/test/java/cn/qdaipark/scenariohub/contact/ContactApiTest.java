package cn.qdaipark.scenariohub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContactApiTest {
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherIssuer;
  private static Account provider;
  private static Account buyer;
  private static long solution;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市港口管理局");
    otherIssuer = ChallengeFixtures.verified(app, "government", "青岛市交通运输局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾集装箱码头有限公司");
    solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区夜间人员入侵识别系统"))
        .json().getLong("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long posting(String title) {
    Api.Response created = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", title));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static Api.Response contact(String token, long posting, long solutionId) {
    return api.post("/api/v1/postings/" + posting + "/contacts", token, new JsonObject().put("solutionId", solutionId));
  }

  @Test
  @DisplayName("the issuer contacts a provider once (201), repeating answers 200, and gets the provider's public details")
  void issuerContactsOnceAndRepeatsIdempotently() {
    long posting = posting("港区人员入侵识别需求");
    Api.Response first = contact(issuer.token(), posting, solution);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonObject provided = first.json().getJsonObject("provider");
    assertThat(provided.getString("name")).isEqualTo("青岛海视智能科技有限公司");
    assertThat(provided.getLong("organizationId")).isEqualTo(provider.organizationId());
    assertThat(provided.getString("url")).isEqualTo("/organizations/" + provider.organizationId());
    assertThat(first.body()).doesNotContain("@example.cn");

    Api.Response again = contact(issuer.token(), posting, solution);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getLong("id")).isEqualTo(first.json().getLong("id"));
    assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id = " + posting)).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'posting.contact' AND entity_id = " + posting))
        .isEqualTo(1);

    JsonObject listed = api.get("/api/v1/postings/" + posting + "/contacts", issuer.token()).json();
    assertThat(listed.getJsonArray("items")).hasSize(1);
    assertThat(listed.getJsonArray("items").getJsonObject(0).getLong("solutionId")).isEqualTo(solution);
  }

  @Test
  @DisplayName("the provider's members are notified once, with the issuer's name and a link to the thread the contact opened")
  void providerIsNotified() {
    long posting = posting("码头闸口车牌识别需求");
    long thread = contact(issuer.token(), posting, solution).json().getLong("conversationId");
    assertThat(contact(issuer.token(), posting, solution).json().getLong("conversationId")).isEqualTo(thread);
    var items = api.get("/api/v1/notifications", provider.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(n -> "contact".equals(n.getString("kind"))
            && Long.valueOf(posting).equals(n.getLong("postingId"))).toList();
    assertThat(items).hasSize(1);
    assertThat(items.get(0).getString("title")).contains("青岛市港口管理局");
    assertThat(items.get(0).getString("link")).isEqualTo("/conversations/" + thread);
  }

  @Test
  @DisplayName("another organization may neither contact for a posting nor list its contacts (403)")
  void otherOrganizationIsRefused() {
    long posting = posting("堆场照明智能控制需求");
    assertThat(contact(otherIssuer.token(), posting, solution).status()).isEqualTo(403);
    assertThat(contact(provider.token(), posting, solution).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/postings/" + posting + "/contacts", otherIssuer.token()).status()).isEqualTo(403);
    assertThat(contact(null, posting, solution).status()).isEqualTo(401);
    assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id = " + posting)).isZero();
  }

  @Test
  @DisplayName("an unpublished or unknown solution cannot be contacted (404), and a missing solutionId is a 400")
  void unpublishedSolutionIsRefused() {
    long posting = posting("岸桥远程操控需求");
    long draft = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("岸桥远控草稿方案").put("draft", true))
        .json().getLong("id");
    assertThat(contact(issuer.token(), posting, draft).status()).isEqualTo(404);
    assertThat(contact(issuer.token(), posting, 999_999).status()).isEqualTo(404);
    Api.Response missing = api.post("/api/v1/postings/" + posting + "/contacts", issuer.token(), new JsonObject());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error().getJsonObject("fields").getString("solutionId")).isNotBlank();
    assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id = " + posting)).isZero();
  }

  @Test
  @DisplayName("a draft or closed posting cannot contact providers (409): nothing recorded, audited or notified")
  void postingNotSeekingSolutionsIsRefused() {
    long draft = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "港区无人机巡检草稿需求")
        .put("draft", true)).json().getLong("id");
    long closed = posting("港区能耗监测需求");
    assertThat(api.post("/api/v1/postings/" + closed + "/close", issuer.token(), null).status()).isEqualTo(200);
    for (long posting : new long[] {draft, closed}) {
      Api.Response refused = contact(issuer.token(), posting, solution);
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.error().getString("message")).contains("只有征集中");
      assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id = " + posting)).isZero();
      assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'posting.contact' AND entity_id = " + posting))
          .isZero();
      assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'contact' AND posting_id = " + posting)).isZero();
    }
  }

  @Test
  @DisplayName("a contact moves the posting into the funnel's 已对接 column on the statistics page")
  void funnelCountsContacts() {
    long before = contactedOnStatsPage();
    long posting = posting("港区无人集卡调度需求");
    assertThat(contactedOnStatsPage()).isEqualTo(before);
    contact(issuer.token(), posting, solution);
    assertThat(contactedOnStatsPage()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName("a buyer contacts a provider from the solution's page once; a provider may not (403)")
  void buyerContactsFromSolutionPage() {
    Api.Response first = api.post("/api/v1/solutions/" + solution + "/contacts", buyer.token(), null);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().getValue("postingId")).isNull();
    assertThat(first.json().getJsonObject("organization").getString("name")).isEqualTo("青岛前湾集装箱码头有限公司");
    assertThat(api.post("/api/v1/solutions/" + solution + "/contacts", buyer.token(), null).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/solutions/" + solution + "/contacts", provider.token(), null).status()).isEqualTo(403);
    assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id IS NULL")).isEqualTo(1);
  }

  /** The 合计 row's 已对接 cell of the funnel on the public statistics page. */
  private static long contactedOnStatsPage() {
    String html = api.get("/stats", null).body();
    int table = html.indexOf("id=\"funnel\"");
    assertThat(table).isPositive();
    Matcher total = Pattern.compile("<tr><th scope=\"row\">合计</th><td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td>"
        + "<td class=\"num\">(\\d+)</td>").matcher(html.substring(table));
    assertThat(total.find()).as(html.substring(table, Math.min(html.length(), table + 3000))).isTrue();
    return Long.parseLong(total.group(3));
  }
}
