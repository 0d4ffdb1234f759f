package cn.qdaipark.scenariohub.http;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code idempotency_keys} table: reserving a caller's key, holding it while the request runs, its answer. */
final class IdempotencyRepository {
  /** How long a reservation survives its attempt going silent (its server died): renewed well within. */
  static final int LEASE_SECONDS = 30;
  private static final String LOCK = "now() + interval '" + LEASE_SECONDS + " seconds'";
  private static final String EXPIRED = "created_at < now() - interval '24 hours'";
  /**
   * Atomic against every replica: the unique (owner, key) lets one insert win and the others find its row. A row
   * past its 24 hours is taken as if absent, under its row lock, so two retries of an expired key do not both win.
   */
  private static final String RESERVE = "INSERT INTO idempotency_keys (owner, key, fingerprint, lease, locked_until) "
      + "VALUES (#{owner}, #{key}, #{fingerprint}, #{lease}, " + LOCK + ") "
      + "ON CONFLICT (owner, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, lease = EXCLUDED.lease, "
      + "locked_until = EXCLUDED.locked_until, status = NULL, headers = NULL, body = NULL, created_at = now() "
      + "WHERE idempotency_keys." + EXPIRED + " RETURNING id";
  private static final String FIND = "SELECT id, fingerprint, lease, locked_until < now() AS lapsed, status, headers, "
      + "body FROM idempotency_keys WHERE owner = #{owner} AND key = #{key}";
  private static final String TAKE_OVER = "UPDATE idempotency_keys SET lease = #{lease}, locked_until = " + LOCK
      + " WHERE id = #{id} AND lease = #{previous} AND status IS NULL AND locked_until < now() RETURNING id";
  private static final String RENEW = "UPDATE idempotency_keys SET locked_until = " + LOCK
      + " WHERE id = #{id} AND lease = #{lease} AND status IS NULL RETURNING id";
  /** Only the attempt still holding the lease may store its answer: one whose key was taken over has lost it. */
  private static final String COMPLETE = "UPDATE idempotency_keys SET status = #{status}, headers = #{headers}, "
      + "body = #{body}, lease = NULL WHERE id = #{id} AND lease = #{lease} AND status IS NULL RETURNING id";
  private static final String RELEASE = "DELETE FROM idempotency_keys WHERE id = #{id} AND lease = #{lease} "
      + "AND status IS NULL";
  private static final String PRUNE = "DELETE FROM idempotency_keys WHERE " + EXPIRED;

  /** A key already used: by a request still running (no answer) or one that answered. */
  record Existing(long id, byte[] fingerprint, UUID lease, boolean lapsed, Optional<StoredResponse> answer) {
  }

  /** The id of the new reservation; empty when the key is already taken. */
  Future<Optional<Long>> reserve(SqlClient db, String owner, String key, byte[] fingerprint, UUID lease) {
    return SqlTemplate.forQuery(db, RESERVE).mapTo(row -> row.getLong("id"))
        .execute(Map.of("owner", owner, "key", key, "fingerprint", Buffer.buffer(fingerprint), "lease", lease))
        .map(Rows::first);
  }

  Future<Optional<Existing>> find(SqlClient db, String owner, String key) {
    return SqlTemplate.forQuery(db, FIND).mapTo(IdempotencyRepository::existing)
        .execute(Map.of("owner", owner, "key", key))
        .map(Rows::first);
  }

  /** Whether the attempt {@code lease} now holds the key whose previous attempt's lease lapsed. */
  Future<Boolean> takeOver(SqlClient db, long id, UUID previous, UUID lease) {
    return SqlTemplate.forQuery(db, TAKE_OVER).execute(Map.of("id", id, "previous", previous, "lease", lease))
        .map(rows -> rows.size() == 1);
  }

  Future<Boolean> renew(SqlClient db, long id, UUID lease) {
    return SqlTemplate.forQuery(db, RENEW).execute(Map.of("id", id, "lease", lease)).map(rows -> rows.size() == 1);
  }

  /** Whether the answer was stored; false when this attempt no longer holds the key. */
  Future<Boolean> complete(SqlClient db, long id, UUID lease, StoredResponse answer) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", id);
    params.put("lease", lease);
    params.put("status", answer.status());
    params.put("headers", answer.headers());
    params.put("body", answer.body());
    return SqlTemplate.forQuery(db, COMPLETE).execute(params).map(rows -> rows.size() == 1);
  }

  /** Frees the key of a request that created nothing; a stored answer stays. */
  Future<Void> release(SqlClient db, long id, UUID lease) {
    return SqlTemplate.forUpdate(db, RELEASE).execute(Map.of("id", id, "lease", lease)).mapEmpty();
  }

  /** Deletes the keys older than 24 hours; answers how many. */
  Future<Integer> prune(SqlClient db) {
    return db.query(PRUNE).execute().map(rows -> rows.rowCount());
  }

  private static Existing existing(Row row) {
    Integer status = row.getInteger("status");
    Optional<StoredResponse> answer = status == null ? Optional.empty()
        : Optional.of(new StoredResponse(status, (JsonObject) row.getValue("headers"), row.getBuffer("body")));
    return new Existing(row.getLong("id"), row.getBuffer("fingerprint").getBytes(), row.getUUID("lease"),
        row.getBoolean("lapsed"), answer);
  }
}
