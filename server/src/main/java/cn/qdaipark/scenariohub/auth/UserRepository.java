package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class UserRepository {
  private static final String COLUMNS = "id, email, password_hash, display_name, role, organization_id, requested_organization_id, "
      + "token_version";
  private static final String BY_EMAIL = "SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(#{email})";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = #{id}";
  private static final String INSERT = "INSERT INTO users (email, password_hash, display_name, role, organization_id, "
      + "requested_organization_id) VALUES (#{email}, #{hash}, #{displayName}, #{role}, #{org}, #{requested}) RETURNING " + COLUMNS;
  private static final String MEMBERS = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM users "
      + "WHERE organization_id = #{org} ORDER BY id LIMIT #{limit} OFFSET #{offset}";
  private static final String JOIN_REQUESTS = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM users "
      + "WHERE requested_organization_id = #{org} ORDER BY id LIMIT #{limit} OFFSET #{offset}";
  private static final String APPROVE = "UPDATE users SET organization_id = requested_organization_id, "
      + "requested_organization_id = NULL WHERE id = #{id} AND requested_organization_id = #{org} RETURNING " + COLUMNS;
  private static final String DECLINE = "UPDATE users SET requested_organization_id = NULL "
      + "WHERE id = #{id} AND requested_organization_id = #{org} RETURNING " + COLUMNS;
  private static final String ANY_ADMIN = "SELECT count(*) AS n FROM users WHERE role = 'admin'";
  private static final String REVOKE = "INSERT INTO revoked_tokens (jti, expires_at) VALUES (#{jti}, #{exp}) "
      + "ON CONFLICT (jti) DO NOTHING";
  private static final String HOLDER = "SELECT " + COLUMNS + ", token_version <> #{version} OR EXISTS "
      + "(SELECT 1 FROM revoked_tokens WHERE jti = #{jti}) AS revoked FROM users WHERE id = #{id}";
  private static final String PRUNE_REVOKED = "DELETE FROM revoked_tokens WHERE expires_at < now()";

  public Future<Optional<UserAccount>> findByEmail(SqlClient db, String email) {
    return SqlTemplate.forQuery(db, BY_EMAIL).mapTo(UserAccount::fromRow).execute(Map.of("email", email)).map(Rows::first);
  }

  public Future<Optional<UserAccount>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(UserAccount::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  public Future<UserAccount> insert(SqlClient db, String email, String hash, String displayName, Role role, Long orgId) {
    return insert(db, email, hash, displayName, role, orgId, null);
  }

  /** An account that is a member of {@code orgId}, or (orgId null) one asking to join {@code requestedOrgId}. */
  public Future<UserAccount> insert(SqlClient db, String email, String hash, String displayName, Role role, Long orgId,
                                    Long requestedOrgId) {
    Map<String, Object> p = new HashMap<>();
    p.put("requested", requestedOrgId);
    p.put("email", email);
    p.put("hash", hash);
    p.put("displayName", displayName);
    p.put("role", role.wire());
    p.put("org", orgId);
    return SqlTemplate.forQuery(db, INSERT).mapTo(UserAccount::fromRow).execute(p).map(rows -> rows.iterator().next());
  }

  public Future<Page<UserAccount>> members(SqlClient db, long orgId, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("org", orgId);
    page.addTo(p);
    return SqlTemplate.forQuery(db, MEMBERS).execute(p).map(rows -> Page.fromRows(rows, UserAccount::fromRow));
  }

  /** The accounts asking to join the organization, oldest first. */
  public Future<Page<UserAccount>> joinRequests(SqlClient db, long orgId, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("org", orgId);
    page.addTo(p);
    return SqlTemplate.forQuery(db, JOIN_REQUESTS).execute(p).map(rows -> Page.fromRows(rows, UserAccount::fromRow));
  }

  /**
   * Settles the account's request to join the organization: it becomes a member, or is left without one. Empty when
   * the account has no such request (never made, or already settled).
   */
  public Future<Optional<UserAccount>> settleJoinRequest(SqlClient db, long userId, long orgId, boolean approve) {
    return SqlTemplate.forQuery(db, approve ? APPROVE : DECLINE).mapTo(UserAccount::fromRow)
        .execute(Map.of("id", userId, "org", orgId)).map(Rows::first);
  }

  public Future<Boolean> anyAdmin(SqlClient db) {
    return db.query(ANY_ADMIN).execute().map(rows -> rows.iterator().next().getLong("n") > 0);
  }

  public Future<Void> revoke(SqlClient db, UUID jti, long expiresAtEpochSecond) {
    OffsetDateTime exp = OffsetDateTime.ofInstant(Instant.ofEpochSecond(expiresAtEpochSecond), ZoneOffset.UTC);
    return SqlTemplate.forUpdate(db, REVOKE).execute(Map.of("jti", jti, "exp", exp))
        .compose(done -> db.query(PRUNE_REVOKED).execute())
        .mapEmpty();
  }

  /**
   * The account a token was issued to and whether that token was revoked (by a logout, or by a password reset since
   * it was issued with {@code version}); empty when the account is gone.
   */
  public Future<Optional<TokenHolder>> holder(SqlClient db, long id, UUID jti, int version) {
    return SqlTemplate.forQuery(db, HOLDER)
        .mapTo(row -> new TokenHolder(UserAccount.fromRow(row), row.getBoolean("revoked")))
        .execute(Map.of("id", id, "jti", jti, "version", version)).map(Rows::first);
  }

  public record TokenHolder(UserAccount account, boolean revoked) {
  }
}
