package cn.qdaipark.scenariohub.page;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The call page tells the story of a call: its phase, its winner and the printable 公示")
class CallStoryPagesTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account provider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市故事测试局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛故事揭榜科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A call taken through review and award to 公示: answers its id. */
  private static long publishedCall(String title) {
    long id = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock).plusDays(1));
    long application = ChallengeFixtures.apply(api, provider, id).getLong("id");
    clock.advance(Duration.ofDays(2));
    api.get("/api/v1/postings/" + id, issuer.token()); // a call found past its deadline moves into review
    Api.Response awarded = api.post("/api/v1/applications/" + application + "/award", issuer.token(), null);
    assertThat(awarded.status()).as(awarded.body()).isEqualTo(200);
    Api.Response published = api.post("/api/v1/postings/" + id + "/transitions", issuer.token(),
        new JsonObject().put("to", "result_published"));
    assertThat(published.status()).as(published.body()).isEqualTo(200);
    return id;
  }

  @Test
  @DisplayName("an open call shows the stepper at 申报 and offers editing and matches; it has no 公示 notice")
  void openCall() {
    long id = ChallengeFixtures.call(api, issuer, "故事测试开放榜单", LocalDate.now(clock).plusDays(30));
    String page = PageClient.as(app, issuer).get("/postings/" + id).body();
    assertThat(page).contains("id=\"stepper\"", "<li class=\"current\" aria-current=\"step\">申报", "id=\"edit-link\"",
        "id=\"matches\"").doesNotContain("id=\"winner\"");
    assertThat(new PageClient(api.base()).get("/postings/" + id + "/notice").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("after the result is published the page names the winner and the amount, and offers neither editing nor matches")
  void publishedCall() {
    long id = publishedCall("故事测试公示榜单");
    String page = PageClient.as(app, issuer).get("/postings/" + id).body();
    assertThat(page).contains("id=\"winner\"", "青岛故事揭榜科技有限公司", "100万元", "<li class=\"done\">揭榜",
            "<li class=\"current\" aria-current=\"step\">公示", "href=\"/postings/" + id + "/notice\"")
        .doesNotContain("id=\"edit-link\"", "id=\"matches\"", "/postings/" + id + "/edit\"");
    assertThat(new PageClient(api.base()).get("/postings/" + id + "?lang=en").body())
        .contains("Awarded to", "Award amount", "aria-current=\"step\">Publish");
  }

  @Test
  @DisplayName("the printable 公示 notice names the call, the winner, the amount and the objection period")
  void printableNotice() {
    long id = publishedCall("故事测试打印公示");
    HttpResponse<String> notice = new PageClient(api.base()).get("/postings/" + id + "/notice");
    assertThat(notice.statusCode()).isEqualTo(200);
    assertThat(notice.body()).contains("「故事测试打印公示」揭榜结果公示", "青岛故事揭榜科技有限公司", "100万元", "青岛市故事测试局",
        "异议期截止", "id=\"result-notice\"");
  }

  @Test
  @DisplayName("editing a call past its deadline is refused as such, by the API and the pages, not as a past date")
  void editingPastOpenRefusedClearly() {
    long id = publishedCall("故事测试不可编辑");
    JsonObject body = ChallengeFixtures.challenge("故事测试不可编辑（改）", LocalDate.now(clock).minusDays(1))
        .put("version", api.get("/api/v1/postings/" + id, issuer.token()).json().getInteger("version"));
    Api.Response refused = api.put("/api/v1/postings/" + id, issuer.token(), body);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("榜单已截止申报，内容不能再修改").doesNotContain("截止日期不能早于今天");
    PageClient me = PageClient.as(app, issuer);
    assertThat(me.get("/postings/" + id + "/edit").statusCode()).isEqualTo(409);
    assertThat(me.get("/postings/" + id + "/edit?lang=en").body()).contains("content can no longer be changed");
  }

  @Test
  @DisplayName("an open call saved with a past deadline is still refused with the deadline message")
  void pastDeadlineStillRefused() {
    long id = ChallengeFixtures.call(api, issuer, "故事测试过去日期", LocalDate.now(clock).plusDays(30));
    JsonObject body = ChallengeFixtures.challenge("故事测试过去日期", LocalDate.now(clock).minusDays(1))
        .put("version", api.get("/api/v1/postings/" + id, issuer.token()).json().getInteger("version"));
    Api.Response refused = api.put("/api/v1/postings/" + id, issuer.token(), body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("截止日期不能早于今天");
  }
}
