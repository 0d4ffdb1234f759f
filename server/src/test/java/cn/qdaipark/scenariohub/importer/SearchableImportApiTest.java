package cn.qdaipark.scenariohub.importer;

import static cn.qdaipark.scenariohub.importer.ImportApiTest.ndjson;
import static cn.qdaipark.scenariohub.importer.ImportApiTest.postingLine;
import static cn.qdaipark.scenariohub.importer.ImportApiTest.solutionLine;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SearchableImportApiTest extends AdminImportSetup {
  private boolean found(String type, String word) {
    return !api.get("/api/v1/search?type=" + type + "&q=" + word, null).json().getJsonArray("items").isEmpty();
  }

  @Test
  @DisplayName("imported solutions and postings are searchable as soon as their import answers")
  void searchableWhenAnswered() {
    Api.Response solutions = api.postRaw("/api/v1/admin/import/solutions", admin,
        ndjson(solutionLine("FIND-1", "可检索方案 qzsolword", "青岛检索科技有限公司"),
            solutionLine("FIND-2", "另一个可检索方案", "青岛检索科技有限公司")), "application/x-ndjson");
    assertThat(solutions.status()).as(solutions.body()).isEqualTo(200);
    assertThat(found("solutions", "qzsolword")).isTrue();

    Api.Response postings = api.postRaw("/api/v1/admin/import/postings", admin,
        ndjson(postingLine("FIND-P1", "demand", "青岛检索需求公司").put("title", "可检索需求 qzpostword")),
        "application/x-ndjson");
    assertThat(postings.status()).as(postings.body()).isEqualTo(200);
    assertThat(found("postings", "qzpostword")).isTrue();
  }

  @Test
  @DisplayName("an import answers, searchable, while another transaction holds an earlier outbox entry open")
  void answersPastAHeldHole() throws Exception {
    try (Connection slow = app.jdbc()) {
      slow.setAutoCommit(false);
      try (Statement s = slow.createStatement()) {
        s.execute("INSERT INTO outbox (entity, entity_id) VALUES ('solution', -1)");
      }
      long started = System.nanoTime();
      Api.Response r = api.postRaw("/api/v1/admin/import/solutions", admin,
          ndjson(solutionLine("HOLE-1", "洞后方案 qzholeword", "青岛洞后科技有限公司")), "application/x-ndjson");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json()).isEqualTo(new JsonObject().put("imported", 1).put("unchanged", 0));
      assertThat(found("solutions", "qzholeword")).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      slow.rollback();
    }
  }
}
