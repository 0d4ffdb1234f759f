package cn.qdaipark.scenariohub.acceptance;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A member of a round's panel: who, when appointed, a declared recusal, and when last scored (null: not yet). */
public record PanelMember(long userId, String displayName, Long organizationId, String organization,
                          OffsetDateTime appointedAt, String recusalReason, OffsetDateTime recusedAt,
                          OffsetDateTime scoredAt) {
  static PanelMember fromRow(Row row) {
    return new PanelMember(row.getLong("user_id"), row.getString("display_name"), row.getLong("organization_id"),
        row.getString("organization"), row.getOffsetDateTime("appointed_at"), row.getString("recusal_reason"),
        row.getOffsetDateTime("recused_at"), row.getOffsetDateTime("scored_at"));
  }

  public boolean recused() {
    return recusedAt != null;
  }

  public boolean scored() {
    return scoredAt != null;
  }

  JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("displayName", displayName).put("organizationId", organizationId)
        .put("organization", organization).put("appointedAt", appointedAt.toString()).put("recused", recused())
        .put("recusalReason", recusalReason).put("scored", scored());
  }
}
