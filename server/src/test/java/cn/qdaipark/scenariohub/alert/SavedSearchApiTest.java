package cn.qdaipark.scenariohub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SavedSearchApiTest {
  private static TestApp app;
  private static Api api;
  private static Account government;
  private static Account provider;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    government = ChallengeFixtures.verified(app, "government", "青岛市港口管理局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛港安智能科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject search(String name, String query, String target, JsonObject filters) {
    return new JsonObject().put("name", name).put("query", query).put("target", target).put("filters", filters);
  }

  static long save(Api api, Account who, JsonObject search) {
    Api.Response r = api.post("/api/v1/saved-searches", who.token(), search);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  static List<JsonObject> notifications(Api api, Account who, String kind) {
    Api.Response r = api.get("/api/v1/notifications?pageSize=100", who.token());
    assertThat(r.status()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  @Test
  @DisplayName("a person lists, saves and deletes own searches; someone else's search is not found to them")
  void crud() {
    Account owner = ChallengeFixtures.verified(app, "buyer", "青岛港集团");
    long id = save(api, owner, search("港区安防", "周界入侵", "postings",
        new JsonObject().put("domain", new JsonArray().add("空天地海")).put("kind", "challenge")));
    JsonObject listed = api.get("/api/v1/saved-searches", owner.token()).json();
    assertThat(listed.getInteger("limit")).isEqualTo(20);
    JsonObject saved = listed.getJsonArray("items").getJsonObject(0);
    assertThat(saved.getString("name")).isEqualTo("港区安防");
    assertThat(saved.getString("query")).isEqualTo("周界入侵");
    assertThat(saved.getJsonObject("filters")).isEqualTo(new JsonObject()
        .put("domain", new JsonArray().add("空天地海")).put("kind", "challenge"));
    assertThat(api.get("/api/v1/saved-searches", provider.token()).json().getJsonArray("items")).isEmpty();

    assertThat(api.send("DELETE", "/api/v1/saved-searches/" + id, provider.token(), null, null).status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/api/v1/saved-searches/" + id, null, null, null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/saved-searches", null).status()).isEqualTo(401);
    assertThat(api.send("DELETE", "/api/v1/saved-searches/" + id, owner.token(), null, null).status()).isEqualTo(204);
    assertThat(api.send("DELETE", "/api/v1/saved-searches/" + id, owner.token(), null, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/saved-searches", owner.token()).json().getJsonArray("items")).isEmpty();
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE entity = 'saved_search' AND entity_id = " + id))
        .isEqualTo(2);
  }

  @Test
  @DisplayName("bad names, targets, text and filters are 400 with the field named; nothing is saved")
  void refusesBadInput() {
    Account owner = ChallengeFixtures.verified(app, "buyer", "青岛地铁集团");
    Map<String, JsonObject> bad = Map.of(
        "name", search("", "巡检", "postings", null),
        "target", search("订阅", "巡检", "orgs", null),
        "query", search("订阅", "车", "postings", null),
        "filters.domain", search("订阅", "巡检", "postings", new JsonObject().put("domain", new JsonArray().add("火星"))),
        "filters.track", search("订阅", "巡检", "postings", new JsonObject().put("track", "复杂算法软件研发")),
        "filters.kind", search("订阅", "巡检", "postings", new JsonObject().put("kind", "tender")),
        "filters.maturity", search("订阅", "巡检", "solutions", new JsonObject().put("maturity", "量产")),
        "filters.colour", search("订阅", "巡检", "solutions", new JsonObject().put("colour", "red")));
    bad.forEach((field, body) -> {
      Api.Response r = api.post("/api/v1/saved-searches", owner.token(), body);
      assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
      assertThat(r.body()).as(field).contains(field);
    });
    assertThat(api.post("/api/v1/saved-searches", owner.token(), search("x".repeat(61), "巡检", "postings", null))
        .status()).isEqualTo(400);
    assertThat(app.count("SELECT count(*) FROM saved_searches WHERE user_id = " + owner.userId())).isZero();
  }

  @Test
  @DisplayName("a person keeps at most 20 saved searches; the 21st is 409")
  void limitPerPerson() {
    Account owner = ChallengeFixtures.verified(app, "buyer", "青岛啤酒股份有限公司");
    for (int i = 0; i < 20; i++) {
      save(api, owner, search("订阅" + i, "灌装线质检", "postings", null));
    }
    Api.Response r = api.post("/api/v1/saved-searches", owner.token(), search("第21个", "灌装线质检", "postings", null));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body()).contains("20");
    assertThat(app.count("SELECT count(*) FROM saved_searches WHERE user_id = " + owner.userId())).isEqualTo(20);
  }

  @Test
  @DisplayName("a new call matching a saved search notifies its owner once, even with two replicas; other searches stay silent")
  void newPostingNotifiesMatchingSearch() throws InterruptedException {
    Account watcher = ChallengeFixtures.verified(app, "provider", "青岛海岸线安防科技有限公司");
    Account bystander = ChallengeFixtures.verified(app, "provider", "青岛普惠金融科技有限公司");
    long hit = save(api, watcher, search("入侵识别", "人员入侵识别", "postings",
        new JsonObject().put("domain", new JsonArray().add("空天地海"))));
    save(api, watcher, search("只看需求", "人员入侵识别", "postings", new JsonObject().put("kind", "demand")));
    save(api, bystander, search("信贷", "小微企业信贷风控", "postings", null));

    try (TestApp replica = TestApp.start(Map.of("PG_URL", app.config().pgUrl()))) {
      long call = api.post("/api/v1/postings", government.token(), Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅"))
          .json().getLong("id");
      Eventually.within(Duration.ofSeconds(10), () -> !notifications(api, watcher, "saved_search").isEmpty());
      long newest = app.count("SELECT max(id) FROM outbox");
      Eventually.within(Duration.ofSeconds(10),
          () -> app.count("SELECT count(*) FROM index_replicas WHERE last_applied >= " + newest) == 2);
      Thread.sleep(500);
      JsonObject note = notifications(api, watcher, "saved_search").get(0);
      assertThat(note.getLong("postingId")).isEqualTo(call);
      assertThat(note.getString("title")).contains("入侵识别").contains("港区夜间人员入侵识别揭榜挂帅");
      assertThat(note.getString("link")).isEqualTo("/postings/" + call);
      assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'saved_search' AND posting_id = " + call))
          .as("one notification for the one matching search").isEqualTo(1);
      assertThat(app.count("SELECT saved_search_id FROM notifications WHERE kind = 'saved_search' AND posting_id = " + call))
          .isEqualTo(hit);
      assertThat(notifications(api, bystander, "saved_search")).isEmpty();
      assertThat(notifications(api, government, "saved_search")).isEmpty();
    }
  }

  @Test
  @DisplayName("a newly published solution matching a solutions search notifies its owner; filters that do not fit stay silent")
  void newSolutionNotifiesMatchingSearch() {
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛造船厂");
    Account other = ChallengeFixtures.verified(app, "buyer", "青岛重工集团");
    save(api, buyer, search("焊缝", "焊缝缺陷识别", "solutions",
        new JsonObject().put("domain", "工业智能").put("maturity", "试点应用")));
    save(api, other, search("焊缝规模化", "焊缝缺陷识别", "solutions", new JsonObject().put("maturity", "规模化应用")));
    save(api, other, search("焊缝需求", "焊缝缺陷识别", "postings", null));

    Api.Response created = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("焊缝缺陷智能识别系统"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long solution = created.json().getLong("id");
    Eventually.within(Duration.ofSeconds(10), () -> !notifications(api, buyer, "saved_search").isEmpty());
    JsonObject note = notifications(api, buyer, "saved_search").get(0);
    assertThat(note.getLong("solutionId")).isEqualTo(solution);
    assertThat(note.getString("link")).isEqualTo("/solutions/" + solution);
    assertThat(notifications(api, other, "saved_search")).isEmpty();
    assertThat(notifications(api, provider, "saved_search")).isEmpty();
  }
}
