package cn.qdaipark.scenariohub.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;

/** Records each change made by a person; call it inside the transaction of the change itself. */
public final class AuditLog {
  private static final String INSERT = "INSERT INTO audit_log (actor_id, action, entity, entity_id, detail) "
      + "VALUES (#{actor}, #{action}, #{entity}, #{entityId}, #{detail})";

  public Future<Void> record(SqlClient db, Long actorId, String action, String entity, Long entityId, JsonObject detail) {
    Map<String, Object> p = new HashMap<>();
    p.put("actor", actorId);
    p.put("action", action);
    p.put("entity", entity);
    p.put("entityId", entityId);
    p.put("detail", detail == null ? new JsonObject() : detail);
    return SqlTemplate.forUpdate(db, INSERT).execute(p).mapEmpty();
  }
}
