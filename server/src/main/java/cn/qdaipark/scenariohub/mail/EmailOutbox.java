package cn.qdaipark.scenariohub.mail;

import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows of email_outbox (see its migration): claiming due e-mails under a lease, and settling each attempt. */
final class EmailOutbox {
  /** A sender that died during its last allowed attempt never settled it: its lease ran out, the row has failed. */
  /** A row done with (sent or failed) keeps no credential its body held. */
  private static final String REDACTED = "CASE WHEN secret THEN '' ELSE body END";
  private static final String EXHAUSTED = "UPDATE email_outbox SET status = 'failed', body = " + REDACTED + ", "
      + "last_error = COALESCE(last_error, 'the sender stopped during the last attempt') "
      + "WHERE status = 'pending' AND attempts >= #{max} AND next_attempt_at <= #{now}";
  /**
   * One statement, committed on its own before anything is sent: the rows it returns are leased to this sender
   * until {@code #{lease}}; another sender's SKIP LOCKED passes rows being claimed, and their new next_attempt_at
   * keeps them out of every later claim until the lease ends. New rows are stamped with the database's clock, so a
   * row is due by either clock (the server's may be a test's, or lag the database's by a little).
   */
  private static final String CLAIM = "UPDATE email_outbox o SET attempts = o.attempts + 1, next_attempt_at = #{lease} "
      + "FROM (SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= greatest(#{now}, now()) "
      + "AND attempts < #{max} "
      + "ORDER BY next_attempt_at, id LIMIT #{limit} FOR UPDATE SKIP LOCKED) due "
      + "WHERE o.id = due.id RETURNING o.id, o.recipient, o.subject, o.body, o.attempts";
  /** Settles only the attempt this sender claimed (same attempt number, still pending). */
  private static final String SENT = "UPDATE email_outbox SET status = 'sent', sent_at = #{now}, last_error = NULL, "
      + "body = " + REDACTED + " "
      + "WHERE id = #{id} AND attempts = #{attempt} AND status = 'pending'";
  private static final String RETRY = "UPDATE email_outbox SET status = CASE WHEN attempts >= #{max} THEN 'failed' "
      + "ELSE 'pending' END, next_attempt_at = #{next}, last_error = left(#{error}, 500), "
      + "body = CASE WHEN attempts >= #{max} THEN " + REDACTED + " ELSE body END "
      + "WHERE id = #{id} AND attempts = #{attempt} AND status = 'pending'";
  private static final String LIST = "SELECT id, user_id, notification_id, recipient, subject, status, attempts, "
      + "next_attempt_at, last_error, created_at, sent_at, count(*) OVER () AS total FROM email_outbox "
      + "WHERE status = #{status} ORDER BY id DESC LIMIT #{limit} OFFSET #{offset}";
  private static final String COUNTS = "SELECT status, count(*) AS n FROM email_outbox GROUP BY status";

  /** An e-mail leased to a sender for its {@code attempt}-th try. */
  record Claimed(long id, String recipient, String subject, String body, int attempt) {
  }

  Future<List<Claimed>> claim(SqlClient db, OffsetDateTime now, OffsetDateTime leaseEnd, int max, int limit) {
    return SqlTemplate.forUpdate(db, EXHAUSTED).execute(Map.of("max", max, "now", now))
        .compose(done -> SqlTemplate.forQuery(db, CLAIM)
            .mapTo(row -> new Claimed(row.getLong("id"), row.getString("recipient"), row.getString("subject"),
                row.getString("body"), row.getInteger("attempts")))
            .execute(Map.of("now", now, "lease", leaseEnd, "max", max, "limit", limit)))
        .map(Rows::all);
  }

  Future<Void> sent(SqlClient db, Claimed mail, OffsetDateTime now) {
    return SqlTemplate.forUpdate(db, SENT).execute(Map.of("id", mail.id(), "attempt", mail.attempt(), "now", now))
        .mapEmpty();
  }

  Future<Void> retry(SqlClient db, Claimed mail, int max, OffsetDateTime next, String error) {
    return SqlTemplate.forUpdate(db, RETRY).execute(Map.of("id", mail.id(), "attempt", mail.attempt(), "max", max,
        "next", next, "error", error)).mapEmpty();
  }

  Future<Page<JsonObject>> list(SqlClient db, String status, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("status", status);
    page.addTo(p);
    return SqlTemplate.forQuery(db, LIST).execute(p).map(rows -> Page.fromRows(rows, EmailOutbox::toJson));
  }

  /** How many e-mails are pending, sent and failed. */
  Future<JsonObject> counts(SqlClient db) {
    return db.query(COUNTS).execute().map(rows -> {
      JsonObject counts = new JsonObject().put("pending", 0L).put("sent", 0L).put("failed", 0L);
      rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
      return counts;
    });
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("userId", row.getLong("user_id"))
        .put("notificationId", row.getLong("notification_id"))
        .put("recipient", row.getString("recipient"))
        .put("subject", row.getString("subject"))
        .put("status", row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("nextAttemptAt", String.valueOf(row.getOffsetDateTime("next_attempt_at")))
        .put("lastError", row.getString("last_error"))
        .put("createdAt", String.valueOf(row.getOffsetDateTime("created_at")))
        .put("sentAt", row.getOffsetDateTime("sent_at") == null ? null : row.getOffsetDateTime("sent_at").toString());
  }
}
