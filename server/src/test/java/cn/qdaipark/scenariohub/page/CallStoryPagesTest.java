package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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

  @Test
  @DisplayName("a state has one name: the bundles name every posting state as the lifecycle does, 申报中 for a call and 征集中 for a demand")
  void oneNamePerState() {
    for (String status : PostingStatus.ALL) {
      for (String kind : List.of("challenge", "demand")) {
        assertThat(ChallengePages.statusLabel(kind, status, Messages.ZH)).isEqualTo(PostingStatus.label(kind, status));
        String key = PostingStatus.OPEN.equals(status) && "challenge".equals(kind) ? "status_open_challenge" : "status_" + status;
        assertThat(Messages.ZH.get(key)).as(key).isEqualTo(PostingStatus.label(kind, status));
      }
    }
    long call = ChallengeFixtures.call(api, issuer, "故事测试名称一致榜单", LocalDate.now(clock).plusDays(60));
    PageClient visitor = new PageClient(api.base());
    assertThat(visitor.get("/challenges").body()).contains("故事测试名称一致榜单").contains("申报中").doesNotContain("征集中");
    assertThat(visitor.get("/postings/" + call).body()).contains("申报中").doesNotContain("征集中");
    assertThat(visitor.get("/demands").body()).contains("<option value=\"open\" >征集中</option>");
  }

  @Test
  @DisplayName("the /challenges filter offers every phase and finds a call in review and one in 公示 by their effective state")
  void filtersByEveryPhase() {
    long inReview = ChallengeFixtures.call(api, issuer, "故事测试评审中榜单", LocalDate.now(clock).plusDays(1));
    long published = publishedCall("故事测试公示筛选榜单");
    PageClient visitor = new PageClient(api.base());
    String board = visitor.get("/challenges").body();
    assertThat(board).contains(">评审中</option>", ">入围</option>", ">结果公示</option>", ">攻关中</option>", ">已落地</option>",
        ">流榜</option>", ">已关闭</option>").doesNotContain(">已截止</option>");
    String review = visitor.get("/challenges?status=review").body();
    assertThat(review).contains("/postings/" + inReview + "\"").doesNotContain("/postings/" + published + "\"");
    String result = visitor.get("/challenges?status=result_published").body();
    assertThat(result).contains("/postings/" + published + "\"", "selected>结果公示").doesNotContain("/postings/" + inReview + "\"");
    assertThat(visitor.get("/challenges?status=open").body()).doesNotContain("/postings/" + inReview + "\"");
    assertThat(visitor.get("/demands?status=in_talks").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("moves are named for the act, and closing asks for confirmation in a second button that works without script")
  void destructiveMovesConfirm() {
    long id = ChallengeFixtures.call(api, issuer, "故事测试确认关闭", LocalDate.now(clock).plusDays(30));
    PageClient me = PageClient.as(app, issuer);
    String page = me.get("/postings/" + id).body();
    assertThat(page).contains("<details class=\"confirm\"><summary class=\"button small secondary\" id=\"move-closed\">关闭</summary>",
        "id=\"confirm-closed\">确认关闭</button>", "id=\"move-archived\">归档</summary>").doesNotContain("转为");
    assertThat(me.post("/postings/" + id + "/transition", java.util.Map.of("to", "closed")).statusCode()).isEqualTo(303);
    assertThat(new PageClient(api.base()).get("/postings/" + id + "?lang=en").body()).contains("Closed");
  }

  @Test
  @DisplayName("withdrawing an application asks for confirmation on the workspace and on the application form")
  void withdrawConfirms() {
    long id = ChallengeFixtures.call(api, issuer, "故事测试确认撤回", LocalDate.now(clock).plusDays(30));
    long application = ChallengeFixtures.apply(api, provider, id).getLong("id");
    PageClient lead = PageClient.as(app, provider);
    assertThat(lead.get("/workspace").body()).contains("id=\"withdraw-" + application + "\">撤回申报</summary>",
        "id=\"confirm-withdraw-" + application + "\">确认撤回申报</button>");
    assertThat(lead.get("/postings/" + id + "/apply").body()).contains("id=\"withdraw\">撤回申报</summary>",
        "id=\"confirm-withdraw\"");
  }
}
