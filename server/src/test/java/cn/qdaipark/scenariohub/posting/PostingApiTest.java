package cn.qdaipark.scenariohub.posting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostingApiTest {
  private static TestApp app;
  private static Api api;
  private static String government;
  private static String buyer;
  private static String otherBuyer;
  private static String provider;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    admin = app.adminToken();
    government = Fixtures.verifiedAccount(app, "gov@example.cn", "government", "青岛市某某局", "11370200MB1C00001");
    buyer = Fixtures.verifiedAccount(app, "buyer@example.cn", "buyer", "青岛某港口集团有限公司", "91370211MA3CAB001");
    otherBuyer = api.register("buyer2@example.cn", "buyer", "青岛另一家医院", null);
    provider = api.register("prov@example.cn", "provider", "青岛某智能科技有限公司", null);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a government account posts a 揭榜挂帅 challenge, open at once for a verified issuer")
  void governmentPostsChallenge() {
    Api.Response r = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "港区夜间人员入侵识别揭榜挂帅"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getString("status")).isEqualTo("open");
    assertThat(r.json().getString("issuer")).isEqualTo("青岛市某某局");
  }

  @Test
  @DisplayName("a buyer posting a challenge gets 403 and nothing is stored")
  void buyerCannotPostChallenge() {
    long before = app.count("SELECT count(*) FROM postings");
    Api.Response r = api.post("/api/v1/postings", buyer, Fixtures.posting("challenge", "买方冒充政府发榜"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error().getString("code")).isEqualTo("forbidden");
    assertThat(app.count("SELECT count(*) FROM postings")).isEqualTo(before);
  }

  @Test
  @DisplayName("providers cannot post demands; buyers can")
  void whoPostsDemands() {
    assertThat(api.post("/api/v1/postings", provider, Fixtures.posting("demand", "供应商发需求")).status()).isEqualTo(403);
    Api.Response r = api.post("/api/v1/postings", buyer, Fixtures.posting("demand", "堆场人员闯入告警需求"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().getString("kind")).isEqualTo("demand");
  }

  @Test
  @DisplayName("an unverified buyer's demand waits for approval and is then public")
  void pendingDemand() {
    JsonObject p = api.post("/api/v1/postings", otherBuyer, Fixtures.posting("demand", "医院导诊机器人需求")).json();
    assertThat(p.getString("status")).isEqualTo("pending");
    assertThat(api.get("/api/v1/postings/" + p.getLong("id"), null).status()).isEqualTo(404);
    api.post("/api/v1/admin/postings/" + p.getLong("id") + "/approve", admin, null);
    assertThat(api.get("/api/v1/postings/" + p.getLong("id"), null).json().getString("status")).isEqualTo("open");
  }

  @Test
  @DisplayName("deadline, budget and requirements are validated per field")
  void postingValidation() {
    JsonObject bad = Fixtures.posting("demand", "校验测试").put("deadline", LocalDate.now().minusDays(1).toString())
        .put("budgetWan", -5).put("requirements", new io.vertx.core.json.JsonArray()).put("kind", "tender");
    Api.Response r = api.post("/api/v1/postings", buyer, bad);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getJsonObject("fields").fieldNames()).contains("deadline", "budgetWan", "requirements", "kind");
    Api.Response badDate = api.post("/api/v1/postings", buyer, Fixtures.posting("demand", "日期格式").put("deadline", "2027-13-45"));
    assertThat(badDate.error().getJsonObject("fields").getString("deadline")).contains("YYYY-MM-DD");
  }

  @Test
  @DisplayName("only the issuing organization edits or closes a posting; stale edits answer 409")
  void editingRules() {
    JsonObject p = api.post("/api/v1/postings", buyer, Fixtures.posting("demand", "原始需求")).json();
    long id = p.getLong("id");
    JsonObject edit = Fixtures.posting("demand", "改过的需求").put("version", p.getInteger("version"));
    assertThat(api.put("/api/v1/postings/" + id, government, edit).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/postings/" + id + "/close", otherBuyer, null).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/postings/" + id, buyer, edit).status()).isEqualTo(200);
    assertThat(api.put("/api/v1/postings/" + id, buyer, edit).status()).isEqualTo(409);
    assertThat(api.get("/api/v1/postings/" + id, null).json().getString("title")).isEqualTo("改过的需求");
    assertThat(api.post("/api/v1/postings/" + id + "/close", buyer, null).json().getString("status")).isEqualTo("closed");
  }

  @Test
  @DisplayName("the board narrows to postings closing within a date range, and a malformed date is a 400")
  void deadlineRange() {
    long soon = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "十天后截止的榜单")
        .put("deadline", LocalDate.now().plusDays(10).toString())).json().getLong("id");
    long later = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "半年后截止的榜单")
        .put("deadline", LocalDate.now().plusMonths(6).toString())).json().getLong("id");
    String within30 = "deadlineFrom=" + LocalDate.now() + "&deadlineTo=" + LocalDate.now().plusDays(30);
    JsonObject page = api.get("/api/v1/postings?pageSize=100&" + within30, null).json();
    assertThat(page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id"))).contains(soon).doesNotContain(later);
    assertThat(api.get("/api/v1/postings?deadlineTo=next-week", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the board filters by kind and budget band and sorts by deadline")
  void listFilters() {
    api.post("/api/v1/postings", government, Fixtures.posting("challenge", "大额榜单").put("budgetWan", 500));
    api.post("/api/v1/postings", government, Fixtures.posting("challenge", "小额榜单").put("budgetWan", 8));
    JsonObject big = api.get("/api/v1/postings?kind=challenge&minBudgetWan=100&sort=deadline", null).json();
    assertThat(big.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("budgetWan"))).allMatch(b -> (Long) b >= 100);
    assertThat(big.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind"))).containsOnly("challenge");
  }
}
