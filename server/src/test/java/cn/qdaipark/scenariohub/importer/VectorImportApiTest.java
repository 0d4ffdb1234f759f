package cn.qdaipark.scenariohub.importer;

import static cn.qdaipark.scenariohub.importer.ImportApiTest.ndjson;
import static cn.qdaipark.scenariohub.importer.ImportApiTest.postingLine;
import static cn.qdaipark.scenariohub.importer.ImportApiTest.solutionLine;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.posting.PostingInput;
import cn.qdaipark.scenariohub.solution.SolutionInput;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.CountingEmbedder;
import cn.qdaipark.scenariohub.support.SharedEmbedder;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorImportApiTest {
  private final CountingEmbedder embedder = new CountingEmbedder();
  private TestApp app;
  private Api api;
  private String admin;

  @BeforeAll
  void startApp() {
    app = TestApp.start(embedder);
    api = app.api;
    admin = app.adminToken();
  }

  @AfterAll
  void stopApp() {
    app.close();
  }

  /** The line with its vector as an export writes it. */
  static JsonObject withVector(JsonObject line, String model, float[] vector) {
    JsonArray values = new JsonArray();
    for (float v : vector) {
      values.add(v);
    }
    return line.copy().put("embedding", new JsonObject().put("model", model).put("vector", values));
  }

  static JsonObject withVector(JsonObject line, float[] vector) {
    return withVector(line, BgeSmallZhEmbedder.MODEL_ID, vector);
  }

  /** A real vector of the model, made here without the app's embedder. */
  private static float[] vectorOf(String text) {
    return SharedEmbedder.get().embed(text);
  }

  private float[] stored(String table, String key) {
    Row row = app.pool().preparedQuery("SELECT embedding FROM " + table + " WHERE source_ref = $1")
        .execute(Tuple.of(key)).await().iterator().next();
    Float[] boxed = row.getArrayOfFloats("embedding");
    float[] vector = new float[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      vector[i] = boxed[i];
    }
    return vector;
  }

  private Api.Response importSolutions(String body) {
    return api.postRaw("/api/v1/admin/import/solutions", admin, body, "application/x-ndjson");
  }

  private Api.Response importPostings(String body) {
    return api.postRaw("/api/v1/admin/import/postings", admin, body, "application/x-ndjson");
  }

  @Test
  @DisplayName("a line with its vector is stored with exactly that vector, and the model is never asked for it")
  void storesTheGivenVectorWithoutEmbedding() {
    float[] given = vectorOf("一段别的文字，使存下的向量看得出是给定的而非算出的");
    int before = embedder.texts();
    Api.Response r = importSolutions(ndjson(withVector(solutionLine("VEC-1", "带向量的理货方案", "青岛向量科技有限公司"), given)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getInteger("imported")).isEqualTo(1);
    assertThat(embedder.texts()).isEqualTo(before);
    assertThat(stored("solutions", "VEC-1")).containsExactly(given);
  }

  @Test
  @DisplayName("a vector of norm near 1 but not 1 is stored normalised")
  void storesNormalised() {
    float[] given = vectorOf("略长的向量");
    float[] longer = new float[given.length];
    for (int i = 0; i < given.length; i++) {
      longer[i] = given[i] * 1.015f;
    }
    Api.Response r = importSolutions(ndjson(withVector(solutionLine("VEC-NORM", "模长略大的方案", "青岛向量科技有限公司"), longer)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    float[] stored = stored("solutions", "VEC-NORM");
    double norm = Math.sqrt(IntStream.range(0, stored.length).mapToDouble(i -> (double) stored[i] * stored[i]).sum());
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    for (int i = 0; i < given.length; i++) {
      assertThat(stored[i]).isCloseTo(given[i], org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @Test
  @DisplayName("in a mixed file only the lines without a vector are embedded")
  void mixedFileEmbedsOnlyTheLinesWithoutVectors() {
    int before = embedder.texts();
    JsonObject plain = solutionLine("MIX-PLAIN", "无向量的方案", "青岛混合科技有限公司");
    Api.Response r = importSolutions(ndjson(
        withVector(solutionLine("MIX-VEC-1", "有向量的方案一", "青岛混合科技有限公司"), vectorOf("向量一")),
        plain,
        withVector(solutionLine("MIX-VEC-2", "有向量的方案二", "青岛混合科技有限公司"), vectorOf("向量二"))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getInteger("imported")).isEqualTo(3);
    assertThat(embedder.texts() - before).isEqualTo(1);
    assertThat(stored("solutions", "MIX-PLAIN")).containsExactly(vectorOf(SolutionInput.validate(plain).matchText()));
    assertThat(stored("solutions", "MIX-VEC-2")).containsExactly(vectorOf("向量二"));
  }

  @Test
  @DisplayName("a line equal to its stored record is unchanged, with or without its vector")
  void unchangedWithAVector() {
    JsonObject line = withVector(solutionLine("VEC-SAME", "未变的带向量方案", "青岛向量科技有限公司"), vectorOf("未变"));
    assertThat(importSolutions(ndjson(line)).json().getInteger("imported")).isEqualTo(1);
    Api.Response again = importSolutions(ndjson(line));
    assertThat(again.json()).isEqualTo(new JsonObject().put("imported", 0).put("unchanged", 1));
    JsonObject withoutVector = line.copy();
    withoutVector.remove("embedding");
    assertThat(importSolutions(ndjson(withoutVector)).json().getInteger("unchanged")).isEqualTo(1);
  }

  @Test
  @DisplayName("a posting imported with its vector matches a solution imported with its own, with a semantic reason")
  void importedWithVectorsIsMatched() {
    JsonObject solution = solutionLine("VEC-MATCH-S", "集装箱残损智能识别系统", "青岛匹配向量科技有限公司");
    JsonObject posting = postingLine("VEC-MATCH-P", "demand", "青岛匹配向量港务公司");
    int before = embedder.texts();
    assertThat(importSolutions(ndjson(withVector(solution, vectorOf(SolutionInput.validate(solution).matchText()))))
        .status()).isEqualTo(200);
    Api.Response r = importPostings(ndjson(withVector(posting,
        vectorOf(PostingInput.validate(posting, LocalDate.now()).matchText()))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(embedder.texts()).isEqualTo(before);

    long postingId = api.get("/api/v1/postings/by-ref/VEC-MATCH-P", null).json().getLong("id");
    long solutionId = api.get("/api/v1/solutions/by-ref/VEC-MATCH-S", null).json().getLong("id");
    JsonArray items = api.get("/api/v1/postings/" + postingId + "/matches?limit=10", null).json().getJsonArray("items");
    JsonObject match = items.stream().map(JsonObject.class::cast)
        .filter(m -> m.getJsonObject("solution").getLong("id") == solutionId).findFirst().orElseThrow();
    assertThat(match.getJsonArray("reasons").stream().map(o -> ((JsonObject) o).getString("kind"))).contains("semantic");
  }

  @Test
  @DisplayName("bad vectors are refused naming each line, and nothing of the file is stored")
  void badVectorsAreRefused() {
    float[] good = vectorOf("好向量");
    JsonArray nan = new JsonArray();
    JsonArray nested = new JsonArray();
    JsonArray doubled = new JsonArray();
    for (int i = 0; i < good.length; i++) {
      nan.add(i == 7 ? "NaN" : good[i]);
      nested.add(i == 3 ? new JsonArray().add(0.1) : good[i]);
      doubled.add(good[i] * 2);
    }
    String infinity = withVector(solutionLine("BAD-INF", "坏向量五", "青岛坏向量科技有限公司"), good).encode()
        .replaceFirst("\"vector\":\\[[^,]+,", "\"vector\":[1e39,");
    String huge = "{\"key\":\"BAD-HUGE\",\"provider\":\"青岛坏向量科技有限公司\",\"title\":\"坏向量八\","
        + "\"embedding\":{\"model\":\"bge-small-zh-v1.5\",\"vector\":[" + "0.1,".repeat(1_000_000) + "0.1]}}";
    String body = String.join("\n", List.of(
        withVector(solutionLine("GOOD-1", "好向量方案", "青岛坏向量科技有限公司"), good).encode(),
        withVector(solutionLine("BAD-MODEL", "坏向量二", "青岛坏向量科技有限公司"), "text-embedding-3-small", good).encode(),
        withVector(solutionLine("BAD-LEN", "坏向量三", "青岛坏向量科技有限公司"), new float[] {0.6f, 0.8f}).encode(),
        solutionLine("BAD-NAN", "坏向量四", "青岛坏向量科技有限公司")
            .put("embedding", new JsonObject().put("model", BgeSmallZhEmbedder.MODEL_ID).put("vector", nan)).encode(),
        infinity,
        solutionLine("BAD-NORM", "坏向量六", "青岛坏向量科技有限公司")
            .put("embedding", new JsonObject().put("model", BgeSmallZhEmbedder.MODEL_ID).put("vector", doubled)).encode(),
        solutionLine("BAD-TYPE", "坏向量七", "青岛坏向量科技有限公司").put("embedding", "0.1,0.2").encode(),
        huge,
        solutionLine("BAD-NEST", "坏向量九", "青岛坏向量科技有限公司")
            .put("embedding", new JsonObject().put("model", BgeSmallZhEmbedder.MODEL_ID).put("vector", nested)).encode(),
        solutionLine("BAD-NOVEC", "坏向量十", "青岛坏向量科技有限公司")
            .put("embedding", new JsonObject().put("model", BgeSmallZhEmbedder.MODEL_ID)).encode()));
    long before = app.count("SELECT count(*) FROM solutions");
    int embedded = embedder.texts();

    Api.Response r = importSolutions(body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonArray lines = r.error().getJsonArray("lines");
    assertThat(lines.stream().map(o -> ((JsonObject) o).getInteger("line"))).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(lines.stream().map(o -> ((JsonObject) o).getString("message"))).allMatch(m -> m.contains("embedding"));
    assertThat(lines.getJsonObject(0).getString("message")).contains("bge-small-zh-v1.5");
    assertThat(lines.getJsonObject(1).getString("message")).contains("512");
    assertThat(lines.getJsonObject(6).getString("message")).contains("512").contains("1000001");
    assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(before);
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛坏向量科技有限公司'")).isZero();
    assertThat(embedder.texts()).isEqualTo(embedded);
  }

  @Test
  @DisplayName("only an admin imports lines with vectors: a visitor gets 401, a provider 403")
  void onlyAdminsImportVectors() {
    String body = ndjson(withVector(solutionLine("VEC-AUTH", "越权向量方案", "青岛越权科技有限公司"), vectorOf("越权")));
    String provider = api.register("vec-prov@example.cn", "provider", "青岛向量供应商有限公司", null);
    assertThat(api.postRaw("/api/v1/admin/import/solutions", null, body, "application/x-ndjson").status()).isEqualTo(401);
    assertThat(api.postRaw("/api/v1/admin/import/solutions", provider, body, "application/x-ndjson").status()).isEqualTo(403);
    assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref = 'VEC-AUTH'")).isZero();
  }
}
