package cn.qdaipark.scenariohub.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Funding the issuer released for an accepted milestone (万元). */
public record FundingRelease(long id, long milestoneId, long amountWan, LocalDate releasedOn, OffsetDateTime recordedAt) {
  static FundingRelease fromRow(Row row) {
    return new FundingRelease(row.getLong("id"), row.getLong("milestone_id"), row.getLong("amount_wan"),
        row.getLocalDate("released_on"), row.getOffsetDateTime("recorded_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("milestoneId", milestoneId)
        .put("amountWan", amountWan)
        .put("releasedOn", releasedOn.toString())
        .put("recordedAt", recordedAt.toString());
  }
}
