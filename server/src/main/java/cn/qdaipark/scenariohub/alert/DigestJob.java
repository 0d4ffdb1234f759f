package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.mail.Mailing;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The daily digest: for each person on daily delivery whose hour (Asia/Shanghai) has come today, one 'digest'
 * notification gathers the alerts held since the last one, and (unless the person keeps digests in-app) one e-mail
 * listing them is queued in the same statement. Safe to run on every replica at once: the digest insert
 * and the marking of what it gathered are one statement over one snapshot, and a second digest for the same
 * person and day is a no-op (unique index), so nothing is gathered twice or lost.
 */
public final class DigestJob {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final int MAX_BODY = 1000;

  private static final String DUE = "SELECT ns.user_id FROM notification_settings ns WHERE ns.delivery = 'daily' "
      + "AND ns.digest_hour <= #{hour} "
      + "AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = ns.user_id AND n.held AND n.digest_date IS NULL) "
      + "AND NOT EXISTS (SELECT 1 FROM notifications d WHERE d.user_id = ns.user_id AND d.kind = 'digest' "
      + "AND d.digest_date = #{day}) ORDER BY ns.user_id";
  private static final String SEND = "WITH pending AS (SELECT id, title FROM notifications "
      + "WHERE user_id = #{user} AND held AND digest_date IS NULL), "
      + "digest AS (INSERT INTO notifications (user_id, kind, title, body, link, digest_date) "
      + "SELECT #{user}, 'digest', '订阅与匹配日报：' || count(*) || ' 条新消息', "
      + "left(string_agg('· ' || title, E'\\n' ORDER BY id), " + MAX_BODY + "), '/alerts', #{day} "
      + "FROM pending HAVING count(*) > 0 ON CONFLICT DO NOTHING RETURNING id, user_id, title), "
      + "mails AS (INSERT INTO email_outbox (user_id, notification_id, recipient, subject, body) "
      + "SELECT d.user_id, d.id, u.email, left('【智算谷·场景汇】' || d.title, 300), d.title || E'\\n\\n' || "
      + "(SELECT string_agg('· ' || p.title || E'\\n  ' || #{base} || '/notifications/' || p.id || '/open', E'\\n' "
      + "ORDER BY p.id) FROM pending p) || E'\\n\\n全部通知：' || #{base} || '/notifications' || " + Mailing.FOOTER + " "
      + "FROM digest d JOIN users u ON u.id = d.user_id "
      + "LEFT JOIN notification_preferences np ON np.user_id = d.user_id AND np.kind = 'digest' "
      + "WHERE #{mail} AND COALESCE(np.channel, #{channel}) = 'email') "
      + "UPDATE notifications SET digest_date = #{day} WHERE id IN (SELECT id FROM pending) "
      + "AND EXISTS (SELECT 1 FROM digest) RETURNING id";

  private final Pool pool;
  private final Clock clock;
  private final Mailing mailing;

  public DigestJob(Pool pool, Clock clock, Mailing mailing) {
    this.pool = pool;
    this.clock = clock;
    this.mailing = mailing;
  }

  /** Sends the digests that are due; answers how many were sent by this call. */
  public Future<Integer> run() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZONE));
    Map<String, Object> due = Map.of("hour", now.getHour(), "day", now.toLocalDate());
    return SqlTemplate.forQuery(pool, DUE).mapTo(row -> row.getLong("user_id")).execute(due).map(Rows::all)
        .compose(users -> {
          Future<Integer> sent = Future.succeededFuture(0);
          for (long user : users) {
            sent = sent.compose(n -> SqlTemplate.forQuery(pool, SEND)
                .execute(Map.of("user", user, "day", now.toLocalDate(), "mail", mailing.enabled(),
                    "base", mailing.baseUrl(), "channel", NotificationKinds.of("digest").defaultChannel()))
                .map(rows -> rows.size() > 0 ? n + 1 : n));
          }
          return sent;
        });
  }
}
