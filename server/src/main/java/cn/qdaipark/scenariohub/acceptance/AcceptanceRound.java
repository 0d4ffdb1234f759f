package cn.qdaipark.scenariohub.acceptance;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * One acceptance round of a call: open while the panel scores; concluded with the outcome the call moved to
 * (accepted, back to in_delivery, or failed) and the panel's findings.
 */
public record AcceptanceRound(long id, long postingId, int roundNo, String status, String outcome, PanelVerdict findings,
                              String summary, OffsetDateTime openedAt, OffsetDateTime concludedAt) {
  public static final String OPEN = "open";
  public static final String CONCLUDED = "concluded";

  static AcceptanceRound fromRow(Row row) {
    Object findings = row.getJson("findings");
    return new AcceptanceRound(row.getLong("id"), row.getLong("posting_id"), row.getInteger("round_no"),
        row.getString("status"), row.getString("outcome"),
        findings instanceof JsonObject o ? PanelVerdict.fromJson(o) : null, row.getString("summary"),
        row.getOffsetDateTime("opened_at"), row.getOffsetDateTime("concluded_at"));
  }

  public boolean open() {
    return OPEN.equals(status);
  }
}
