package cn.qdaipark.scenariohub.alert;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

public record Notification(long id, String kind, Long postingId, Long solutionId, String title, String body, String link,
                           OffsetDateTime createdAt, OffsetDateTime readAt) {

  static Notification fromRow(Row row) {
    return new Notification(row.getLong("id"), row.getString("kind"), row.getLong("posting_id"),
        row.getLong("solution_id"), row.getString("title"), row.getString("body"), row.getString("link"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("read_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("postingId", postingId)
        .put("solutionId", solutionId)
        .put("title", title)
        .put("body", body)
        .put("link", link)
        .put("createdAt", createdAt.toString())
        .put("read", readAt != null);
  }
}
