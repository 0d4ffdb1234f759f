package cn.qdaipark.scenariohub.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Solutions for the response tests that fit {@link Fixtures#posting}'s demand (night-time intrusion at a port). */
public final class ResponseFixtures {
  private ResponseFixtures() {
  }

  public static JsonObject intrusion(String title) {
    return Fixtures.solution(title)
        .put("summary", "港区堆场夜间人员闯入作业区的全天候识别与告警")
        .put("description", "融合红外热成像与可见光视频，夜间识别准确率达到97%，发现人员闯入集装箱堆场作业区后2秒内告警，"
            + "支持边缘部署，已在港口码头试点。")
        .put("domains", new JsonArray().add("空天地海"))
        .put("tags", new JsonArray().add("人员入侵识别").add("夜间监控"));
  }
}
