package cn.qdaipark.scenariohub.export;

import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.solution.Solution;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;

/**
 * Stored records as lines of the admin bulk import, each with its stored vector, so that another instance imports
 * the collection without embedding it again. A record that came from no import gets a key made of its id and this
 * instance's identity ({@link cn.qdaipark.scenariohub.db.RecordKeys}), so that importing the file here again updates
 * the record instead of copying it, and importing it twice elsewhere updates what the first import created.
 */
final class ImportLines {
  private ImportLines() {
  }

  static JsonObject solution(Row row, String model) {
    Solution s = Solution.fromRow(row);
    return withVector(new JsonObject()
        .put("key", row.getString("record_key"))
        .put("provider", s.provider())
        .put("title", s.title())
        .put("summary", s.summary())
        .put("description", s.description())
        .put("domains", new JsonArray(s.domains()))
        .put("track", s.track())
        .put("tags", new JsonArray(s.tags()))
        .put("maturity", s.maturity())
        .put("region", s.region())
        .put("cases", new JsonArray(s.cases()))
        .put("priceRange", s.priceRange()), row, model);
  }

  static JsonObject posting(Row row, String model) {
    Posting p = Posting.fromRow(row);
    return withVector(new JsonObject()
        .put("key", row.getString("record_key"))
        .put("kind", p.kind())
        .put("issuer", p.issuer())
        .put("title", p.title())
        .put("description", p.description())
        .put("domain", p.domain())
        .put("budgetWan", p.budgetWan())
        .put("deadline", p.deadline() == null ? null : p.deadline().toString())
        .put("requirements", new JsonArray(p.requirements()))
        .put("region", p.region()), row, model);
  }

  /** Adds the row's {@code embedding} column, when the query read one, in the form the import takes. */
  private static JsonObject withVector(JsonObject line, Row row, String model) {
    Float[] vector = row.getArrayOfFloats("embedding");
    return vector == null ? line
        : line.put("embedding", new JsonObject().put("model", model).put("vector", new JsonArray(List.of(vector))));
  }
}
