package cn.qdaipark.scenariohub.export;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.CountingEmbedder;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorExportApiTest {
  private static final String SOLUTIONS = "/api/v1/admin/export/solutions.ndjson";
  private static final String POSTINGS = "/api/v1/admin/export/postings.ndjson";
  private TestApp app;
  private Api api;
  private String admin;
  private String provider;
  private long apiSolutionId;
  private long apiPostingId;

  @BeforeAll
  void startAndFill() {
    app = TestApp.start(new CountingEmbedder());
    api = app.api;
    admin = app.adminToken();
    provider = Fixtures.verifiedAccount(app, "vx@example.cn", "provider", "青岛向量导出科技有限公司", "91370211MA3CQX001");
    String government = Fixtures.verifiedAccount(app, "vxg@example.cn", "government", "青岛市向量导出测试局", "11370200MB1CQX001");
    apiSolutionId = api.post("/api/v1/solutions", provider, Fixtures.solution("页面发布的焊缝检测方案")).json().getLong("id");
    api.post("/api/v1/solutions", provider, Fixtures.solution("未发布的草稿方案").put("draft", true));
    apiPostingId = api.post("/api/v1/postings", government, Fixtures.posting("challenge", "港区焊缝缺陷识别揭榜挂帅"))
        .json().getLong("id");
    String solutions = Arrays.stream(new String[] {"VX-1", "VX-2", "VX-3"})
        .map(key -> solutionLine(key).encode()).collect(Collectors.joining("\n"));
    assertThat(api.postRaw("/api/v1/admin/import/solutions", admin, solutions, "application/x-ndjson").status()).isEqualTo(200);
    JsonObject posting = new JsonObject().put("key", "VX-P1").put("kind", "demand").put("title", "集装箱残损自动识别")
        .put("description", "码头残损检验依赖人工目视，漏检与争议频发，希望自动识别箱体残损并留存证据。")
        .put("domain", "空天地海").put("issuer", "青岛向量港务有限公司").put("budgetWan", 120).put("deadline", "2027-06-30")
        .put("requirements", new JsonArray().add("残损识别准确率≥95%")).put("region", "青岛市");
    assertThat(api.postRaw("/api/v1/admin/import/postings", admin, posting.encode(), "application/x-ndjson").status())
        .isEqualTo(200);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private static JsonObject solutionLine(String key) {
    return new JsonObject().put("key", key).put("provider", "青岛导入向量科技有限公司").put("title", "港口智能理货方案 " + key)
        .put("summary", "港口岸桥远程操控与智能理货一体化方案")
        .put("description", "通过岸桥多路高清视频与激光扫描，结合箱号识别与残损检测模型，实现集装箱装卸全过程智能理货。")
        .put("domains", new JsonArray().add("空天地海")).put("track", "复杂算法软件研发")
        .put("tags", new JsonArray().add("智能理货")).put("maturity", "规模化应用").put("region", "青岛市黄岛区")
        .put("cases", new JsonArray().add("前湾港区")).put("priceRange", "50-100万");
  }

  private static String text(Api.Download d) {
    assertThat(d.status()).as(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(d.contentType()).startsWith("application/x-ndjson");
    return new String(d.bytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, JsonObject> byKey(String ndjson) {
    return ndjson.lines().map(JsonObject::new).collect(Collectors.toMap(l -> l.getString("key"), Function.identity()));
  }

  private static String identity(TestApp instance) {
    return instance.pool().query("SELECT id FROM instance_identity").execute().await().iterator().next()
        .getString("id");
  }

  private String ownKey(String prefix, long id) {
    return prefix + id + "@" + identity(app);
  }

  private static float[] storedVector(TestApp instance, String table, long id) {
    Float[] boxed = instance.pool().preparedQuery("SELECT embedding FROM " + table + " WHERE id = $1")
        .execute(Tuple.of(id)).await().iterator().next().getArrayOfFloats("embedding");
    float[] vector = new float[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      vector[i] = boxed[i];
    }
    return vector;
  }

  private static float[] exported(JsonObject line) {
    JsonArray values = line.getJsonObject("embedding").getJsonArray("vector");
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.getNumber(i).floatValue();
    }
    return vector;
  }

  @Test
  @DisplayName("a visitor gets 401 and a provider 403 on both admin exports")
  void onlyAdminsExport() {
    for (String path : new String[] {SOLUTIONS, POSTINGS, SOLUTIONS + "?vectors=false"}) {
      assertThat(api.download(path, null).status()).as(path).isEqualTo(401);
      assertThat(api.download(path, provider).status()).as(path).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("each published solution is one import line with its stored vector; a record of no import is keyed by "
      + "its id and this instance")
  void solutionsAsImportLines() {
    Map<String, JsonObject> lines = byKey(text(api.download(SOLUTIONS, admin)));
    assertThat(identity(app)).matches("[0-9a-f]{16}");
    assertThat(lines.keySet()).containsExactlyInAnyOrder("VX-1", "VX-2", "VX-3", ownKey("SH-S-", apiSolutionId));
    JsonObject mine = lines.get(ownKey("SH-S-", apiSolutionId));
    assertThat(mine.getString("provider")).isEqualTo("青岛向量导出科技有限公司");
    assertThat(mine.getString("title")).isEqualTo("页面发布的焊缝检测方案");
    assertThat(mine.getJsonObject("embedding").getString("model")).isEqualTo(BgeSmallZhEmbedder.MODEL_ID);
    assertThat(exported(mine)).hasSize(512).containsExactly(storedVector(app, "solutions", apiSolutionId));
    JsonObject imported = new JsonObject(lines.get("VX-2").getMap());
    imported.remove("embedding");
    assertThat(imported).isEqualTo(solutionLine("VX-2"));
  }

  @Test
  @DisplayName("the public postings are exported as import lines with kind, issuer and vector")
  void postingsAsImportLines() {
    Map<String, JsonObject> lines = byKey(text(api.download(POSTINGS, admin)));
    assertThat(lines.keySet()).containsExactlyInAnyOrder("VX-P1", ownKey("SH-P-", apiPostingId));
    JsonObject call = lines.get(ownKey("SH-P-", apiPostingId));
    assertThat(call.getString("kind")).isEqualTo("challenge");
    assertThat(call.getString("issuer")).isEqualTo("青岛市向量导出测试局");
    assertThat(exported(call)).containsExactly(storedVector(app, "postings", apiPostingId));
  }

  @Test
  @DisplayName("?vectors=false leaves the vectors out, and another value of it is refused")
  void withoutVectors() {
    String text = text(api.download(SOLUTIONS + "?vectors=false", admin));
    assertThat(byKey(text).values()).hasSize(4).allMatch(line -> !line.containsKey("embedding"));
    assertThat(api.download(POSTINGS + "?vectors=perhaps", admin).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("an export imported into a fresh instance embeds nothing, and that instance exports the same lines")
  void roundTripToAFreshInstance() {
    String solutions = text(api.download(SOLUTIONS, admin));
    String postings = text(api.download(POSTINGS, admin));
    CountingEmbedder counting = new CountingEmbedder();
    try (TestApp other = TestApp.start(counting)) {
      String otherAdmin = other.adminToken();
      int before = counting.texts();
      Api.Response s = other.api.postRaw("/api/v1/admin/import/solutions", otherAdmin, solutions, "application/x-ndjson");
      Api.Response p = other.api.postRaw("/api/v1/admin/import/postings", otherAdmin, postings, "application/x-ndjson");
      assertThat(s.status()).as(s.body()).isEqualTo(200);
      assertThat(p.status()).as(p.body()).isEqualTo(200);
      assertThat(s.json().getInteger("imported")).isEqualTo(4);
      assertThat(p.json().getInteger("imported")).isEqualTo(2);
      assertThat(counting.texts()).as("texts embedded by the importing instance").isEqualTo(before);

      String otherToken = other.adminToken();
      assertThat(byKey(text(other.api.download(SOLUTIONS, otherToken)))).isEqualTo(byKey(solutions));
      assertThat(byKey(text(other.api.download(POSTINGS, otherToken)))).isEqualTo(byKey(postings));
      long copy = other.api.get("/api/v1/solutions/by-ref/" + ownKey("SH-S-", apiSolutionId), null).json()
          .getLong("id");
      assertThat(storedVector(other, "solutions", copy)).containsExactly(storedVector(app, "solutions", apiSolutionId));

      Api.Response again = other.api.postRaw("/api/v1/admin/import/solutions", otherAdmin, solutions, "application/x-ndjson");
      assertThat(again.json()).isEqualTo(new JsonObject().put("imported", 0).put("unchanged", 4));
      assertThat(other.count("SELECT count(*) FROM solutions")).isEqualTo(4);
    }
  }

  @Test
  @DisplayName("an export imported back into its own instance updates its records, also after a trip through another "
      + "instance: nothing is copied")
  void importedBackIntoItsOwnInstance() {
    String solutions = text(api.download(SOLUTIONS, admin));
    String postings = text(api.download(POSTINGS, admin));
    long solutionCount = app.count("SELECT count(*) FROM solutions");
    long postingCount = app.count("SELECT count(*) FROM postings");
    Api.Response s = api.postRaw("/api/v1/admin/import/solutions", admin, solutions, "application/x-ndjson");
    Api.Response p = api.postRaw("/api/v1/admin/import/postings", admin, postings, "application/x-ndjson");
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(solutionCount);
    assertThat(app.count("SELECT count(*) FROM postings")).isEqualTo(postingCount);
    JsonObject mine = api.get("/api/v1/solutions/" + apiSolutionId, admin).json();
    assertThat(mine.getString("sourceRef")).isEqualTo(ownKey("SH-S-", apiSolutionId));
    assertThat(mine.getString("title")).isEqualTo("页面发布的焊缝检测方案");

    try (TestApp other = TestApp.start(new CountingEmbedder())) {
      String otherAdmin = other.adminToken();
      assertThat(other.api.postRaw("/api/v1/admin/import/solutions", otherAdmin, solutions, "application/x-ndjson")
          .status()).isEqualTo(200);
      String back = text(other.api.download(SOLUTIONS, otherAdmin));
      Api.Response again = api.postRaw("/api/v1/admin/import/solutions", admin, back, "application/x-ndjson");
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().getInteger("unchanged")).isEqualTo(4);
      assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(solutionCount);
    }
  }

  @Test
  @DisplayName("another instance's key never reaches a record of this one, even where the ids coincide")
  void anotherInstancesKeyIsAPlainKey() {
    try (TestApp other = TestApp.start(new CountingEmbedder())) {
      String otherAdmin = other.adminToken();
      String otherProvider = Fixtures.verifiedAccount(other, "vy@example.cn", "provider", "青岛另一实例科技有限公司",
          "91370211MA3CQX002");
      long local = other.api.post("/api/v1/solutions", otherProvider, Fixtures.solution("另一实例自己的方案")).json()
          .getLong("id");
      String foreign = "SH-S-" + local + "@" + identity(app);
      Api.Response imported = other.api.postRaw("/api/v1/admin/import/solutions", otherAdmin,
          solutionLine(foreign).encode(), "application/x-ndjson");
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      JsonObject own = other.api.get("/api/v1/solutions/" + local, otherAdmin).json();
      assertThat(own.getString("title")).isEqualTo("另一实例自己的方案");
      assertThat(own.getString("sourceRef")).isNull();
      JsonObject copy = other.api.get("/api/v1/solutions/by-ref/" + foreign, null).json();
      assertThat(copy.getLong("id")).isNotEqualTo(local);
      assertThat(copy.getString("title")).isEqualTo("港口智能理货方案 " + foreign);
    }
  }
}
