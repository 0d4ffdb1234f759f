package cn.qdaipark.scenariohub.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;

/** A progress report on a milestone: text, measured indicator values and evidence; accepted or returned. */
public record MilestoneReport(long id, long milestoneId, String text, JsonArray indicators, String status,
                              OffsetDateTime submittedAt, String comment, OffsetDateTime decidedAt,
                              List<Evidence> evidence) {
  public static final String SUBMITTED = "submitted";
  public static final String ACCEPTED = "accepted";
  public static final String RETURNED = "returned";

  static MilestoneReport fromRow(Row row) {
    Object indicators = row.getValue("indicators");
    return new MilestoneReport(row.getLong("id"), row.getLong("milestone_id"), row.getString("text"),
        indicators instanceof JsonArray array ? array : new JsonArray(String.valueOf(indicators)),
        row.getString("status"), row.getOffsetDateTime("submitted_at"), row.getString("comment"),
        row.getOffsetDateTime("decided_at"), List.of());
  }

  MilestoneReport withEvidence(List<Evidence> files) {
    return new MilestoneReport(id, milestoneId, text, indicators, status, submittedAt, comment, decidedAt,
        List.copyOf(files));
  }

  public JsonObject toJson() {
    JsonArray files = new JsonArray();
    evidence.forEach(e -> files.add(e.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("milestoneId", milestoneId)
        .put("text", text)
        .put("indicators", indicators)
        .put("status", status)
        .put("submittedAt", submittedAt.toString())
        .put("comment", comment)
        .put("decidedAt", decidedAt == null ? null : decidedAt.toString())
        .put("evidence", files);
  }
}
