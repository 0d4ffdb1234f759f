package cn.qdaipark.scenariohub.alert;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How a person receives alerts (standing matches and saved searches): each at once, gathered in one daily digest
 * at {@code digestHour} (Asia/Shanghai), or not at all. Workflow notifications always arrive at once.
 */
public record NotificationSettings(String delivery, int digestHour) {
  public static final String INSTANT = "instant";
  public static final String DAILY = "daily";
  public static final String OFF = "off";
  public static final List<String> DELIVERIES = List.of(INSTANT, DAILY, OFF);
  public static final NotificationSettings DEFAULT = new NotificationSettings(INSTANT, 8);

  public JsonObject toJson() {
    return new JsonObject().put("delivery", delivery).put("digestHour", digestHour);
  }
}
