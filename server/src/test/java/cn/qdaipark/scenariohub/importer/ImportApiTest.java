package cn.qdaipark.scenariohub.importer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImportApiTest extends AdminImportSetup {
  static JsonObject solutionLine(String key, String title, String provider) {
    return new JsonObject().put("key", key).put("title", title).put("summary", "港口岸桥远程操控与智能理货一体化方案")
        .put("description", "通过岸桥多路高清视频与激光扫描，结合箱号识别与残损检测模型，实现集装箱装卸全过程智能理货，减少现场人员。")
        .put("domains", new JsonArray().add("空天地海")).put("track", "复杂算法软件研发")
        .put("tags", new JsonArray().add("智能理货").add("箱号识别")).put("maturity", "规模化应用")
        .put("provider", provider).put("region", "青岛市黄岛区").put("cases", new JsonArray()).put("priceRange", "");
  }

  static JsonObject postingLine(String key, String kind, String issuer) {
    return new JsonObject().put("key", key).put("kind", kind).put("title", "智慧港口集装箱残损自动识别")
        .put("description", "码头每日处理集装箱数万标箱，残损检验依赖人工目视，漏检与争议频发，希望自动识别箱体残损并留存证据。")
        .put("domain", "空天地海").put("issuer", issuer).put("budgetWan", 200).put("deadline", "2027-06-30")
        .put("requirements", new JsonArray().add("残损识别准确率≥95%")).put("region", "青岛市");
  }

  static String ndjson(JsonObject... lines) {
    return java.util.Arrays.stream(lines).map(JsonObject::encode).collect(Collectors.joining("\n")) + "\n";
  }

  private Api.Response importSolutions(String body) {
    return api.postRaw("/api/v1/admin/import/solutions", admin, body, "application/x-ndjson");
  }

  @Test
  @DisplayName("a valid file is imported and published; its keys become sourceRefs; unknown providers are created")
  void importsAndPublishes() {
    Api.Response r = importSolutions(ndjson(solutionLine("IMP-1", "智能理货系统", "青岛港通智能科技有限公司"),
        solutionLine("IMP-2", "岸桥远控系统", "青岛港通智能科技有限公司")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getInteger("imported")).isEqualTo(2);
    JsonObject s = api.get("/api/v1/solutions/by-ref/IMP-1", null).json();
    assertThat(s.getString("status")).isEqualTo("published");
    assertThat(s.getString("provider")).isEqualTo("青岛港通智能科技有限公司");
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛港通智能科技有限公司' AND kind = 'provider'")).isEqualTo(1);
  }

  @Test
  @DisplayName("one bad line fails the whole request naming that line, and nothing is stored")
  void atomicWithLineErrors() {
    long before = app.count("SELECT count(*) FROM solutions");
    String body = ndjson(solutionLine("ATOM-1", "正常记录一", "青岛原子科技有限公司"),
        solutionLine("ATOM-2", "正常记录二", "青岛原子科技有限公司"))
        + solutionLine("ATOM-3", "坏记录", "青岛原子科技有限公司").put("track", "不存在的赛道").encode() + "\n"
        + "{not json\n";
    Api.Response r = importSolutions(body);
    assertThat(r.status()).isEqualTo(400);
    JsonArray lines = r.error().getJsonArray("lines");
    assertThat(lines).hasSize(2);
    assertThat(lines.getJsonObject(0).getInteger("line")).isEqualTo(3);
    assertThat(lines.getJsonObject(0).getString("message")).contains("track");
    assertThat(lines.getJsonObject(1).getInteger("line")).isEqualTo(4);
    assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(before);
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛原子科技有限公司'")).isZero();
  }

  @Test
  @DisplayName("re-importing the same keys updates the records instead of duplicating them")
  void idempotentReimport() {
    importSolutions(ndjson(solutionLine("IDEM-1", "第一版标题", "青岛幂等科技有限公司")));
    long count = app.count("SELECT count(*) FROM solutions");
    Api.Response again = importSolutions(ndjson(solutionLine("IDEM-1", "第二版标题", "青岛幂等科技有限公司")));
    assertThat(again.status()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(count);
    assertThat(api.get("/api/v1/solutions/by-ref/IDEM-1", null).json().getString("title")).isEqualTo("第二版标题");
  }

  @Test
  @DisplayName("duplicate keys within one file are reported as line errors")
  void duplicateKeysInFile() {
    Api.Response r = importSolutions(ndjson(solutionLine("DUP-1", "甲方案", "青岛重复科技有限公司"),
        solutionLine("DUP-1", "乙方案", "青岛重复科技有限公司")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getJsonArray("lines").getJsonObject(0).getInteger("line")).isEqualTo(2);
  }

  @Test
  @DisplayName("postings import creates government issuers for challenges and enterprises for demands")
  void importPostings() {
    Api.Response r = api.postRaw("/api/v1/admin/import/postings", admin,
        ndjson(postingLine("IP-1", "challenge", "青岛市港航局"), postingLine("IP-2", "demand", "青岛某码头公司")),
        "application/x-ndjson");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/postings/by-ref/IP-1", null).json().getString("status")).isEqualTo("open");
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛市港航局' AND kind = 'government'")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛某码头公司' AND kind = 'enterprise'")).isEqualTo(1);
  }

  @Test
  @DisplayName("only admins may import")
  void onlyAdmins() {
    String provider = api.register("imp-prov@example.cn", "provider", "青岛导入测试有限公司", null);
    String body = ndjson(solutionLine("NOPE-1", "越权导入", "青岛导入测试有限公司"));
    assertThat(api.postRaw("/api/v1/admin/import/solutions", provider, body, "application/x-ndjson").status()).isEqualTo(403);
    assertThat(api.postRaw("/api/v1/admin/import/solutions", null, body, "application/x-ndjson").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("a large import of 600 lines is stored in batches within one request")
  void largeImport() {
    String body = IntStream.range(0, 600)
        .mapToObj(i -> solutionLine("BULK-" + i, "批量方案" + i, "青岛批量科技有限公司" + (i % 7)).encode())
        .collect(Collectors.joining("\n"));
    Api.Response r = importSolutions(body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref LIKE 'BULK-%'")).isEqualTo(600);
  }
}
