package cn.qdaipark.scenariohub.solution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SolutionApiTest {
  private static TestApp app;
  private static Api api;
  private static String verifiedProvider;
  private static String otherProvider;
  private static String unverifiedProvider;
  private static String buyer;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    admin = app.adminToken();
    verifiedProvider = Fixtures.verifiedAccount(app, "p1@example.cn", "provider", "青岛焊视智能科技有限公司", "91370211MA3CXY001");
    otherProvider = Fixtures.verifiedAccount(app, "p2@example.cn", "provider", "青岛另一家科技有限公司", "91370212MA3CXY002");
    unverifiedProvider = api.register("p3@example.cn", "provider", "青岛新注册科技有限公司", null);
    buyer = api.register("b1@example.cn", "buyer", "青岛某港口集团", null);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private JsonObject create(String token, String title) {
    Api.Response r = api.post("/api/v1/solutions", token, Fixtures.solution(title));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  @DisplayName("a verified provider's solution is published at once and readable by visitors")
  void verifiedProviderPublishes() {
    JsonObject s = create(verifiedProvider, "焊缝缺陷智能识别系统");
    assertThat(s.getString("status")).isEqualTo("published");
    assertThat(s.getString("provider")).isEqualTo("青岛焊视智能科技有限公司");
    assertThat(api.get("/api/v1/solutions/" + s.getLong("id"), null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("an unverified provider's solution waits in pending, hidden from others, until an admin approves it")
  void pendingUntilApproved() {
    JsonObject s = create(unverifiedProvider, "待审核的方案");
    long id = s.getLong("id");
    assertThat(s.getString("status")).isEqualTo("pending");
    assertThat(api.get("/api/v1/solutions/" + id, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/solutions/" + id, otherProvider).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/solutions/" + id, unverifiedProvider).status()).isEqualTo(200);

    assertThat(api.post("/api/v1/admin/solutions/" + id + "/approve", unverifiedProvider, null).status()).isEqualTo(403);
    Api.Response approved = api.post("/api/v1/admin/solutions/" + id + "/approve", admin, null);
    assertThat(approved.json().getString("status")).isEqualTo("published");
    assertThat(api.get("/api/v1/solutions/" + id, null).status()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'solution.approve' AND entity_id = " + id)).isEqualTo(1);
  }

  @Test
  @DisplayName("rejecting needs a reason, which the owner then sees")
  void rejectWithReason() {
    long id = create(unverifiedProvider, "将被驳回的方案").getLong("id");
    Api.Response noReason = api.post("/api/v1/admin/solutions/" + id + "/reject", admin, new JsonObject());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.error().getJsonObject("fields").containsKey("reason")).isTrue();
    Api.Response rejected = api.post("/api/v1/admin/solutions/" + id + "/reject", admin, new JsonObject().put("reason", "缺少部署案例"));
    assertThat(rejected.json().getString("status")).isEqualTo("rejected");
    assertThat(api.get("/api/v1/solutions/" + id, unverifiedProvider).json().getString("moderationReason")).isEqualTo("缺少部署案例");
  }

  @Test
  @DisplayName("a provider editing another organization's solution gets 403 and the record is unchanged")
  void cannotEditOthers() {
    JsonObject s = create(verifiedProvider, "原始标题");
    JsonObject edit = Fixtures.solution("被篡改的标题").put("version", s.getInteger("version"));
    Api.Response r = api.put("/api/v1/solutions/" + s.getLong("id"), otherProvider, edit);
    assertThat(r.status()).isEqualTo(403);
    assertThat(api.get("/api/v1/solutions/" + s.getLong("id"), null).json().getString("title")).isEqualTo("原始标题");
    assertThat(api.post("/api/v1/solutions/" + s.getLong("id") + "/archive", otherProvider, null).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("buyers, government accounts and visitors cannot list solutions")
  void onlyProvidersCreate() {
    assertThat(api.post("/api/v1/solutions", buyer, Fixtures.solution("买方不能发")).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/solutions", null, Fixtures.solution("访客不能发")).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("a stale update answers 409 and changes nothing")
  void optimisticLocking() {
    JsonObject s = create(verifiedProvider, "版本一");
    long id = s.getLong("id");
    int v1 = s.getInteger("version");
    Api.Response first = api.put("/api/v1/solutions/" + id, verifiedProvider, Fixtures.solution("版本二").put("version", v1));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getInteger("version")).isEqualTo(v1 + 1);
    Api.Response stale = api.put("/api/v1/solutions/" + id, verifiedProvider, Fixtures.solution("版本三").put("version", v1));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/solutions/" + id, null).json().getString("title")).isEqualTo("版本二");
  }

  @Test
  @DisplayName("every bad field is named with a message, and nothing is stored")
  void fieldValidation() {
    long before = app.count("SELECT count(*) FROM solutions");
    JsonObject bad = Fixtures.solution("").put("domains", new io.vertx.core.json.JsonArray().add("火星殖民"))
        .put("track", "区块链").put("maturity", "很成熟").put("description", "太短")
        .put("tags", new io.vertx.core.json.JsonArray().add("x".repeat(31)));
    Api.Response r = api.post("/api/v1/solutions", verifiedProvider, bad);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getJsonObject("fields").fieldNames())
        .containsExactlyInAnyOrder("title", "domains", "track", "maturity", "description", "tags");
    assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(before);
  }

  @Test
  @DisplayName("domain aliases are accepted on input and stored under the canonical name")
  void domainAlias() {
    JsonObject in = Fixtures.solution("别名测试").put("domains", new io.vertx.core.json.JsonArray().add("智慧家居").add("金融科技"));
    Api.Response r = api.post("/api/v1/solutions", verifiedProvider, in);
    assertThat(r.json().getJsonArray("domains").getList()).containsExactly("智能家居", "智慧金融");
  }

  @Test
  @DisplayName("archived solutions leave the public list; drafts stay private to their organization")
  void archiveAndDrafts() {
    JsonObject s = create(verifiedProvider, "即将归档");
    api.post("/api/v1/solutions/" + s.getLong("id") + "/archive", verifiedProvider, null);
    JsonObject draft = api.post("/api/v1/solutions", verifiedProvider, Fixtures.solution("草稿方案").put("draft", true)).json();
    assertThat(draft.getString("status")).isEqualTo("draft");

    String publicList = api.get("/api/v1/solutions?pageSize=100", null).body();
    assertThat(publicList).doesNotContain("即将归档").doesNotContain("草稿方案");
    String ownList = api.get("/api/v1/solutions?pageSize=100&status=draft", verifiedProvider).body();
    assertThat(ownList).contains("草稿方案");
    assertThat(api.get("/api/v1/solutions/" + draft.getLong("id"), otherProvider).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("the list filters by domain and track, sorts, and paginates with a total")
  void listFiltersAndPages() {
    for (int i = 0; i < 3; i++) {
      create(verifiedProvider, "分页测试" + i);
    }
    JsonObject page = api.get("/api/v1/solutions?pageSize=2&page=1&sort=title&domain=%E5%B7%A5%E4%B8%9A%E6%99%BA%E8%83%BD", null).json();
    assertThat(page.getJsonArray("items")).hasSize(2);
    assertThat(page.getLong("total")).isGreaterThanOrEqualTo(3);
    assertThat(page.getInteger("pageSize")).isEqualTo(2);
    assertThat(api.get("/api/v1/solutions?domain=%E7%81%AB%E6%98%9F", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/solutions?pageSize=1000", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/solutions?sort=random", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("every change writes an outbox row in the same transaction")
  void outboxFollowsChanges() {
    long before = app.count("SELECT count(*) FROM outbox WHERE entity = 'solution'");
    JsonObject s = create(verifiedProvider, "出站测试");
    api.post("/api/v1/solutions/" + s.getLong("id") + "/archive", verifiedProvider, null);
    assertThat(app.count("SELECT count(*) FROM outbox WHERE entity = 'solution'")).isEqualTo(before + 2);
  }
}
