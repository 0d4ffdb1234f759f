package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each person's channel per notification kind: in-app only, in-app and e-mail, or off (where the kind allows). */
public final class NotificationPreferences {
  private static final String GET = "SELECT kind, channel FROM notification_preferences WHERE user_id = #{user}";
  private static final String UPSERT = "INSERT INTO notification_preferences (user_id, kind, channel) "
      + "VALUES (#{user}, #{kind}, #{channel}) ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel";

  /** One kind as the person has it. */
  public record Choice(NotificationKinds.Kind kind, String channel) {
    JsonObject toJson() {
      return new JsonObject().put("kind", kind.code())
          .put("label", new JsonObject().put("zh", kind.zh()).put("en", kind.en()))
          .put("channel", channel).put("default", kind.defaultChannel())
          .put("channels", new JsonArray(kind.channels()));
    }
  }

  private final Pool pool;
  private final AuditLog audit;

  public NotificationPreferences(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  /** Every kind of the catalogue with the person's channel (the default where they chose none). */
  public Future<List<Choice>> get(long userId) {
    return read(pool, userId);
  }

  /**
   * {@code {"kinds": {"standing_match": "email", ...}}}: sets the named kinds, leaves the others; a kind not in the
   * catalogue, or a channel the kind does not allow, is a 400 naming the field and changes nothing.
   */
  public Future<List<Choice>> put(CurrentUser user, JsonObject body) {
    Map<String, String> chosen;
    try {
      chosen = validate(body);
    } catch (ApiException invalid) {
      return Future.failedFuture(invalid);
    }
    return pool.withTransaction(db -> {
      Future<Void> saved = Future.succeededFuture();
      for (Map.Entry<String, String> e : chosen.entrySet()) {
        saved = saved.compose(done -> SqlTemplate.forUpdate(db, UPSERT)
            .execute(Map.of("user", user.id(), "kind", e.getKey(), "channel", e.getValue())).mapEmpty());
      }
      return saved.compose(done -> audit.record(db, user.id(), "notification_preferences.update", "user", user.id(),
          new JsonObject(new HashMap<>(chosen)))).compose(done -> read(db, user.id()));
    });
  }

  static Map<String, String> validate(JsonObject body) {
    Object kinds = body.getValue("kinds");
    if (!(kinds instanceof JsonObject given)) {
      throw ApiException.validation(Map.of("kinds", "请给出各类通知的接收方式"));
    }
    Map<String, String> chosen = new LinkedHashMap<>();
    Map<String, String> errors = new HashMap<>();
    for (String code : given.fieldNames()) {
      Object channel = given.getValue(code);
      if (!NotificationKinds.known(code)) {
        errors.put("kinds." + code, "没有这类通知");
      } else if (!(channel instanceof String c) || !NotificationKinds.of(code).channels().contains(c)) {
        errors.put("kinds." + code, NotificationKinds.of(code).mayTurnOff() ? "接收方式无效"
            : "此类通知与您负责的事项有关，不能关闭，可选择仅站内提醒");
      } else {
        chosen.put(code, c);
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return chosen;
  }

  private static Future<List<Choice>> read(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, GET).execute(Map.of("user", userId)).map(rows -> {
      Map<String, String> set = new HashMap<>();
      rows.forEach(row -> set.put(row.getString("kind"), row.getString("channel")));
      return NotificationKinds.all().stream()
          .map(k -> new Choice(k, set.getOrDefault(k.code(), k.defaultChannel()))).toList();
    });
  }

  public static JsonObject toJson(List<Choice> choices) {
    JsonArray kinds = new JsonArray();
    choices.forEach(c -> kinds.add(c.toJson()));
    return new JsonObject().put("kinds", kinds);
  }
}
