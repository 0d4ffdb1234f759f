package cn.qdaipark.scenariohub.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;

/** One milestone of a delivery plan: planned → reported → accepted, or returned and reported again. */
public record Milestone(long id, long postingId, int position, String title, LocalDate dueDate, String deliverable,
                        long fundingWan, String status) {
  public static final String PLANNED = "planned";
  public static final String REPORTED = "reported";
  public static final String ACCEPTED = "accepted";
  public static final String RETURNED = "returned";

  static Milestone fromRow(Row row) {
    return new Milestone(row.getLong("id"), row.getLong("posting_id"), row.getInteger("position"),
        row.getString("title"), row.getLocalDate("due_date"), row.getString("deliverable"),
        row.getLong("funding_wan"), row.getString("status"));
  }

  /** Past its due date and not yet accepted (逾期). */
  public boolean late(LocalDate today) {
    return !ACCEPTED.equals(status) && dueDate.isBefore(today);
  }

  /** Whether the lead may report on it now (the plan and the call permitting). */
  public boolean reportable() {
    return PLANNED.equals(status) || RETURNED.equals(status);
  }

  public JsonObject toJson(LocalDate today) {
    return new JsonObject()
        .put("id", id)
        .put("position", position)
        .put("title", title)
        .put("dueDate", dueDate.toString())
        .put("deliverable", deliverable)
        .put("fundingWan", fundingWan)
        .put("status", status)
        .put("late", late(today));
  }
}
