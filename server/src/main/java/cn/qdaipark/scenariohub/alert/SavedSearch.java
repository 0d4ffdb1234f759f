package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.index.SavedSearchMonitor;
import cn.qdaipark.scenariohub.index.SearchQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A person's saved search: query text plus the filters of /search, on postings or on solutions. */
public record SavedSearch(long id, long userId, String name, String query, String target, JsonObject filters,
                          OffsetDateTime createdAt) {
  public static final String POSTINGS = "postings";
  public static final String SOLUTIONS = "solutions";

  static SavedSearch fromRow(Row row) {
    Object filters = row.getValue("filters");
    return new SavedSearch(row.getLong("id"), row.getLong("user_id"), row.getString("name"), row.getString("query_text"),
        row.getString("target"), filters instanceof JsonObject json ? json : new JsonObject(String.valueOf(filters)),
        row.getOffsetDateTime("created_at"));
  }

  SavedSearchMonitor.SavedQuery toQuery() {
    JsonArray domains = filters.getJsonArray("domain", new JsonArray());
    return new SavedSearchMonitor.SavedQuery(id, SOLUTIONS.equals(target) ? SearchQuery.Target.SOLUTIONS
        : SearchQuery.Target.POSTINGS, query, domains.stream().map(String::valueOf).toList(),
        filters.getString("track"), filters.getString("maturity"), filters.getString("region"), filters.getString("kind"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("query", query)
        .put("target", target)
        .put("filters", filters)
        .put("createdAt", createdAt.toString());
  }
}
