package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;

final class NotificationSettingsRepository {
  private static final String GET = "SELECT delivery, digest_hour FROM notification_settings WHERE user_id = #{user}";
  private static final String UPSERT = "INSERT INTO notification_settings (user_id, delivery, digest_hour) "
      + "VALUES (#{user}, #{delivery}, #{hour}) ON CONFLICT (user_id) DO UPDATE "
      + "SET delivery = EXCLUDED.delivery, digest_hour = EXCLUDED.digest_hour";
  /** Alerts held for a digest that will no longer come are shown one by one instead. */
  private static final String RELEASE_HELD = "UPDATE notifications SET held = false "
      + "WHERE user_id = #{user} AND held AND digest_date IS NULL";

  Future<NotificationSettings> get(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, GET)
        .mapTo(row -> new NotificationSettings(row.getString("delivery"), row.getInteger("digest_hour")))
        .execute(Map.of("user", userId))
        .map(rows -> Rows.first(rows).orElse(NotificationSettings.DEFAULT));
  }

  Future<Void> put(SqlClient db, long userId, NotificationSettings settings) {
    return SqlTemplate.forUpdate(db, UPSERT)
        .execute(Map.of("user", userId, "delivery", settings.delivery(), "hour", settings.digestHour()))
        .compose(done -> NotificationSettings.DAILY.equals(settings.delivery()) ? Future.succeededFuture()
            : SqlTemplate.forUpdate(db, RELEASE_HELD).execute(Map.of("user", userId)))
        .mapEmpty();
  }
}
