package cn.qdaipark.scenariohub.conversation;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** The contact person an organization entered in a thread, and whether it currently shows them to the other side. */
public record SharedContact(long conversationId, long organizationId, String name, String phone, String email,
                            boolean shared, OffsetDateTime updatedAt) {

  static SharedContact fromRow(Row row) {
    return new SharedContact(row.getLong("conversation_id"), row.getLong("organization_id"), row.getString("name"),
        row.getString("phone"), row.getString("email"), row.getBoolean("shared"), row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("organizationId", organizationId)
        .put("name", name)
        .put("phone", phone)
        .put("email", email)
        .put("shared", shared)
        .put("updatedAt", updatedAt.toString());
  }
}
