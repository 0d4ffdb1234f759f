package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.mail.Mailing;
import cn.qdaipark.scenariohub.validation.Text;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads in-app notifications. Every write also queues, in the same statement, the e-mails of the people
 * whose setting for the kind asks for one ({@link NotificationKinds}); a person's 'off' writes nothing at all.
 */
public final class NotificationRepository {
  public static final String STANDING_MATCH = "standing_match";
  /** Alerts follow each person's settings: none when off, held for the digest when daily. */
  private static final int MAX_TITLE = 200;
  private static final String DELIVERY = "COALESCE(ns.delivery, 'instant')";
  private static final String CHANNEL = "COALESCE(np.channel, #{channel})";
  private static final String PREFERENCE = "LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.kind = #{kind} ";
  private static final String WANTED = " (#{required} OR " + CHANNEL + " <> 'off') ";
  private static final String RETURNING = " RETURNING id, user_id, title, body, held) ";
  /** Queues the e-mails of the notifications just written (CTE {@code n}) and answers how many were written. */
  private static final String EMAILS = ", mails AS (INSERT INTO email_outbox (user_id, notification_id, recipient, subject, body) "
      + "SELECT n.user_id, n.id, u.email, left('【智算谷·场景汇】' || n.title, 300), "
      + "n.title || E'\\n\\n' || CASE WHEN n.body = '' THEN '' ELSE n.body || E'\\n\\n' END || "
      + "'查看详情：' || #{base} || '/notifications/' || n.id || '/open' || " + Mailing.FOOTER + " "
      + "FROM n JOIN users u ON u.id = n.user_id " + PREFERENCE
      + "WHERE #{mail} AND NOT n.held AND " + CHANNEL + " = 'email' ORDER BY n.id) "
      + "SELECT count(*) AS written FROM n";

  private static final String NOTIFY_PROVIDERS = "WITH n AS (INSERT INTO notifications (user_id, kind, posting_id, "
      + "solution_id, title, body, link, held) SELECT u.id, #{kind}, #{posting}, s.id, #{title}, "
      + "'与您的方案「' || s.title || '」匹配：' || #{body}, #{link}, " + DELIVERY + " = 'daily' "
      + "FROM unnest(#{solutions}::bigint[]) WITH ORDINALITY AS m(id, rank) "
      + "JOIN solutions s ON s.id = m.id AND s.status = 'published' "
      + "JOIN users u ON u.organization_id = s.organization_id AND u.role = 'provider' "
      + "LEFT JOIN notification_settings ns ON ns.user_id = u.id " + PREFERENCE
      + "WHERE " + DELIVERY + " <> 'off' AND" + WANTED
      + "ORDER BY m.rank ON CONFLICT (user_id, kind, posting_id) WHERE kind = 'standing_match' DO NOTHING"
      + RETURNING + EMAILS;
  /** Not about the person's own organization's records: one does not subscribe to what one publishes. */
  private static final String NOTIFY_SAVED_SEARCHES = "WITH n AS (INSERT INTO notifications (user_id, kind, posting_id, "
      + "solution_id, saved_search_id, title, body, link, held) SELECT ss.user_id, #{kind}, #{posting}, #{solution}, "
      + "ss.id, left('订阅「' || ss.name || '」有新结果：' || #{title}, 200), #{body}, #{link}, " + DELIVERY + " = 'daily' "
      + "FROM saved_searches ss JOIN users u ON u.id = ss.user_id "
      + "LEFT JOIN notification_settings ns ON ns.user_id = ss.user_id " + PREFERENCE
      + "WHERE ss.id = ANY(#{searches}) AND " + DELIVERY + " <> 'off' AND" + WANTED + "AND u.organization_id IS DISTINCT FROM "
      + "COALESCE((SELECT organization_id FROM postings WHERE id = #{posting}), "
      + "(SELECT organization_id FROM solutions WHERE id = #{solution})) "
      + "ORDER BY ss.id ON CONFLICT DO NOTHING" + RETURNING + EMAILS;
  private static final String NOTIFY_ORGANIZATIONS = "WITH n AS (INSERT INTO notifications (user_id, kind, posting_id, "
      + "title, body, link) SELECT u.id, #{kind}, #{posting}, #{title}, #{body}, #{link} FROM users u " + PREFERENCE
      + "WHERE u.organization_id = ANY(#{orgs}) AND" + WANTED + "ORDER BY u.id" + RETURNING + EMAILS;
  private static final String NOTIFY_USERS = "WITH n AS (INSERT INTO notifications (user_id, kind, posting_id, "
      + "title, body, link) SELECT u.id, #{kind}, #{posting}, #{title}, #{body}, #{link} FROM users u " + PREFERENCE
      + "WHERE u.id = ANY(#{users}) AND" + WANTED + "ORDER BY u.id" + RETURNING + EMAILS;
  private static final String LIST = "SELECT id, kind, posting_id, solution_id, title, body, link, created_at, read_at, "
      + "count(*) OVER () AS total FROM notifications WHERE user_id = #{user} "
      + "AND NOT held AND (NOT #{unread} OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT #{limit} OFFSET #{offset}";
  /** Counts at most {@code #{cap}} rows: the bell shows "99+" beyond, and the cost stays bounded. */
  private static final String UNREAD = "SELECT count(*) AS unread FROM (SELECT 1 FROM notifications "
      + "WHERE user_id = #{user} AND read_at IS NULL AND NOT held LIMIT #{cap}) AS u";
  private static final String MARK_READ = "UPDATE notifications SET read_at = COALESCE(read_at, now()) "
      + "WHERE id = #{id} AND user_id = #{user} RETURNING link";
  private static final String MARK_ALL_READ = "UPDATE notifications SET read_at = now() "
      + "WHERE user_id = #{user} AND read_at IS NULL AND NOT held";

  private final Mailing mailing;

  public NotificationRepository(Mailing mailing) {
    this.mailing = mailing;
  }

  /** Tells each provider user of the matched solutions' organizations about the posting, once per posting. */
  public Future<Integer> notifyProviders(SqlClient db, long postingId, List<Long> solutionIdsBestFirst, String title,
                                         String body, String link) {
    Map<String, Object> p = message(STANDING_MATCH, postingId, title, body, link);
    p.put("solutions", solutionIdsBestFirst.toArray(Long[]::new));
    return written(db, NOTIFY_PROVIDERS, p);
  }

  /** Tells the owners of the saved searches a new record (a posting or a solution: the other id null) matched. */
  public Future<Integer> notifySavedSearches(SqlClient db, List<Long> searchIds, Long postingId, Long solutionId,
                                             String title, String body, String link) {
    Map<String, Object> p = message("saved_search", postingId, title, body, link);
    p.put("searches", searchIds.toArray(Long[]::new));
    p.put("solution", solutionId);
    return written(db, NOTIFY_SAVED_SEARCHES, p);
  }

  /**
   * Tells every member of the organizations; call it inside the transaction of the change it reports. The posting
   * may be null for news about a solution alone.
   */
  public Future<Void> notifyOrganizations(SqlClient db, List<Long> organizationIds, String kind, Long postingId,
                                          String title, String body, String link) {
    Map<String, Object> p = message(kind, postingId, title, body, link);
    p.put("orgs", organizationIds.toArray(Long[]::new));
    return written(db, NOTIFY_ORGANIZATIONS, p).mapEmpty();
  }

  /** Tells the given people (a reviewer, not the whole organization); inside the transaction of the change. */
  public Future<Void> notifyUsers(SqlClient db, List<Long> userIds, String kind, Long postingId, String title,
                                  String body, String link) {
    Map<String, Object> p = message(kind, postingId, title, body, link);
    p.put("users", userIds.toArray(Long[]::new));
    return written(db, NOTIFY_USERS, p).mapEmpty();
  }

  public Future<Page<Notification>> list(SqlClient db, long userId, boolean unreadOnly, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("user", userId);
    p.put("unread", unreadOnly);
    page.addTo(p);
    return SqlTemplate.forQuery(db, LIST).execute(p).map(rows -> Page.fromRows(rows, Notification::fromRow));
  }

  /** The person's unread notifications, counted up to {@code cap}. */
  public Future<Integer> unreadCount(SqlClient db, long userId, int cap) {
    return SqlTemplate.forQuery(db, UNREAD).execute(Map.of("user", userId, "cap", cap))
        .map(rows -> rows.iterator().next().getInteger("unread"));
  }

  public Future<Boolean> markRead(SqlClient db, long userId, long id) {
    return markReadFor(db, userId, id).map(link -> link != null);
  }

  /** Marks the person's notification read and answers its link, or null when the person has no such notification. */
  public Future<String> markReadFor(SqlClient db, long userId, long id) {
    return SqlTemplate.forQuery(db, MARK_READ).execute(Map.of("id", id, "user", userId))
        .map(rows -> rows.size() == 1 ? rows.iterator().next().getString("link") : null);
  }

  /** Marks every notification of the person read; answers how many were unread. */
  public Future<Integer> markAllRead(SqlClient db, long userId) {
    return SqlTemplate.forUpdate(db, MARK_ALL_READ).execute(Map.of("user", userId)).map(result -> result.rowCount());
  }

  private static Future<Integer> written(SqlClient db, String sql, Map<String, Object> p) {
    return SqlTemplate.forQuery(db, sql).execute(p).map(rows -> rows.iterator().next().getInteger("written"));
  }

  /** What every notification insert says; a mutable map for the insert's own parameters. */
  private Map<String, Object> message(String kind, Long postingId, String title, String body, String link) {
    NotificationKinds.Kind k = NotificationKinds.of(kind);
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind);
    p.put("channel", k.defaultChannel());
    p.put("required", !k.mayTurnOff());
    p.put("mail", mailing.enabled());
    p.put("base", mailing.baseUrl());
    p.put("posting", postingId);
    // a title is often an organization's name and a record's title together, longer than the column may hold
    p.put("title", Text.clip(title, MAX_TITLE));
    p.put("body", body);
    p.put("link", link);
    return p;
  }
}
