package cn.qdaipark.scenariohub.posting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A call past its deadline day is in review for every reader at once, in lists, search and matches, without waiting
 * for the deadline timer (which the tests never run: the clock moves, the stored status stays open).
 */
class EffectiveStatusApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account provider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市截止状态测试局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛截止状态测试科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The issuer's calls in a public list, by id, with the status each shows. */
  private static Map<Long, String> listed(String query) {
    Api.Response r = api.get("/api/v1/postings?kind=challenge&pageSize=100&organizationId=" + issuer.organizationId()
        + query, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .collect(Collectors.toMap(p -> p.getLong("id"), p -> p.getString("status")));
  }

  private static Map<Long, JsonObject> searched(String text) {
    Api.Response r = api.get("/api/v1/search?type=postings&pageSize=100&q="
        + URLEncoder.encode(text, StandardCharsets.UTF_8), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return byId(r.json().getJsonArray("items"), Function.identity());
  }

  private static Map<Long, JsonObject> matched(long solution) {
    Api.Response r = api.get("/api/v1/solutions/" + solution + "/matches?limit=100", provider.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return byId(r.json().getJsonArray("items"), item -> item.getJsonObject("posting"));
  }

  private static Map<Long, JsonObject> byId(JsonArray items, Function<JsonObject, JsonObject> record) {
    return items.stream().map(o -> record.apply((JsonObject) o))
        .collect(Collectors.toMap(p -> p.getLong("id"), Function.identity()));
  }

  /** A call whose last day to apply is today. */
  private static long callClosingToday(String title) {
    return ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock));
  }

  private static void passDeadline() {
    clock.advance(Duration.ofDays(1));
  }

  @Test
  @DisplayName("the day after its deadline a call is in review in the posting list: ?status=open leaves it out, ?status=review has it")
  void listShowsEffectiveStatus() {
    long call = callClosingToday("港区夜间人员入侵识别揭榜（列表）");
    long later = ChallengeFixtures.call(api, issuer, "港区夜间人员入侵识别揭榜（仍在申报）", LocalDate.now(clock).plusDays(30));
    assertThat(listed("&status=open")).containsEntry(call, "open").containsEntry(later, "open");

    passDeadline();

    assertThat(listed("&status=open")).doesNotContainKey(call).containsEntry(later, "open");
    assertThat(listed("&status=review")).containsEntry(call, "review").doesNotContainKey(later);
    assertThat(listed("")).containsEntry(call, "review").containsEntry(later, "open");
    assertThat(api.get("/api/v1/postings/" + call, null).json().getString("status")).isEqualTo("review");
  }

  @Test
  @DisplayName("the calls board filtered on open no longer lists a call the day after its deadline")
  void boardShowsEffectiveStatus() {
    String title = "港区夜间人员入侵识别揭榜（看板）";
    callClosingToday(title);
    assertThat(api.get("/challenges?status=open", null).body()).contains(title);

    passDeadline();

    assertThat(api.get("/challenges?status=open", null).body()).doesNotContain(title);
  }

  @Test
  @DisplayName("search for open postings leaves out a call the day after its deadline, while an open demand past its date stays")
  void searchShowsEffectiveStatus() {
    String title = "堆场夜间闯入红外告警揭榜（搜索）";
    long call = callClosingToday(title);
    Api.Response demand = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "堆场夜间闯入红外告警需求（搜索）")
        .put("deadline", LocalDate.now(clock).toString()));
    assertThat(demand.status()).as(demand.body()).isEqualTo(201);
    long demandId = demand.json().getLong("id");
    Eventually.within(Duration.ofSeconds(20), () -> searched(title).keySet().containsAll(List.of(call, demandId)));
    assertThat(searched(title).get(call).getString("status")).isEqualTo("open");

    passDeadline();

    assertThat(searched(title)).doesNotContainKey(call);
    assertThat(searched(title).get(demandId).getString("status")).isEqualTo("open");
    assertThat(api.get("/api/v1/postings/" + call, null).json().getString("status")).isEqualTo("review");
  }

  @Test
  @DisplayName("a solution's matching postings are open ones only: a call drops out the day after its deadline")
  void matchesOnlyOpenCalls() {
    Api.Response created = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区周界夜间入侵识别系统")
        .put("summary", "基于红外热成像与视频分析的港区夜间人员闯入识别告警")
        .put("description", "在集装箱堆场与码头前沿部署红外热成像与可见光双光谱摄像机，识别夜间人员闯入作业区，告警延迟小于1秒。")
        .put("domains", new JsonArray().add("空天地海")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long solution = created.json().getLong("id");
    long call = callClosingToday("港区夜间人员入侵识别揭榜（匹配）");
    Eventually.within(Duration.ofSeconds(20), () -> matched(solution).containsKey(call));
    assertThat(matched(solution).get(call).getString("status")).isEqualTo("open");

    passDeadline();

    assertThat(matched(solution)).doesNotContainKey(call);
    assertThat(matched(solution).values()).allSatisfy(p -> assertThat(p.getString("status")).isEqualTo("open"));
  }
}
