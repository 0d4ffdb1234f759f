package cn.qdaipark.scenariohub.posting;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The timeline of status changes, and the status changes themselves guarded by the state they start from. */
public final class PostingEventRepository {
  private static final String INSERT = "INSERT INTO posting_events (posting_id, from_status, to_status, actor_id, "
      + "actor_kind, note) VALUES (#{posting}, #{from}, #{to}, #{actor}, #{kind}, #{note})";
  private static final String TIMELINE = "SELECT e.id, e.posting_id, e.from_status, e.to_status, e.actor_id, "
      + "u.display_name AS actor_name, e.actor_kind, e.note, e.created_at FROM posting_events e "
      + "LEFT JOIN users u ON u.id = e.actor_id WHERE e.posting_id = #{posting} ORDER BY e.id";
  private static final String MOVE = "UPDATE postings SET status = #{to}, updated_at = now(), version = version + 1 "
      + "WHERE id = #{id} AND status = #{from} RETURNING id";
  // Calls still open after their deadline day; the deadline day itself is the last day to apply.
  private static final String CLOSE_EXPIRED = "UPDATE postings SET status = 'review', updated_at = now(), "
      + "version = version + 1 WHERE kind = 'challenge' AND status = 'open' AND deadline < #{today} "
      + "AND (#{id}::bigint IS NULL OR id = #{id}) RETURNING id";

  public Future<Void> record(SqlClient db, long postingId, String from, String to, Long actorId,
                             PostingLifecycle.Actor actor, String note) {
    return SqlTemplate.forUpdate(db, INSERT).execute(params(postingId, from, to, actorId, actor, note)).mapEmpty();
  }

  /** The same change of many postings, in one batch (an import's creations). */
  public Future<Void> recordAll(SqlClient db, List<Long> postingIds, String from, String to, Long actorId,
                                PostingLifecycle.Actor actor, String note) {
    if (postingIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return SqlTemplate.forUpdate(db, INSERT)
        .executeBatch(postingIds.stream().map(id -> params(id, from, to, actorId, actor, note)).toList()).mapEmpty();
  }

  private static Map<String, Object> params(long postingId, String from, String to, Long actorId,
                                            PostingLifecycle.Actor actor, String note) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("from", from);
    p.put("to", to);
    p.put("actor", actorId);
    p.put("kind", actor.wire());
    p.put("note", note);
    return p;
  }

  public Future<List<PostingEvent>> timeline(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, TIMELINE).mapTo(PostingEvent::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  /** Moves the posting if it is still in {@code from}; false when someone moved it first. */
  public Future<Boolean> move(SqlClient db, long id, String from, String to) {
    return SqlTemplate.forQuery(db, MOVE).execute(Map.of("id", id, "from", from, "to", to)).map(rows -> rows.size() == 1);
  }

  /** Moves open calls whose deadline is before {@code today} (all of them, or just {@code onlyId}) into review. */
  public Future<List<Long>> closeExpired(SqlClient db, LocalDate today, Long onlyId) {
    Map<String, Object> p = new HashMap<>();
    p.put("today", today);
    p.put("id", onlyId);
    return SqlTemplate.forQuery(db, CLOSE_EXPIRED).execute(p).map(rows -> {
      List<Long> ids = new ArrayList<>();
      for (Row row : rows) {
        ids.add(row.getLong("id"));
      }
      return ids;
    });
  }
}
