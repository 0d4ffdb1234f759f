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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages of responses to demands")
class ResponsePagesTest {
  private static TestApp app;
  private static Api api;
  private static Account buyer;
  private static Account otherBuyer;
  private static Account provider;
  private static Account empty;
  private static long solution;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛港页面响应测试集团");
    otherBuyer = ChallengeFixtures.verified(app, "buyer", "青岛另一家码头公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛页面响应科技有限公司");
    empty = ChallengeFixtures.verified(app, "provider", "青岛尚无方案科技有限公司");
    Api.Response created = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区夜间人员入侵识别系统"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    solution = created.json().getLong("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  private static long demand(String title) {
    Api.Response created = api.post("/api/v1/postings", buyer.token(), Fixtures.posting("demand", title));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  @Test
  @DisplayName("the respond form offers the provider's published solutions as checkboxes with a CSRF field; bad input "
      + "is shown again with messages next to the fields; a good one is sent and shown")
  void respondForm() {
    long id = demand("页面响应测试需求");
    PageClient me = as(provider);
    String form = me.get("/postings/" + id + "/respond").body();
    assertThat(form).contains("id=\"respond-form\"", "name=\"_csrf\"",
        "type=\"checkbox\" name=\"solutionIds\" value=\"" + solution + "\"", "港区夜间人员入侵识别系统");

    HttpResponse<String> bad = me.post("/postings/" + id + "/respond", Map.of("proposal", "短"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"proposal-error\"", "至少 10 个字", "id=\"solutionIds-error\"", ">短</textarea>");

    HttpResponse<String> sent = me.post("/postings/" + id + "/respond",
        Map.of("proposal", "两周内完成部署，夜间识别准确率不低于95%。", "solutionIds", String.valueOf(solution)));
    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(sent.headers().firstValue("Location")).hasValue("/postings/" + id + "/respond?notice=responded");
    String after = me.get("/postings/" + id + "/respond?notice=responded").body();
    assertThat(after).contains("响应已提交", "id=\"my-response\"", "已提交", "name=\"responseId\"", "id=\"respond-withdraw\"",
        "id=\"confirm-respond-withdraw\"");
    assertThat(me.get("/workspace/responses").body()).contains("页面响应测试需求", "已提交");
    assertThat(me.get("/workspace").body()).contains("href=\"/workspace/responses\"");

    HttpResponse<String> forged = me.postRaw("/postings/" + id + "/respond",
        Map.of("proposal", "两周内完成部署，夜间识别准确率不低于95%。", "solutionIds", String.valueOf(solution), "_csrf", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a provider without a published solution sees an empty state pointing to publishing one")
  void emptyState() {
    long id = demand("无方案空状态需求");
    String page = as(empty).get("/postings/" + id + "/respond").body();
    assertThat(page).contains("id=\"no-solutions\"", "href=\"/solutions/new\"").doesNotContain("id=\"respond-form\"");
  }

  @Test
  @DisplayName("the buyer sees the responses ranked with the fit score, decides through CSRF forms, and a decline "
      + "without a reason is shown again with the message next to the reason; others get 403")
  void buyerPage() {
    long id = demand("页面响应排序需求");
    Api.Response r = api.post("/api/v1/postings/" + id + "/responses", provider.token(), new JsonObject()
        .put("proposal", "两周内完成部署，夜间识别准确率不低于95%。").put("solutionIds", new io.vertx.core.json.JsonArray().add(solution)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long response = r.json().getLong("id");
    PageClient me = as(buyer);
    assertThat(me.get("/postings/" + id).body()).contains("href=\"/postings/" + id + "/responses\"");
    String page = me.get("/postings/" + id + "/responses").body();
    assertThat(page).contains("id=\"response-" + response + "\"", "id=\"score-" + response + "\"", "匹配度",
        "action=\"/responses/" + response + "/shortlist\"", "action=\"/responses/" + response + "/pilot\"",
        "action=\"/conversations\"", "name=\"postingId\" value=\"" + id + "\"",
        "name=\"organizationId\" value=\"" + provider.organizationId() + "\"", "name=\"_csrf\"", "青岛页面响应科技有限公司");

    HttpResponse<String> noReason = me.post("/responses/" + response + "/decline", Map.of("reason", " "));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("id=\"reason-" + response + "-error\"", "必填");

    HttpResponse<String> shortlisted = me.post("/responses/" + response + "/shortlist", Map.of());
    assertThat(shortlisted.statusCode()).isEqualTo(303);
    assertThat(me.get("/postings/" + id + "/responses?notice=shortlisted").body()).contains("洽谈中", "已入围洽谈");

    assertThat(as(otherBuyer).get("/postings/" + id + "/responses").statusCode()).isEqualTo(403);
    assertThat(as(provider).get("/postings/" + id + "/responses").statusCode()).isEqualTo(403);
    assertThat(as(provider).post("/responses/" + response + "/pilot", Map.of()).statusCode()).isEqualTo(403);
    assertThat(as(otherBuyer).post("/responses/" + response + "/pilot", Map.of()).statusCode()).isEqualTo(404);
    assertThat(as(provider).get("/postings/" + id).body()).doesNotContain("id=\"responses-link\"");

    HttpResponse<String> english = me.get("/postings/" + id + "/responses?lang=en");
    assertThat(english.body()).contains("Responses received", "Fit", "Shortlisted for talks");
  }
}
