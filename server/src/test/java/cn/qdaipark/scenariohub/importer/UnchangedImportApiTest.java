package cn.qdaipark.scenariohub.importer;

import static cn.qdaipark.scenariohub.importer.ImportApiTest.ndjson;
import static cn.qdaipark.scenariohub.importer.ImportApiTest.solutionLine;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnchangedImportApiTest extends AdminImportSetup {
  private Api.Response importSolutions(String body) {
    return api.postRaw("/api/v1/admin/import/solutions", admin, body, "application/x-ndjson");
  }

  private long outboxAfter(long id) {
    return app.count("SELECT count(*) FROM outbox WHERE entity = 'solution' AND id > " + id);
  }

  private long lastOutboxId() {
    return app.count("SELECT coalesce(max(id), 0) FROM outbox");
  }

  private long versionSum(String refPrefix) {
    return app.count("SELECT coalesce(sum(version), 0) FROM solutions WHERE source_ref LIKE '" + refPrefix + "%'");
  }

  @Test
  @DisplayName("re-importing unchanged records leaves them alone: no new version, no outbox row, counted as unchanged")
  void unchangedReimportIsSkipped() {
    String body = ndjson(solutionLine("SAME-1", "不变方案一", "青岛不变科技有限公司"),
        solutionLine("SAME-2", "不变方案二", "青岛不变科技有限公司"), solutionLine("SAME-3", "不变方案三", "青岛不变科技有限公司"));
    Api.Response first = importSolutions(body);
    assertThat(first.json()).isEqualTo(new JsonObject().put("imported", 3).put("unchanged", 0));
    long versions = versionSum("SAME-");
    long outbox = lastOutboxId();
    String updatedAt = app.pool().query("SELECT max(updated_at)::text FROM solutions WHERE source_ref LIKE 'SAME-%'")
        .execute().await().iterator().next().getString(0);

    Api.Response again = importSolutions(body);

    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(new JsonObject().put("imported", 0).put("unchanged", 3));
    assertThat(versionSum("SAME-")).isEqualTo(versions);
    assertThat(outboxAfter(outbox)).isZero();
    assertThat(app.pool().query("SELECT max(updated_at)::text FROM solutions WHERE source_ref LIKE 'SAME-%'")
        .execute().await().iterator().next().getString(0)).isEqualTo(updatedAt);
  }

  @Test
  @DisplayName("a changed row among unchanged ones is updated alone: one new version and one outbox row")
  void changedRowIsUpdated() {
    importSolutions(ndjson(solutionLine("CHG-1", "改动前一", "青岛改动科技有限公司"),
        solutionLine("CHG-2", "改动前二", "青岛改动科技有限公司")));
    long outbox = lastOutboxId();

    Api.Response again = importSolutions(ndjson(solutionLine("CHG-1", "改动前一", "青岛改动科技有限公司"),
        solutionLine("CHG-2", "改动后二", "青岛改动科技有限公司").put("tags", new io.vertx.core.json.JsonArray().add("新标签"))));

    assertThat(again.json()).isEqualTo(new JsonObject().put("imported", 1).put("unchanged", 1));
    assertThat(app.count("SELECT version FROM solutions WHERE source_ref = 'CHG-1'")).isEqualTo(1);
    assertThat(app.count("SELECT version FROM solutions WHERE source_ref = 'CHG-2'")).isEqualTo(2);
    assertThat(app.count("SELECT count(*) FROM outbox WHERE id > " + outbox
        + " AND entity_id = (SELECT id FROM solutions WHERE source_ref = 'CHG-2')")).isEqualTo(1);
    assertThat(outboxAfter(outbox)).isEqualTo(1);
    JsonObject stored = api.get("/api/v1/solutions/by-ref/CHG-2", null).json();
    assertThat(stored.getString("title")).isEqualTo("改动后二");
    assertThat(stored.getJsonArray("tags").getList()).containsExactly("新标签");
  }

  @Test
  @DisplayName("a record edited or unpublished since its import is imported again, even from an unchanged row")
  void editedOrUnpublishedSinceIsImportedAgain() {
    JsonObject line = solutionLine("EDIT-1", "导入时的标题", "青岛编辑科技有限公司");
    JsonObject archived = solutionLine("EDIT-2", "将被归档的方案", "青岛编辑科技有限公司");
    importSolutions(ndjson(line, archived));
    JsonObject stored = api.get("/api/v1/solutions/by-ref/EDIT-1", null).json();
    JsonObject edit = line.copy().put("title", "管理员改过的标题").put("version", stored.getInteger("version"));
    edit.remove("key");
    edit.remove("provider");
    assertThat(api.put("/api/v1/solutions/" + stored.getLong("id"), admin, edit).status()).isEqualTo(200);
    app.pool().query("UPDATE solutions SET status = 'archived' WHERE source_ref = 'EDIT-2'").execute().await();

    Api.Response again = importSolutions(ndjson(line, archived));

    assertThat(again.json()).isEqualTo(new JsonObject().put("imported", 2).put("unchanged", 0));
    assertThat(api.get("/api/v1/solutions/by-ref/EDIT-1", null).json().getString("title")).isEqualTo("导入时的标题");
    assertThat(api.get("/api/v1/solutions/by-ref/EDIT-2", null).json().getString("status")).isEqualTo("published");
    assertThat(importSolutions(ndjson(line, archived)).json())
        .isEqualTo(new JsonObject().put("imported", 0).put("unchanged", 2));
  }

  @Test
  @DisplayName("a row moved to another provider is imported again")
  void otherProviderIsAChange() {
    importSolutions(ndjson(solutionLine("MOVE-1", "换供应商的方案", "青岛原供应商科技有限公司")));

    Api.Response again = importSolutions(ndjson(solutionLine("MOVE-1", "换供应商的方案", "青岛新供应商科技有限公司")));

    assertThat(again.json().getInteger("imported")).isEqualTo(1);
    assertThat(api.get("/api/v1/solutions/by-ref/MOVE-1", null).json().getString("provider")).isEqualTo("青岛新供应商科技有限公司");
  }

  @Test
  @DisplayName("a database failure in the second batch of 500 leaves nothing of the first: no row, no outbox entry")
  void noHalfWrittenBatch() {
    app.pool().query("CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN "
        + "IF NEW.title = '第550号会失败的方案' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql")
        .execute().await();
    app.pool().query("CREATE TRIGGER refuse_boom BEFORE INSERT OR UPDATE ON solutions FOR EACH ROW "
        + "EXECUTE FUNCTION refuse_boom()").execute().await();
    try {
      long outbox = lastOutboxId();
      String body = IntStream.range(0, 600)
          .mapToObj(i -> solutionLine("HALF-" + i, i == 550 ? "第550号会失败的方案" : "半途方案" + i, "青岛半途科技有限公司")
              .encode())
          .collect(Collectors.joining("\n"));

      Api.Response r = importSolutions(body);

      assertThat(r.status()).isEqualTo(500);
      assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref LIKE 'HALF-%'")).isZero();
      assertThat(app.count("SELECT count(*) FROM organizations WHERE name = '青岛半途科技有限公司'")).isZero();
      assertThat(outboxAfter(outbox)).isZero();
    } finally {
      app.pool().query("DROP TRIGGER refuse_boom ON solutions").execute().await();
      app.pool().query("DROP FUNCTION refuse_boom()").execute().await();
    }
  }
}
