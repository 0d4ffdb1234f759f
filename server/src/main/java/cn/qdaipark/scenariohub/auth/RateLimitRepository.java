package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** The attempt counters of the rate_limits table (see its migration). */
final class RateLimitRepository {
  private static final String HIT = "INSERT INTO rate_limits AS r (bucket, hits, expires_at) VALUES (#{bucket}, 1, #{expires}) "
      + "ON CONFLICT (bucket) DO UPDATE SET "
      + "hits = CASE WHEN r.expires_at <= #{now} THEN 1 ELSE r.hits + 1 END, blocked_until = NULL, "
      + "expires_at = CASE WHEN #{sliding} OR r.expires_at <= #{now} THEN #{expires} ELSE r.expires_at END "
      + "WHERE r.blocked_until IS NULL OR r.blocked_until <= #{now} RETURNING hits, expires_at";
  private static final String BLOCK = "UPDATE rate_limits SET blocked_until = #{until}, expires_at = #{expires} "
      + "WHERE bucket = #{bucket}";
  private static final String BLOCKED_UNTIL = "SELECT blocked_until FROM rate_limits WHERE bucket = #{bucket}";
  private static final String FORGET = "DELETE FROM rate_limits WHERE bucket = #{bucket}";
  private static final String GIVE_BACK = "UPDATE rate_limits SET hits = greatest(hits - 1, 0), "
      + "blocked_until = CASE WHEN hits - 1 < #{free} THEN NULL ELSE blocked_until END WHERE bucket = #{bucket}";
  private static final String PRUNE = "DELETE FROM rate_limits WHERE expires_at < #{now}";

  /** A bucket just taken: how many hits it now holds, and when it will be forgotten. */
  record Taken(int hits, OffsetDateTime expiresAt) {
  }

  /**
   * Takes one hit from the bucket unless it is blocked (then empty); an expired bucket starts again at 1. A sliding
   * bucket is forgotten {@code expires} after its last hit, a fixed one when the window of its first hit ends. The
   * row stays locked until the caller's transaction ends.
   */
  Future<Optional<Taken>> take(SqlClient db, String bucket, OffsetDateTime now, OffsetDateTime expires, boolean sliding) {
    return SqlTemplate.forQuery(db, HIT)
        .mapTo(row -> new Taken(row.getInteger("hits"), row.getOffsetDateTime("expires_at")))
        .execute(Map.of("bucket", bucket, "now", now, "expires", expires, "sliding", sliding))
        .map(Rows::first);
  }

  Future<Void> block(SqlClient db, String bucket, OffsetDateTime until, OffsetDateTime expires) {
    return SqlTemplate.forUpdate(db, BLOCK).execute(Map.of("bucket", bucket, "until", until, "expires", expires))
        .mapEmpty();
  }

  /** Until when a bucket refuses hits, empty when it does not exist or is not blocked. */
  Future<Optional<OffsetDateTime>> blockedUntil(SqlClient db, String bucket) {
    return SqlTemplate.forQuery(db, BLOCKED_UNTIL)
        .mapTo(row -> Optional.ofNullable(row.getOffsetDateTime("blocked_until")))
        .execute(Map.of("bucket", bucket))
        .map(rows -> Rows.first(rows).flatMap(until -> until));
  }

  Future<Void> forget(SqlClient db, String bucket) {
    return SqlTemplate.forUpdate(db, FORGET).execute(Map.of("bucket", bucket)).mapEmpty();
  }

  /** Returns a hit that turned out not to count; unblocks the bucket when it falls below {@code free} hits. */
  Future<Void> giveBack(SqlClient db, String bucket, int free) {
    return SqlTemplate.forUpdate(db, GIVE_BACK).execute(Map.of("bucket", bucket, "free", free)).mapEmpty();
  }

  Future<Void> prune(SqlClient db, OffsetDateTime now) {
    return SqlTemplate.forUpdate(db, PRUNE).execute(Map.of("now", now)).mapEmpty();
  }
}
