package cn.qdaipark.scenariohub.posting;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One status change of a posting, for its timeline; {@code actorId} is null when the system made it. */
public record PostingEvent(long id, long postingId, String fromStatus, String toStatus, Long actorId, String actorName,
                           String actorKind, String note, OffsetDateTime createdAt) {

  static PostingEvent fromRow(Row row) {
    return new PostingEvent(row.getLong("id"), row.getLong("posting_id"), row.getString("from_status"),
        row.getString("to_status"), row.getLong("actor_id"), row.getString("actor_name"), row.getString("actor_kind"),
        row.getString("note"), row.getOffsetDateTime("created_at"));
  }

  /** The event as the public timeline shows it; {@code withActor} adds who it was (for the issuer and admins). */
  public JsonObject toJson(String kind, boolean withActor) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("from", fromStatus)
        .put("fromLabel", fromStatus == null ? null : PostingStatus.label(kind, fromStatus))
        .put("to", toStatus)
        .put("toLabel", PostingStatus.label(kind, toStatus))
        .put("by", actorKind)
        .put("note", note)
        .put("at", createdAt.toString());
    if (withActor) {
      json.put("actorId", actorId).put("actorName", actorName);
    }
    return json;
  }
}
