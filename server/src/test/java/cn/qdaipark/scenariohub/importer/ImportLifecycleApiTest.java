package cn.qdaipark.scenariohub.importer;

import static cn.qdaipark.scenariohub.importer.ImportApiTest.ndjson;
import static cn.qdaipark.scenariohub.importer.ImportApiTest.postingLine;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an import may not do to the postings already there, and what it leaves on their timelines. */
class ImportLifecycleApiTest extends AdminImportSetup {
  private Api.Response importPostings(String body) {
    return api.postRaw("/api/v1/admin/import/postings", admin, body, "application/x-ndjson");
  }

  private JsonObject byRef(String ref) {
    return api.get("/api/v1/postings/by-ref/" + ref, admin).json();
  }

  private void moveTo(String ref, String status) {
    app.pool().query("UPDATE postings SET status = '" + status + "' WHERE source_ref = '" + ref + "'").execute().await();
  }

  @Test
  @DisplayName("re-importing a call in 结果公示 unchanged keeps it there, and new content for it is refused naming the line")
  void callPastOpenKeepsStatusAndContent() {
    JsonObject call = postingLine("LC-1", "challenge", "青岛市公示测试局");
    assertThat(importPostings(ndjson(call)).status()).isEqualTo(200);
    moveTo("LC-1", "result_published");

    Api.Response again = importPostings(ndjson(call, postingLine("LC-2", "challenge", "青岛市公示测试局")));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(byRef("LC-1").getString("status")).isEqualTo("result_published");
    assertThat(byRef("LC-2").getString("status")).isEqualTo("open");

    Api.Response changed = importPostings(ndjson(postingLine("LC-3", "challenge", "青岛市公示测试局"),
        call.copy().put("title", "改过的榜单标题")));
    assertThat(changed.status()).isEqualTo(400);
    JsonArray lines = changed.error().getJsonArray("lines");
    assertThat(lines).hasSize(1);
    assertThat(lines.getJsonObject(0).getInteger("line")).isEqualTo(2);
    assertThat(lines.getJsonObject(0).getString("message")).contains("key", "LC-1", "结果公示");
    JsonObject kept = byRef("LC-1");
    assertThat(kept.getString("status")).isEqualTo("result_published");
    assertThat(kept.getString("title")).isEqualTo(call.getString("title"));
    assertThat(app.count("SELECT count(*) FROM postings WHERE source_ref = 'LC-3'")).isZero();
  }

  @Test
  @DisplayName("re-importing a posting awaiting moderation updates its content and leaves it pending, not open")
  void pendingPostingStaysPending() {
    JsonObject demand = postingLine("LC-PEND", "demand", "青岛待审测试公司");
    importPostings(ndjson(demand));
    moveTo("LC-PEND", "pending");

    Api.Response again = importPostings(ndjson(demand.copy().put("title", "待审需求的新标题")));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    JsonObject p = byRef("LC-PEND");
    assertThat(p.getString("status")).isEqualTo("pending");
    assertThat(p.getString("title")).isEqualTo("待审需求的新标题");
  }

  @Test
  @DisplayName("a challenge whose issuer is a provider organization is refused naming the line, like POST /postings")
  void challengeUnderProviderRefused() {
    api.register("lc-provider@example.cn", "provider", "青岛揭榜测试智能科技有限公司", null);
    long before = app.count("SELECT count(*) FROM postings");

    Api.Response r = importPostings(ndjson(postingLine("LC-OK", "challenge", "青岛市揭榜测试局"),
        postingLine("LC-PROV", "challenge", "青岛揭榜测试智能科技有限公司"),
        postingLine("LC-PROV-D", "demand", "青岛揭榜测试智能科技有限公司")));

    assertThat(r.status()).isEqualTo(400);
    JsonArray lines = r.error().getJsonArray("lines");
    assertThat(lines).hasSize(2);
    assertThat(lines.getJsonObject(0).getInteger("line")).isEqualTo(2);
    assertThat(lines.getJsonObject(0).getString("message")).contains("issuer", "政府部门", "服务商");
    assertThat(lines.getJsonObject(1).getInteger("line")).isEqualTo(3);
    assertThat(app.count("SELECT count(*) FROM postings")).isEqualTo(before);
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛市揭榜测试局'")).isZero();
  }

  @Test
  @DisplayName("a new issuer named by a demand and then by a challenge is created as a government body")
  void newIssuerOfAChallengeIsGovernment() {
    Api.Response r = importPostings(ndjson(postingLine("LC-MIX-D", "demand", "青岛市混合测试局"),
        postingLine("LC-MIX-C", "challenge", "青岛市混合测试局")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛市混合测试局' AND kind = 'government'"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("an imported call has its creation on its timeline, once, however often it is imported again")
  void importedCallHasCreationEvent() {
    JsonObject call = postingLine("LC-TL", "challenge", "青岛市时间线测试局");
    importPostings(ndjson(call));
    importPostings(ndjson(call.copy().put("title", "时间线榜单第二版")));
    long id = byRef("LC-TL").getLong("id");

    JsonObject timeline = api.get("/api/v1/postings/" + id + "/timeline", admin).json();
    JsonArray items = timeline.getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject created = items.getJsonObject(0);
    assertThat(created.getString("from")).isNull();
    assertThat(created.getString("to")).isEqualTo("open");
    assertThat(created.getString("by")).isEqualTo("admin");
    assertThat(created.getString("note")).isEqualTo("批量导入");
  }
}
