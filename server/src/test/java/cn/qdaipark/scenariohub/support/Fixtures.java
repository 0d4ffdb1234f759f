package cn.qdaipark.scenariohub.support;

import cn.qdaipark.scenariohub.organization.CreditCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** Records written for the tests: a solution, a posting, credit codes, and verified organizations. */
public final class Fixtures {
  private Fixtures() {
  }

  public static String creditCode(String first17) {
    return first17 + CreditCode.checkCharFor(first17);
  }

  public static JsonObject solution(String title) {
    return new JsonObject()
        .put("title", title)
        .put("summary", "基于深度学习的焊缝缺陷自动识别，替代人工目检")
        .put("description", "面向钢结构与压力容器焊接产线，采集焊缝X射线与可见光图像，使用缺陷分割模型识别气孔、裂纹、未熔合等缺陷，"
            + "支持边缘盒子部署，单张图像推理时间小于200毫秒。")
        .put("domains", new JsonArray().add("工业智能"))
        .put("track", "复杂算法软件研发")
        .put("tags", new JsonArray().add("焊缝检测").add("机器视觉"))
        .put("maturity", "试点应用")
        .put("region", "青岛市黄岛区")
        .put("cases", new JsonArray().add("已在某船舶配套企业试点，漏检率低于1%"))
        .put("priceRange", "40-80万元");
  }

  public static JsonObject posting(String kind, String title) {
    return new JsonObject()
        .put("kind", kind)
        .put("title", title)
        .put("description", "港区集装箱堆场夜间作业照明不足，现有视频监控难以及时发现人员闯入作业区，需要一套全天候的人员入侵识别与告警方案。")
        .put("domain", "空天地海")
        .put("budgetWan", 120)
        .put("deadline", LocalDate.now().plusMonths(3).toString())
        .put("requirements", new JsonArray().add("夜间识别准确率≥95%").add("告警延迟≤2秒"))
        .put("region", "青岛市黄岛区");
  }

  /** Registers an account in a new organization with a valid credit code, and has the admin verify it. */
  public static String verifiedAccount(TestApp app, String email, String role, String orgName, String first17) {
    String token = app.api.register(email, role, orgName, creditCode(first17));
    long orgId = app.api.get("/api/v1/auth/me", token).json().getLong("organizationId");
    var verified = app.api.post("/api/v1/admin/organizations/" + orgId + "/verify", app.adminToken(), null);
    if (verified.status() != 200) {
      throw new IllegalStateException("verify failed: " + verified.body());
    }
    // the verification notice is setup, not news: tests that count an account's notifications start from none
    String notices = "SELECT id FROM notifications WHERE kind = 'verification' AND user_id IN "
        + "(SELECT id FROM users WHERE organization_id = " + orgId + ")";
    app.pool().query("DELETE FROM email_outbox WHERE notification_id IN (" + notices + ")").execute().await();
    app.pool().query("DELETE FROM notifications WHERE id IN (" + notices + ")").execute().await();
    return token;
  }
}
