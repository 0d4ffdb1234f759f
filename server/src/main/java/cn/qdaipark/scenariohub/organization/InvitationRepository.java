package cn.qdaipark.scenariohub.organization;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

public final class InvitationRepository {
  private static final String INSERT = "INSERT INTO invitations (organization_id, code_hash, created_by, expires_at) "
      + "VALUES (#{organizationId}, #{codeHash}, #{createdBy}, #{expiresAt}) RETURNING id";
  /**
   * Takes the code for the new member. The row lock makes a concurrent second use wait and then find used_by set,
   * so a code used twice at once joins only one account.
   */
  private static final String REDEEM = "UPDATE invitations SET used_by = #{userId}, used_at = #{now} "
      + "WHERE code_hash = #{codeHash} AND organization_id = #{organizationId} AND used_by IS NULL "
      + "AND expires_at > #{now} RETURNING id";

  public Future<Long> insert(SqlClient db, long organizationId, String codeHash, long createdBy, OffsetDateTime expiresAt) {
    return SqlTemplate.forQuery(db, INSERT)
        .execute(Map.of("organizationId", organizationId, "codeHash", codeHash, "createdBy", createdBy, "expiresAt", expiresAt))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** The id of the invitation now used by {@code userId}; empty when the code is unknown, used, expired or another's. */
  public Future<Optional<Long>> redeem(SqlClient db, long organizationId, String codeHash, long userId, OffsetDateTime now) {
    return SqlTemplate.forQuery(db, REDEEM).mapTo(row -> row.getLong("id"))
        .execute(Map.of("organizationId", organizationId, "codeHash", codeHash, "userId", userId, "now", now))
        .map(Rows::first);
  }
}
