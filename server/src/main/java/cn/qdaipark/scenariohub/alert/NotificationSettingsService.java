package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;

public final class NotificationSettingsService {
  private final Pool pool;
  private final NotificationSettingsRepository settings = new NotificationSettingsRepository();
  private final AuditLog audit;

  public NotificationSettingsService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<NotificationSettings> get(CurrentUser user) {
    return settings.get(pool, user.id());
  }

  /** {@code {"delivery": "instant"|"daily"|"off", "digestHour": 0..23}}; a missing hour keeps the default. */
  public Future<NotificationSettings> put(CurrentUser user, JsonObject body) {
    return Future.succeededFuture(body).map(NotificationSettingsService::read)
        .compose(chosen -> pool.withTransaction(db -> settings.put(db, user.id(), chosen)
                .compose(done -> audit.record(db, user.id(), "notification_settings.update", "user", user.id(),
                    chosen.toJson())))
            .map(chosen));
  }

  private static NotificationSettings read(JsonObject body) {
    Validator v = new Validator(body);
    String delivery = v.oneOf("delivery", NotificationSettings.DELIVERIES, Map.of());
    long hour = v.wholeNumber("digestHour", NotificationSettings.DEFAULT.digestHour(), 0, 23);
    v.throwIfInvalid();
    return new NotificationSettings(delivery, (int) hour);
  }
}
