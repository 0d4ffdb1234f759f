package cn.qdaipark.scenariohub.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the demo's accepted calls were delivered: the winning application, the accepted plan, each milestone's accepted
 * report with its measured values, and the funding released. The demo has no accounts in those organizations, so
 * the records are entered in the name of the park's admin, as operations staff would enter a project that ran
 * before the platform.
 */
final class DemoDeliveries {
  private record Milestone(String title, int monthsBeforeAcceptance, String deliverable, int fundingWan, String report,
                           List<String> values) {
  }

  private record Delivery(String approach, List<Milestone> milestones) {
  }

  private static final Map<String, Delivery> DELIVERIES = Map.of(
      "DEMO-P001", new Delivery("国产NPU主控与双麦阵列模组整机设计，端侧对话模型蒸馏，两类整机适配与小批量试产。", List.of(
          new Milestone("模组原型与端侧模型首版", 10, "模组原型样机20套、端侧模型首版及测试报告", 90,
              "完成国产NPU主控模组原型20套，端侧模型首版在实验室测试集上理解准确率91.2%，离线响应时延620毫秒，需继续优化。",
              List.of("96%", "91.2%，620毫秒", "93.0%", "未开始")),
          new Milestone("洗衣机、空调两类整机适配", 5, "两类整机适配报告、第三方远场唤醒测试报告", 110,
              "模组完成洗衣机和空调整机适配，第三方检测5米远场唤醒率97.1%，离线理解准确率96.3%，响应时延430毫秒。",
              List.of("96%", "96.3%，430毫秒", "97.1%", "已适配2类")),
          new Milestone("小批量试产与验收准备", 1, "试产记录、质量报告与验收材料", 70,
              "两家家电企业累计试产1.2万台，直通率98.6%；验收材料已齐备。",
              List.of("96%", "96.3%，430毫秒", "97.1%", "2类，试产1.2万台")))),
      "DEMO-P018", new Delivery("水下巡检机器人与岸基边缘站一体化部署，网衣破损与鱼群计数模型联合训练，两处示范平台运行。",
          List.of(
          new Milestone("水下巡检机器人样机与数据采集", 9, "样机2台、水下图像数据集3.6万张", 300,
              "两台巡检机器人样机下水测试，抗流能力1.5节；数衡数据完成3.6万张水下图像采集与标注。",
              List.of("85.0%", "—", "1.5节", "国产化率92%")),
          new Milestone("识别与估算模型训练及海上试运行", 4, "模型测试报告、试运行日志", 300,
              "网衣破洞识别率93.5%，存鱼量估算误差7.8%；在一号平台连续试运行60天。",
              List.of("93.5%", "7.8%", "1.6节", "示范点1个")),
          new Milestone("两处平台示范运行与验收准备", 1, "示范运行报告、抗流测试报告", 150,
              "二号平台完成部署，1.8节海流下连续作业；两处平台示范运行正常。",
              List.of("93.5%", "7.8%", "1.8节", "核心装备全部国产，示范点2个")))));

  private DemoDeliveries() {
  }

  /** Seeds the delivery of an accepted demo call, accepted at {@code acceptedAt}; postings without one are skipped. */
  static Future<Void> seed(SqlClient db, String postingRef, List<String> consortium, List<String> solutions,
                           OffsetDateTime acceptedAt) {
    Delivery delivery = DELIVERIES.get(postingRef);
    if (delivery == null) {
      return Future.succeededFuture();
    }
    OffsetDateTime start = acceptedAt.minusMonths(delivery.milestones().get(0).monthsBeforeAcceptance() + 2L);
    Map<String, Object> p = new HashMap<>();
    p.put("ref", postingRef);
    p.put("lead", consortium.get(0));
    p.put("partners", consortium.subList(1, consortium.size()).toArray(String[]::new));
    p.put("solutions", solutions.toArray(String[]::new));
    p.put("at", start);
    p.put("approach", delivery.approach());
    return SqlTemplate.forQuery(db, "INSERT INTO applications (posting_id, lead_org_id, submitted_by, status, proposal, "
                + "solution_ids, created_at, updated_at) "
                + "SELECT p.id, o.id, (SELECT min(id) FROM users WHERE role = 'admin'), 'awarded', "
                + "jsonb_build_object('approach', #{approach}::text, 'requirementAnswers', "
                + "  (SELECT coalesce(jsonb_agg(jsonb_build_object('requirement', r, 'answer', '见实施方案')), '[]'::jsonb) "
                + "   FROM unnest(p.requirements) AS r), 'schedule', '见交付计划', 'team', '联合体项目组', "
                + "  'budgetWan', p.budget_wan), "
                + "array(SELECT s.id FROM solutions s WHERE s.source_ref = ANY(#{solutions}) ORDER BY s.id), #{at}, #{at} "
                + "FROM postings p, organizations o WHERE p.source_ref = #{ref} AND o.name = #{lead} "
                + "RETURNING id, posting_id")
        .execute(p)
        .compose(rows -> {
          long application = rows.iterator().next().getLong("id");
          long posting = rows.iterator().next().getLong("posting_id");
          p.put("application", application);
          p.put("posting", posting);
          return SqlTemplate.forUpdate(db, "INSERT INTO application_partners (application_id, organization_id, "
                  + "invited_at, confirmed_at) SELECT #{application}, o.id, #{at}, #{at} FROM organizations o "
                  + "WHERE o.name = ANY(#{partners})").execute(p)
              .compose(done -> SqlTemplate.forUpdate(db, "INSERT INTO delivery_plans (posting_id, application_id, status, "
                  + "proposed_by, proposed_at, decided_by, decided_at) VALUES (#{posting}, #{application}, 'accepted', "
                  + "(SELECT min(id) FROM users WHERE role = 'admin'), #{at}, "
                  + "(SELECT min(id) FROM users WHERE role = 'admin'), #{at})").execute(p))
              .compose(done -> milestones(db, posting, delivery.milestones(), acceptedAt));
        });
  }

  private static Future<Void> milestones(SqlClient db, long posting, List<Milestone> milestones,
                                         OffsetDateTime acceptedAt) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < milestones.size(); i++) {
      Milestone m = milestones.get(i);
      OffsetDateTime reported = acceptedAt.minusMonths(m.monthsBeforeAcceptance()).minusDays(5);
      Map<String, Object> p = new HashMap<>();
      p.put("posting", posting);
      p.put("position", i + 1);
      p.put("title", m.title());
      p.put("due", reported.plusDays(10).toLocalDate());
      p.put("deliverable", m.deliverable());
      p.put("funding", (long) m.fundingWan());
      p.put("text", m.report());
      p.put("values", new JsonArray(m.values()));
      p.put("reported", reported);
      p.put("decided", reported.plusDays(3));
      chain = chain.compose(done -> SqlTemplate.forQuery(db, "INSERT INTO milestones (posting_id, position, title, "
              + "due_date, deliverable, funding_wan, status) VALUES (#{posting}, #{position}, #{title}, #{due}, "
              + "#{deliverable}, #{funding}, 'accepted') RETURNING id").execute(p)
          .compose(rows -> {
            p.put("milestone", rows.iterator().next().getLong("id"));
            return SqlTemplate.forUpdate(db, "INSERT INTO milestone_reports (milestone_id, text, indicators, status, "
                    + "submitted_by, submitted_at, decided_by, decided_at) SELECT #{milestone}, #{text}, "
                    + "(SELECT jsonb_agg(jsonb_build_object('requirement', r.req, 'value', v.val) ORDER BY r.n) "
                    + "  FROM unnest(p.requirements) WITH ORDINALITY AS r(req, n) "
                    + "  JOIN jsonb_array_elements_text(#{values}::jsonb) WITH ORDINALITY AS v(val, n) ON v.n = r.n), "
                    + "'accepted', a.id, #{reported}, a.id, #{decided} "
                    + "FROM postings p, (SELECT min(id) AS id FROM users WHERE role = 'admin') a WHERE p.id = #{posting}")
                .execute(p)
                .compose(inserted -> SqlTemplate.forUpdate(db, "INSERT INTO funding_releases (posting_id, milestone_id, "
                    + "amount_wan, released_on, recorded_by, recorded_at) SELECT #{posting}, #{milestone}, #{funding}, "
                    + "#{decided}::date, min(id), #{decided} FROM users WHERE role = 'admin'").execute(p))
                .mapEmpty();
          }));
    }
    return chain;
  }
}
