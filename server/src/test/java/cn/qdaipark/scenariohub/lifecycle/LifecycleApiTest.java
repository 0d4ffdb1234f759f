package cn.qdaipark.scenariohub.lifecycle;

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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LifecycleApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account government;
  private static Account otherGovernment;
  private static Account buyer;
  private static Account provider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    government = ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局");
    otherGovernment = ChallengeFixtures.verified(app, "government", "青岛市科学技术局");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛港集团");
    provider = ChallengeFixtures.verified(app, "provider", "青岛视觉智能科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static LocalDate today() {
    return LocalDate.now(clock);
  }

  private static long post(Account who, JsonObject posting) {
    Api.Response r = api.post("/api/v1/postings", who.token(), posting);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static Api.Response move(Account who, long id, String to) {
    return api.post("/api/v1/postings/" + id + "/transitions", who == null ? null : who.token(),
        new JsonObject().put("to", to).put("note", "测试"));
  }

  private static String status(long id) {
    return api.get("/api/v1/postings/" + id, government.token()).json().getString("status");
  }

  @Test
  @DisplayName("a demand goes open → in talks → pilot by its issuer, each step on the timeline and in the audit log; "
      + "it lands only with the buyer's acceptance of the pilot, not by a bare move")
  void demandLifecycle() {
    long id = post(buyer, Fixtures.posting("demand", "港区集卡无人驾驶需求"));
    for (String to : List.of("in_talks", "pilot")) {
      Api.Response r = move(buyer, id, to);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().getString("status")).isEqualTo(to);
    }
    Api.Response bare = move(buyer, id, "landed");
    assertThat(bare.status()).isEqualTo(409);
    assertThat(bare.error().getString("message")).contains("验收");
    JsonObject timeline = api.get("/api/v1/postings/" + id + "/timeline", null).json();
    JsonArray items = timeline.getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("to"))).containsExactly("open", "in_talks", "pilot");
    assertThat(items.getJsonObject(1).getString("from")).isEqualTo("open");
    assertThat(items.getJsonObject(1).getString("toLabel")).isEqualTo("洽谈中");
    assertThat(items.getJsonObject(1).getString("by")).isEqualTo("issuer");
    assertThat(items.getJsonObject(1).containsKey("actorId")).isFalse();
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'posting.transition' AND entity_id = " + id
        + " AND actor_id = " + buyer.userId())).isEqualTo(2);
    JsonObject own = api.get("/api/v1/postings/" + id + "/timeline", buyer.token()).json();
    assertThat(own.getJsonArray("items").getJsonObject(1).getLong("actorId")).isEqualTo(buyer.userId());
    assertThat(own.getJsonArray("next").stream().map(o -> ((JsonObject) o).getString("to")))
        .containsExactly("landed", "closed", "archived");
  }

  @Test
  @DisplayName("a demand in talks may go back to open or close; moves outside the lifecycle are 409")
  void demandRefusedMoves() {
    long id = post(buyer, Fixtures.posting("demand", "医院导诊机器人需求"));
    assertThat(move(buyer, id, "pilot").status()).isEqualTo(409);
    assertThat(move(buyer, id, "review").status()).isEqualTo(409);
    assertThat(move(buyer, id, "in_talks").status()).isEqualTo(200);
    assertThat(move(buyer, id, "open").status()).isEqualTo(200);
    assertThat(move(buyer, id, "closed").status()).isEqualTo(200);
    Api.Response again = move(buyer, id, "in_talks");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error().getString("message")).contains("已关闭").contains("洽谈中");
  }

  @Test
  @DisplayName("only the issuing organization moves a posting: another government body, a provider and a visitor are refused")
  void wrongRole() {
    long id = post(buyer, Fixtures.posting("demand", "智慧园区能耗优化需求"));
    assertThat(move(otherGovernment, id, "in_talks").status()).isEqualTo(403);
    assertThat(move(provider, id, "in_talks").status()).isEqualTo(403);
    assertThat(move(null, id, "in_talks").status()).isEqualTo(401);
    assertThat(status(id)).isEqualTo("open");
    assertThat(app.count("SELECT count(*) FROM posting_events WHERE posting_id = " + id)).isEqualTo(1);
  }

  @Test
  @DisplayName("nobody closes a call for review by hand: that move belongs to the deadline")
  void reviewOnlyByTheDeadline() {
    long id = post(government, ChallengeFixtures.challenge("港区夜间人员入侵识别揭榜", today().plusDays(10)));
    Api.Response r = move(government, id, "review");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error().getString("message")).contains("系统自动");
    assertThat(move(government, id, "awarded").status()).isEqualTo(409);
    assertThat(move(government, id, "bogus").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the deadline timer moves calls past their deadline into review, by the system, and leaves the others open")
  void deadlineAutoClose() {
    long due = post(government, ChallengeFixtures.challenge("今日截止的揭榜", today()));
    long later = post(government, ChallengeFixtures.challenge("下月截止的揭榜", today().plusMonths(1)));
    assertThat(app.app().closeExpiredChallenges().await()).isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(app.app().closeExpiredChallenges().await()).isGreaterThanOrEqualTo(1);
    assertThat(status(due)).isEqualTo("review");
    assertThat(status(later)).isEqualTo("open");
    JsonObject last = api.get("/api/v1/postings/" + due + "/timeline", government.token()).json().getJsonArray("items")
        .getJsonObject(1);
    assertThat(last.getString("by")).isEqualTo("system");
    assertThat(last.getValue("actorId")).isNull();
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'posting.transition' AND actor_id IS NULL "
        + "AND entity_id = " + due)).isEqualTo(1);
  }

  @Test
  @DisplayName("reading a call past its deadline moves it into review even before the timer runs")
  void deadlineCheckedOnRead() {
    long id = post(government, ChallengeFixtures.challenge("读取时截止的揭榜", today()));
    clock.advance(Duration.ofDays(1));
    assertThat(api.get("/api/v1/postings/" + id, null).json().getString("status")).isEqualTo("review");
  }

  @Test
  @DisplayName("after the deadline the issuer can no longer withdraw (撤榜) the call: it is in review")
  void noWithdrawAfterDeadline() {
    long id = post(government, ChallengeFixtures.challenge("截止后撤榜", today()));
    clock.advance(Duration.ofDays(1));
    Api.Response r = api.post("/api/v1/postings/" + id + "/close", government.token(), null);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error().getString("message")).contains("评审中");
    long open = post(government, ChallengeFixtures.challenge("截止前撤榜", today().plusDays(5)));
    assertThat(api.post("/api/v1/postings/" + open + "/close", government.token(), null).json().getString("status"))
        .isEqualTo("closed");
  }

  @Test
  @DisplayName("a draft call is published by its issuer and then archived; an archived posting moves nowhere")
  void draftPublishArchive() {
    long id = post(government, ChallengeFixtures.challenge("草稿榜单", today().plusDays(20)).put("draft", true));
    assertThat(api.get("/api/v1/postings/" + id, null).status()).isEqualTo(404);
    assertThat(move(government, id, "open").json().getString("status")).isEqualTo("open");
    assertThat(api.post("/api/v1/postings/" + id + "/archive", government.token(), null).json().getString("status"))
        .isEqualTo("archived");
    assertThat(move(government, id, "open").status()).isEqualTo(409);
  }

  @Test
  @DisplayName("a posting in review is public, and so is every later state")
  void laterStatesArePublic() {
    long id = post(government, ChallengeFixtures.challenge("公开性测试揭榜", today()));
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    JsonArray items = api.get("/api/v1/postings?kind=challenge&status=review&pageSize=100", null).json().getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getLong("id"))).contains(id);
  }
}
