package cn.qdaipark.scenariohub.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** The winning lead's plan of milestones for an awarded call: proposed, then accepted or returned by the issuer. */
public record DeliveryPlan(long postingId, long applicationId, String status, String comment, OffsetDateTime proposedAt,
                           OffsetDateTime decidedAt, int version) {
  public static final String PROPOSED = "proposed";
  public static final String ACCEPTED = "accepted";
  public static final String RETURNED = "returned";

  static DeliveryPlan fromRow(Row row) {
    return new DeliveryPlan(row.getLong("posting_id"), row.getLong("application_id"), row.getString("status"),
        row.getString("comment"), row.getOffsetDateTime("proposed_at"), row.getOffsetDateTime("decided_at"),
        row.getInteger("version"));
  }

  public boolean accepted() {
    return ACCEPTED.equals(status);
  }

  /** The plan as everyone may see it; the issuer's return comment only for the parties. */
  public JsonObject toJson(boolean insider) {
    return new JsonObject()
        .put("status", status)
        .put("comment", insider ? comment : null)
        .put("proposedAt", proposedAt.toString())
        .put("decidedAt", decidedAt == null ? null : decidedAt.toString())
        .put("version", version);
  }
}
