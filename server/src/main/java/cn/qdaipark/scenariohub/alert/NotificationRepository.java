package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class NotificationRepository {
  public static final String STANDING_MATCH = "standing_match";
  /** Alerts follow each person's settings: none when off, held for the digest when daily. */
  private static final String DELIVERY = "COALESCE(ns.delivery, 'instant')";

  private static final String NOTIFY_PROVIDERS = "INSERT INTO notifications (user_id, kind, posting_id, solution_id, "
      + "title, body, link, held) SELECT u.id, #{kind}, #{posting}, s.id, #{title}, "
      + "'与您的方案「' || s.title || '」匹配：' || #{body}, #{link}, " + DELIVERY + " = 'daily' "
      + "FROM unnest(#{solutions}::bigint[]) WITH ORDINALITY AS m(id, rank) "
      + "JOIN solutions s ON s.id = m.id AND s.status = 'published' "
      + "JOIN users u ON u.organization_id = s.organization_id AND u.role = 'provider' "
      + "LEFT JOIN notification_settings ns ON ns.user_id = u.id WHERE " + DELIVERY + " <> 'off' "
      + "ORDER BY m.rank ON CONFLICT (user_id, kind, posting_id) WHERE kind = 'standing_match' DO NOTHING";
  /** Not about the person's own organization's records: one does not subscribe to what one publishes. */
  private static final String NOTIFY_SAVED_SEARCHES = "INSERT INTO notifications (user_id, kind, posting_id, solution_id, "
      + "saved_search_id, title, body, link, held) SELECT ss.user_id, 'saved_search', #{posting}, #{solution}, ss.id, "
      + "left('订阅「' || ss.name || '」有新结果：' || #{title}, 200), #{body}, #{link}, " + DELIVERY + " = 'daily' "
      + "FROM saved_searches ss JOIN users u ON u.id = ss.user_id "
      + "LEFT JOIN notification_settings ns ON ns.user_id = ss.user_id "
      + "WHERE ss.id = ANY(#{searches}) AND " + DELIVERY + " <> 'off' AND u.organization_id IS DISTINCT FROM "
      + "COALESCE((SELECT organization_id FROM postings WHERE id = #{posting}), "
      + "(SELECT organization_id FROM solutions WHERE id = #{solution})) "
      + "ORDER BY ss.id ON CONFLICT DO NOTHING";
  private static final String NOTIFY_ORGANIZATIONS = "INSERT INTO notifications (user_id, kind, posting_id, title, body, link) "
      + "SELECT u.id, #{kind}, #{posting}, #{title}, #{body}, #{link} FROM users u WHERE u.organization_id = ANY(#{orgs})";
  private static final String NOTIFY_USERS = "INSERT INTO notifications (user_id, kind, posting_id, title, body, link) "
      + "SELECT u.id, #{kind}, #{posting}, #{title}, #{body}, #{link} FROM users u WHERE u.id = ANY(#{users})";
  private static final String LIST = "SELECT id, kind, posting_id, solution_id, title, body, link, created_at, read_at, "
      + "count(*) OVER () AS total FROM notifications WHERE user_id = #{user} "
      + "AND NOT held AND (NOT #{unread} OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT #{limit} OFFSET #{offset}";
  private static final String MARK_READ = "UPDATE notifications SET read_at = COALESCE(read_at, now()) "
      + "WHERE id = #{id} AND user_id = #{user} RETURNING id";

  /** Tells each provider user of the matched solutions' organizations about the posting, once per posting. */
  public Future<Integer> notifyProviders(SqlClient db, long postingId, List<Long> solutionIdsBestFirst, String title,
                                         String body, String link) {
    Map<String, Object> p = message(postingId, title, body, link);
    p.put("kind", STANDING_MATCH);
    p.put("solutions", solutionIdsBestFirst.toArray(Long[]::new));
    return SqlTemplate.forUpdate(db, NOTIFY_PROVIDERS).execute(p).map(result -> result.rowCount());
  }

  /** Tells the owners of the saved searches a new record (a posting or a solution: the other id null) matched. */
  public Future<Integer> notifySavedSearches(SqlClient db, List<Long> searchIds, Long postingId, Long solutionId,
                                             String title, String body, String link) {
    Map<String, Object> p = message(postingId, title, body, link);
    p.put("searches", searchIds.toArray(Long[]::new));
    p.put("solution", solutionId);
    return SqlTemplate.forUpdate(db, NOTIFY_SAVED_SEARCHES).execute(p).map(result -> result.rowCount());
  }

  /**
   * Tells every member of the organizations; call it inside the transaction of the change it reports. The posting
   * may be null for news about a solution alone.
   */
  public Future<Void> notifyOrganizations(SqlClient db, List<Long> organizationIds, String kind, Long postingId,
                                          String title, String body, String link) {
    Map<String, Object> p = message(postingId, title, body, link);
    p.put("orgs", organizationIds.toArray(Long[]::new));
    p.put("kind", kind);
    return SqlTemplate.forUpdate(db, NOTIFY_ORGANIZATIONS).execute(p).mapEmpty();
  }

  /** Tells the given people (a reviewer, not the whole organization); inside the transaction of the change. */
  public Future<Void> notifyUsers(SqlClient db, List<Long> userIds, String kind, Long postingId, String title,
                                  String body, String link) {
    Map<String, Object> p = message(postingId, title, body, link);
    p.put("users", userIds.toArray(Long[]::new));
    p.put("kind", kind);
    return SqlTemplate.forUpdate(db, NOTIFY_USERS).execute(p).mapEmpty();
  }

  public Future<Page<Notification>> list(SqlClient db, long userId, boolean unreadOnly, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("user", userId);
    p.put("unread", unreadOnly);
    page.addTo(p);
    return SqlTemplate.forQuery(db, LIST).execute(p).map(rows -> Page.fromRows(rows, Notification::fromRow));
  }

  public Future<Boolean> markRead(SqlClient db, long userId, long id) {
    return SqlTemplate.forQuery(db, MARK_READ).execute(Map.of("id", id, "user", userId)).map(rows -> rows.size() == 1);
  }

  /** What every notification insert says; a mutable map for the insert's own parameters. */
  private static Map<String, Object> message(Long postingId, String title, String body, String link) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("title", title);
    p.put("body", body);
    p.put("link", link);
    return p;
  }
}
