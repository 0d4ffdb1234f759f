package cn.qdaipark.scenariohub.organization;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

public record Organization(long id, String name, OrgKind kind, String creditCode, String region, boolean verified,
                           OffsetDateTime createdAt, int version) {

  static Organization fromRow(Row row) {
    return new Organization(row.getLong("id"), row.getString("name"), OrgKind.parse(row.getString("kind")).orElseThrow(),
        row.getString("credit_code"), row.getString("region"), row.getBoolean("verified"),
        row.getOffsetDateTime("created_at"), row.getInteger("version"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("kind", kind.wire())
        .put("creditCode", creditCode)
        .put("region", region)
        .put("verified", verified)
        .put("createdAt", createdAt.toString())
        .put("version", version);
  }
}
