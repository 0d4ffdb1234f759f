package cn.qdaipark.scenariohub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.DeliveryFixtures;
import cn.qdaipark.scenariohub.support.DeliveryFixtures.Part;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Delivery of an awarded call: plan, milestone reports with evidence, funding, late notices, the acceptance gate")
class DeliveryApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherGov;
  private static Account lead;
  private static Account partner;
  private static Account outsider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市交付测试局");
    otherGov = ChallengeFixtures.verified(app, "government", "青岛市其他测试局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛交付牵头科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛交付联合体成员有限公司");
    outsider = ChallengeFixtures.verified(app, "provider", "青岛无关科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** An awarded call whose lead leads a consortium with {@code partner} (confirmed). */
  private static long awardedConsortiumCall(String title) {
    long call = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock).plusDays(1));
    long application = ChallengeFixtures.apply(api, lead, call).getLong("id");
    ok(api.post("/api/v1/applications/" + application + "/partners", lead.token(),
        new JsonObject().put("organizationId", partner.organizationId())), 200);
    ok(api.post("/api/v1/applications/" + application + "/partners/" + partner.organizationId() + "/confirm",
        partner.token(), null), 200);
    clock.advance(Duration.ofDays(2));
    api.get("/api/v1/postings/" + call, issuer.token());
    ok(api.post("/api/v1/applications/" + application + "/award", issuer.token(), null), 200);
    return call;
  }

  @Test
  @DisplayName("the lead proposes, the issuer returns and then accepts; reports with evidence are returned, redone, "
      + "accepted and funded; the call then moves to acceptance; the timeline and audit log tell it all")
  void wholePath() throws IOException {
    long call = awardedConsortiumCall("交付全流程测试榜单");
    String path = "/api/v1/postings/" + call + "/delivery-plan";
    Api.Response proposed = api.put(path, lead.token(), DeliveryFixtures.plan(clock));
    ok(proposed, 200);
    assertThat(proposed.json().getJsonObject("plan").getString("status")).isEqualTo("proposed");
    assertThat(proposed.json().getLong("awardedWan")).isEqualTo(120);
    assertThat(proposed.json().getJsonArray("milestones")).hasSize(2);
    int version = proposed.json().getJsonObject("plan").getInteger("version");
    assertThat(kinds(issuer, call)).contains("delivery_plan_proposed");

    Api.Response noComment = api.post(path + "/return", issuer.token(), new JsonObject().put("version", version));
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(noComment.error().getJsonObject("fields").getString("comment")).isEqualTo("必填");
    Api.Response returned = api.post(path + "/return", issuer.token(),
        new JsonObject().put("version", version).put("comment", "第二个里程碑请补充验收标准"));
    ok(returned, 200);
    assertThat(returned.json().getJsonObject("plan").getString("status")).isEqualTo("returned");
    assertThat(api.get(path, null).json().getJsonObject("plan").getString("comment")).as("comments are the parties'").isNull();

    JsonObject revised = DeliveryFixtures.plan(clock).put("version", version);
    assertThat(api.put(path, lead.token(), revised).status()).as("a stale version").isEqualTo(409);
    revised.put("version", returned.json().getJsonObject("plan").getInteger("version"));
    Api.Response again = api.put(path, lead.token(), revised);
    ok(again, 200);
    Api.Response accepted = api.post(path + "/accept", issuer.token(),
        new JsonObject().put("version", again.json().getJsonObject("plan").getInteger("version")));
    ok(accepted, 200);
    assertThat(api.put(path, lead.token(), revised.put("version", accepted.json().getJsonObject("plan").getInteger("version")))
        .status()).as("an accepted plan is final").isEqualTo(409);
    long first = accepted.json().getJsonArray("milestones").getJsonObject(0).getLong("id");
    long second = accepted.json().getJsonArray("milestones").getJsonObject(1).getLong("id");

    Api.Response early = DeliveryFixtures.reportRaw(api, lead.token(), first, Map.of("text", "提前提交的进展报告内容"), List.of());
    assertThat(early.status()).as("reports wait for delivery").isEqualTo(409);
    assertThat(early.error().getString("message")).contains("揭榜成功");
    DeliveryFixtures.toDelivery(app, clock, issuer, call);

    Api.Response report = DeliveryFixtures.reportRaw(api, lead.token(), first, Map.of("text", "已完成设备部署与联调，详见附件。",
            "indicators", new JsonArray().add(new JsonObject().put("requirement", "夜间识别准确率≥95%").put("value", "96.1%"))
                .encode()),
        List.of(DeliveryFixtures.pdf("联调记录.pdf"), new Part("现场.png", "image/png", png())));
    ok(report, 201);
    JsonArray evidence = report.json().getJsonArray("evidence");
    assertThat(evidence).hasSize(2);
    assertThat(evidence.getJsonObject(1).getString("contentType")).isEqualTo("image/png");
    long reportId = report.json().getLong("id");
    assertThat(DeliveryFixtures.reportRaw(api, lead.token(), first, Map.of("text", "重复提交的进展报告内容"), List.of()).status())
        .as("a report waits for the issuer").isEqualTo(409);

    String pdfPath = evidence.getJsonObject(0).getString("href");
    Api.Download download = api.download(pdfPath, issuer.token());
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.contentType()).isEqualTo("application/pdf");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    assertThat(new String(download.bytes(), StandardCharsets.US_ASCII)).startsWith("%PDF-");
    assertThat(api.download(pdfPath, partner.token()).status()).as("a consortium partner reads").isEqualTo(200);
    assertThat(api.download(pdfPath, app.adminToken()).status()).isEqualTo(200);
    assertThat(api.download(pdfPath, outsider.token()).status()).isEqualTo(403);
    assertThat(api.download(pdfPath, otherGov.token()).status()).isEqualTo(403);
    assertThat(api.download(pdfPath, null).status()).isEqualTo(401);
    assertThat(api.download("/api/v1/evidence/999999", issuer.token()).status()).isEqualTo(404);
    assertThat(api.download(evidence.getJsonObject(1).getString("href"), lead.token()).contentType()).isEqualTo("image/png");

    JsonObject publicView = api.get(path, outsider.token()).json();
    assertThat(publicView.getJsonArray("milestones").getJsonObject(0).containsKey("reports")).isFalse();
    assertThat(api.get(path, partner.token()).json().getJsonArray("milestones").getJsonObject(0)
        .getJsonArray("reports")).hasSize(1);

    String decide = "/api/v1/milestone-reports/" + reportId;
    assertThat(api.post(decide + "/accept", lead.token(), null).status()).as("the lead does not accept").isEqualTo(403);
    assertThat(api.post(decide + "/accept", otherGov.token(), null).status()).isEqualTo(403);
    ok(api.post(decide + "/return", issuer.token(), new JsonObject().put("comment", "请补充夜间测试视频截图")), 200);
    assertThat(api.post(decide + "/accept", issuer.token(), null).status()).as("decided once").isEqualTo(409);
    assertThat(milestone(call, 0).getString("status")).isEqualTo("returned");
    assertThat(api.post("/api/v1/milestones/" + first + "/funding", issuer.token(), funding(10)).status())
        .as("funding waits for an accepted milestone").isEqualTo(409);

    long redo = DeliveryFixtures.report(api, lead, first, "补充了夜间测试截图，重新提交进展报告。", List.of());
    ok(api.post("/api/v1/milestone-reports/" + redo + "/accept", issuer.token(), null), 200);
    assertThat(milestone(call, 0).getString("status")).isEqualTo("accepted");
    assertThat(api.post("/api/v1/milestones/" + first + "/funding", lead.token(), funding(30)).status()).isEqualTo(403);
    Api.Response released = api.post("/api/v1/milestones/" + first + "/funding", issuer.token(), funding(30));
    ok(released, 201);
    assertThat(released.json().getLong("amountWan")).isEqualTo(30);

    Api.Response gate = api.post("/api/v1/postings/" + call + "/transitions", issuer.token(),
        new JsonObject().put("to", "acceptance"));
    assertThat(gate.status()).isEqualTo(409);
    assertThat(gate.error().getString("message")).isEqualTo("还有 1 个里程碑未通过发榜单位确认，全部确认后才能申请验收");
    long last = DeliveryFixtures.report(api, lead, second, "试运行完成，测试报告已上传。", List.of());
    ok(api.post("/api/v1/milestone-reports/" + last + "/accept", issuer.token(), null), 200);
    ok(api.post("/api/v1/postings/" + call + "/transitions", issuer.token(), new JsonObject().put("to", "acceptance")), 200);

    JsonObject done = api.get(path, null).json();
    assertThat(done.getLong("releasedWan")).isEqualTo(30);
    assertThat(done.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("action")).toList())
        .containsExactly("delivery.plan.propose", "delivery.plan.return", "delivery.plan.propose", "delivery.plan.accept",
            "delivery.report.submit", "delivery.report.return", "delivery.report.submit", "delivery.report.accept",
            "delivery.funding.release", "delivery.report.submit", "delivery.report.accept");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE entity = 'delivery' AND entity_id = " + call)).isEqualTo(11);
    assertThat(kinds(lead, call)).contains("delivery_plan_decided", "delivery_report_decided", "delivery_funding");
  }

  @Test
  @DisplayName("only the lead edits the plan and only the issuer decides: a provider, a partner, another department and "
      + "the issuer are refused; bad plans are refused field by field")
  void whoAndWhat() {
    long call = awardedConsortiumCall("交付权限测试榜单");
    String path = "/api/v1/postings/" + call + "/delivery-plan";
    assertThat(api.get(path, null).json().getValue("plan")).isNull();
    assertThat(api.put(path, outsider.token(), DeliveryFixtures.plan(clock)).status()).isEqualTo(403);
    assertThat(api.put(path, partner.token(), DeliveryFixtures.plan(clock)).status()).isEqualTo(403);
    assertThat(api.put(path, otherGov.token(), DeliveryFixtures.plan(clock)).status()).isEqualTo(403);
    Api.Response byIssuer = api.put(path, issuer.token(), DeliveryFixtures.plan(clock));
    assertThat(byIssuer.status()).isEqualTo(403);
    assertThat(byIssuer.error().getString("message")).isEqualTo("只有揭榜牵头单位可以编制交付计划和提交进展报告");
    assertThat(api.put(path, null, DeliveryFixtures.plan(clock)).status()).isEqualTo(401);
    assertThat(api.post(path + "/accept", issuer.token(), new JsonObject().put("version", 1)).status())
        .as("nothing proposed yet").isEqualTo(409);

    LocalDate today = LocalDate.now(clock);
    JsonArray thirteen = new JsonArray();
    for (int i = 0; i < 13; i++) {
      thirteen.add(DeliveryFixtures.milestone("里程碑" + i, today.plusDays(10 + i), 1));
    }
    assertThat(fields(api.put(path, lead.token(), new JsonObject().put("milestones", thirteen)))).containsKey("milestones");
    assertThat(fields(api.put(path, lead.token(), new JsonObject().put("milestones", new JsonArray())))).containsKey("milestones");
    JsonObject over = new JsonObject().put("milestones", new JsonArray()
        .add(DeliveryFixtures.milestone("部署", today.plusDays(10), 80)).add(DeliveryFixtures.milestone("验收", today.plusDays(20), 41)));
    assertThat(fields(api.put(path, lead.token(), over)).get("milestones")).isEqualTo("各里程碑资金合计 121 万元，超过揭榜支持资金 120 万元");
    Map<String, Object> bad = fields(api.put(path, lead.token(), new JsonObject().put("milestones", new JsonArray()
        .add(DeliveryFixtures.milestone("昨天到期", today.minusDays(1), 10))
        .add(DeliveryFixtures.milestone("太远", today.plusYears(6), 10))
        .add(new JsonObject().put("title", "x".repeat(101)).put("dueDate", "2027-13-01").put("deliverable", "交付物")))));
    assertThat(bad).containsKeys("milestones[0].dueDate", "milestones[1].dueDate", "milestones[2].title",
        "milestones[2].dueDate", "milestones[2].fundingWan");

    JsonObject valid = DeliveryFixtures.plan(clock);
    for (String field : List.of("milestones.0.title", "milestones.0.deliverable")) {
      for (Hostile.Value hostile : Hostile.texts()) {
        Api.Response put = api.send("PUT", path, lead.token(), Hostile.encode(Hostile.with(valid, field, hostile.json())),
            "application/json");
        assertThat(put.status()).as(field + " " + hostile.label()).isEqualTo(400);
      }
    }
    for (Hostile.Value hostile : Hostile.integers()) {
      Api.Response put = api.send("PUT", path, lead.token(), Hostile.encode(Hostile.with(valid, "milestones.0.fundingWan",
          hostile.json())), "application/json");
      assertThat(put.status()).as("fundingWan " + hostile.label()).isEqualTo(400);
    }
    assertThat(app.count("SELECT count(*) FROM delivery_plans WHERE posting_id = " + call)).as("nothing half-written")
        .isZero();

    Api.Response proposed = api.put(path, lead.token(), valid);
    ok(proposed, 200);
    int version = proposed.json().getJsonObject("plan").getInteger("version");
    JsonObject decision = new JsonObject().put("version", version).put("comment", "同意");
    assertThat(api.post(path + "/accept", lead.token(), decision).status()).isEqualTo(403);
    assertThat(api.post(path + "/accept", partner.token(), decision).status()).isEqualTo(403);
    assertThat(api.post(path + "/accept", otherGov.token(), decision).status()).isEqualTo(403);
    for (Hostile.Value hostile : Hostile.strings()) {
      Api.Response r = api.send("POST", path + "/return", issuer.token(),
          Hostile.encode(new JsonObject().put("version", version).put("comment", hostile.json())), "application/json");
      assertThat(r.status()).as("comment " + hostile.label()).isEqualTo(400);
    }
    ok(api.post(path + "/accept", issuer.token(), decision), 200);
    assertThat(api.post(path + "/accept", issuer.token(), decision).status()).as("accepted once").isEqualTo(409);

    long first = milestone(call, 0).getLong("id");
    DeliveryFixtures.toDelivery(app, clock, issuer, call);
    Map<String, String> text = Map.of("text", "由无关单位提交的进展报告内容");
    assertThat(DeliveryFixtures.reportRaw(api, outsider.token(), first, text, List.of()).status()).isEqualTo(403);
    assertThat(DeliveryFixtures.reportRaw(api, partner.token(), first, text, List.of()).status()).isEqualTo(403);
    assertThat(DeliveryFixtures.reportRaw(api, issuer.token(), first, text, List.of()).status()).isEqualTo(403);
    assertThat(DeliveryFixtures.reportRaw(api, lead.token(), 999_999, text, List.of()).status()).isEqualTo(404);
    Map<String, Object> wrongIndicator = fields(DeliveryFixtures.reportRaw(api, lead.token(), first, Map.of("text",
        "指标不属于本榜单的进展报告", "indicators", "[{\"requirement\":\"不存在的指标\",\"value\":\"1\"}]"), List.of()));
    assertThat((String) wrongIndicator.get("indicators")).contains("不是本榜单的考核指标");
    assertThat(fields(DeliveryFixtures.reportRaw(api, lead.token(), first, Map.of("text", "太短"), List.of())))
        .containsKey("text");
    List<Part> six = List.of(DeliveryFixtures.pdf("1.pdf"), DeliveryFixtures.pdf("2.pdf"), DeliveryFixtures.pdf("3.pdf"),
        DeliveryFixtures.pdf("4.pdf"), DeliveryFixtures.pdf("5.pdf"), DeliveryFixtures.pdf("6.pdf"));
    assertThat(fields(DeliveryFixtures.reportRaw(api, lead.token(), first, text, six))).containsKey("evidence");
    for (Hostile.Value hostile : Hostile.strings()) {
      if (hostile.label().equals("lone surrogate")) {
        continue; // a JSON escape; a multipart field carries text as it is
      }
      Api.Response r = DeliveryFixtures.reportRaw(api, lead.token(), first, Map.of("text", (String) hostile.json()), List.of());
      assertThat(r.status()).as("report text " + hostile.label()).isEqualTo(400);
    }
    assertThat(app.count("SELECT count(*) FROM milestone_reports WHERE milestone_id = " + first)).isZero();
  }

  @Test
  @DisplayName("two decisions on the same plan version at once: exactly one wins")
  void concurrentDecisions() {
    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "并发确认测试榜单");
    String path = "/api/v1/postings/" + call + "/delivery-plan";
    Api.Response proposed = api.put(path, lead.token(), DeliveryFixtures.plan(clock));
    ok(proposed, 200);
    int version = proposed.json().getJsonObject("plan").getInteger("version");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> parallel = List.of("/accept", "/return").stream()
        .map(action -> CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return api.post(path + action, issuer.token(),
              new JsonObject().put("version", version).put("comment", "并发测试意见")).status();
        })).toList();
    go.countDown();
    assertThat(parallel.stream().map(CompletableFuture::join).sorted().toList()).containsExactly(200, 409);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE entity = 'delivery' AND entity_id = " + call
        + " AND action IN ('delivery.plan.accept', 'delivery.plan.return')")).isEqualTo(1);
  }

  @Test
  @DisplayName("evidence is a PDF, JPEG or PNG by its content: a text renamed .png is refused 415, an oversized file 413")
  void evidenceFiles() {
    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "佐证材料测试榜单");
    long first = DeliveryFixtures.inDeliveryWithPlan(app, clock, issuer, lead, call).get(0);
    Map<String, String> text = Map.of("text", "附件校验测试的进展报告内容");
    Api.Response renamed = DeliveryFixtures.reportRaw(api, lead.token(), first, text,
        List.of(new Part("photo.png", "image/png", "这不是图片，只是文本".getBytes(StandardCharsets.UTF_8))));
    assertThat(renamed.status()).isEqualTo(415);
    assertThat(renamed.error().getString("message")).contains("PDF、JPEG 或 PNG");
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    System.arraycopy("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 8);
    assertThat(DeliveryFixtures.reportRaw(api, lead.token(), first, text, List.of(new Part("big.pdf", "application/pdf", big)))
        .status()).isEqualTo(413);
    byte[] fakeJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3};
    assertThat(DeliveryFixtures.reportRaw(api, lead.token(), first, text, List.of(new Part("x.jpg", "image/jpeg", fakeJpeg)))
        .status()).as("a broken JPEG").isEqualTo(415);
    assertThat(app.count("SELECT count(*) FROM milestone_reports WHERE milestone_id = " + first)).as("nothing stored").isZero();
    assertThat(milestone(call, 0).getString("status")).isEqualTo("planned");
  }

  @Test
  @DisplayName("no report after the call left delivery, and the gate to acceptance wants an accepted plan")
  void afterClosureAndGate() {
    long unplanned = DeliveryFixtures.awarded(app, clock, issuer, lead, "无计划测试榜单");
    DeliveryFixtures.toDelivery(app, clock, issuer, unplanned);
    Api.Response gate = api.post("/api/v1/postings/" + unplanned + "/transitions", issuer.token(),
        new JsonObject().put("to", "acceptance"));
    assertThat(gate.status()).isEqualTo(409);
    assertThat(gate.error().getString("message")).isEqualTo("交付计划尚未经发榜单位确认，不能申请验收");

    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "验收后报告测试榜单");
    DeliveryFixtures.Delivered ready = DeliveryFixtures.readyForAcceptance(app, clock, issuer, lead, call);
    ok(api.post("/api/v1/postings/" + call + "/transitions", issuer.token(), new JsonObject().put("to", "acceptance")), 200);
    Api.Response late = DeliveryFixtures.reportRaw(api, lead.token(), ready.milestoneIds().get(0),
        Map.of("text", "验收开始后才提交的进展报告"), List.of());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error().getString("message")).isEqualTo("榜单当前为「验收中」，不能提交进展报告");
    assertThat(api.put("/api/v1/postings/" + call + "/delivery-plan", lead.token(), DeliveryFixtures.plan(clock)).status())
        .isEqualTo(409);
    assertThat(api.post("/api/v1/postings/" + call + "/transitions", issuer.token(), new JsonObject().put("to", "failed"))
        .status()).as("only the acceptance panel's conclusion closes a call as failed").isEqualTo(409);
    assertThat(DeliveryFixtures.reportRaw(api, lead.token(), ready.milestoneIds().get(1), Map.of("text", "验收期间提交的另一份报告"),
        List.of()).status()).isEqualTo(409);
  }

  @Test
  @DisplayName("funding never exceeds the award, also when two releases are recorded at the same moment")
  void fundingCapped() throws Exception {
    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "资金拨付测试榜单");
    List<Long> milestones = DeliveryFixtures.readyForAcceptance(app, clock, issuer, lead, call).milestoneIds();
    String fund = "/api/v1/milestones/" + milestones.get(0) + "/funding";
    assertThat(fields(api.post(fund, issuer.token(), funding(0)))).containsKey("amountWan");
    assertThat(fields(api.post(fund, issuer.token(), funding(5).put("releasedOn", LocalDate.now(clock).plusDays(1).toString()))))
        .containsKey("releasedOn");
    assertThat(api.post(fund, otherGov.token(), funding(5)).status()).isEqualTo(403);
    assertThat(api.post(fund, lead.token(), funding(5)).status()).isEqualTo(403);
    for (Hostile.Value hostile : Hostile.integers()) {
      Api.Response r = api.send("POST", fund, issuer.token(),
          Hostile.encode(funding(5).put("amountWan", hostile.json())), "application/json");
      assertThat(r.status()).as("amountWan " + hostile.label()).isEqualTo(400);
    }

    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> parallel = List.of(milestones.get(0), milestones.get(1)).stream()
        .map(m -> CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return api.post("/api/v1/milestones/" + m + "/funding", issuer.token(), funding(70)).status();
        })).toList();
    go.countDown();
    List<Integer> statuses = parallel.stream().map(CompletableFuture::join).sorted().toList();
    assertThat(statuses).containsExactly(201, 409);
    Api.Response over = api.post(fund, issuer.token(), funding(51));
    assertThat(over.status()).isEqualTo(409);
    assertThat(over.error().getString("message")).isEqualTo("拨付合计将达 121 万元，超过揭榜支持资金 120 万元（已拨付 70 万元）");
    ok(api.post(fund, issuer.token(), funding(50)), 201);
    assertThat(api.get("/api/v1/postings/" + call + "/delivery-plan", null).json().getLong("releasedWan")).isEqualTo(120);
    assertThat(app.count("SELECT coalesce(sum(amount_wan), 0) FROM funding_releases WHERE posting_id = " + call)).isEqualTo(120);
  }

  @Test
  @DisplayName("a milestone past its due date is flagged 逾期 and notified to the lead and the issuer once")
  void lateOnce() {
    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "逾期提醒测试榜单");
    DeliveryFixtures.inDeliveryWithPlan(app, clock, issuer, lead, call);
    assertThat(milestone(call, 0).getBoolean("late")).isFalse();
    clock.advance(Duration.ofDays(31));
    assertThat(milestone(call, 0).getBoolean("late")).isTrue();
    assertThat(milestone(call, 1).getBoolean("late")).isFalse();
    int sent = app.app().notifyLateMilestones().await();
    assertThat(sent).isGreaterThanOrEqualTo(1);
    assertThat(app.app().notifyLateMilestones().await()).isZero();
    assertThat(kinds(lead, call).stream().filter("delivery_late"::equals).count()).isEqualTo(1);
    assertThat(kinds(issuer, call).stream().filter("delivery_late"::equals).count()).isEqualTo(1);
    assertThat(api.get("/api/v1/postings/" + call + "/delivery-plan", null).json().getJsonArray("timeline").stream()
        .map(e -> ((JsonObject) e).getString("action"))).contains("delivery.milestone.late");
  }

  private static JsonObject funding(long amount) {
    return new JsonObject().put("amountWan", amount).put("releasedOn", LocalDate.now(clock).toString());
  }

  private static JsonObject milestone(long call, int index) {
    return api.get("/api/v1/postings/" + call + "/delivery-plan", issuer.token()).json().getJsonArray("milestones")
        .getJsonObject(index);
  }

  private static Map<String, Object> fields(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    return r.error().getJsonObject("fields").getMap();
  }

  private static List<String> kinds(Account who, long postingId) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(n -> Long.valueOf(postingId).equals(n.getLong("postingId")))
        .map(n -> n.getString("kind")).toList();
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void ok(Api.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }
}
