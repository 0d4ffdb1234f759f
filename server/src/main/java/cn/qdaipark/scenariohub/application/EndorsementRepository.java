package cn.qdaipark.scenariohub.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;

/** The endorsement columns of applications. */
final class EndorsementRepository {
  private static final String AWAIT = "UPDATE applications SET endorsement = 'pending', endorser_org_id = #{org} "
      + "WHERE id = #{id}";
  private static final String DECIDE = "UPDATE applications SET endorsement = #{to}, endorsed_by = #{user}, "
      + "endorsed_at = now(), endorsement_note = #{note} WHERE id = #{id} AND endorsement = 'pending' RETURNING id";

  Future<Void> await(SqlClient db, long applicationId, long endorserOrgId) {
    return SqlTemplate.forUpdate(db, AWAIT).execute(Map.of("id", applicationId, "org", endorserOrgId)).mapEmpty();
  }

  /** Records the endorsing body's decision; false when it has decided already. */
  Future<Boolean> decide(SqlClient db, long applicationId, String to, long userId, String note) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", applicationId);
    p.put("to", to);
    p.put("user", userId);
    p.put("note", note);
    return SqlTemplate.forQuery(db, DECIDE).execute(p).map(rows -> rows.size() == 1);
  }
}
