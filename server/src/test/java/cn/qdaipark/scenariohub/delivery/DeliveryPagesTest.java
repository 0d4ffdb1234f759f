package cn.qdaipark.scenariohub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.DeliveryFixtures;
import cn.qdaipark.scenariohub.support.DeliveryFixtures.Part;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.PageClient;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The delivery pages: the plan, report, decision and funding forms, with messages next to the fields")
class DeliveryPagesTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account lead;
  private static Account outsider;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市交付页面测试局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛交付页面牵头科技有限公司");
    outsider = ChallengeFixtures.verified(app, "provider", "青岛交付页面无关科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }
  /** The report form of the delivery page, posted as a browser does: the session's cookies and CSRF token. */
  private static Api.Response evidence(PageClient pages, String action, Map<String, String> fields, List<Part> files) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("_csrf", pages.cookie("sh_csrf"));
    return DeliveryFixtures.multipart(app.api, action, null, withToken, "evidence", files, pages.cookieHeader());
  }


  @Test
  @DisplayName("the lead's plan form shows each problem next to its field and keeps what was typed; the issuer "
      + "returns (a comment is required) and accepts; the call page shows the plan")
  void planForms() {
    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "交付页面计划测试榜单");
    PageClient leadPages = PageClient.as(app, lead);
    String page = "/postings/" + call + "/delivery";
    Document empty = Jsoup.parse(leadPages.get(page).body());
    assertThat(empty.getElementById("plan-form")).isNotNull();
    assertThat(empty.select("#plan-form fieldset")).hasSize(3);
    assertThat(Jsoup.parse(PageClient.as(app, issuer).get(page).body()).getElementById("plan-form")).isNull();

    Map<String, String> form = new HashMap<>();
    form.put("title_0", "");
    form.put("due_0", LocalDate.now(clock).plusDays(20).toString());
    form.put("deliverable_0", "部署清单");
    form.put("funding_0", "三十");
    form.put("title_1", "完成试运行");
    form.put("due_1", LocalDate.now(clock).minusDays(1).toString());
    form.put("deliverable_1", "试运行报告");
    form.put("funding_1", "20");
    HttpResponse<String> refused = leadPages.post("/postings/" + call + "/delivery/plan", form);
    assertThat(refused.statusCode()).isEqualTo(400);
    Document shown = Jsoup.parse(refused.body());
    assertThat(shown.getElementById("title_0-error").text()).isEqualTo("必填");
    assertThat(shown.getElementById("title_0").attr("aria-describedby")).isEqualTo("title_0-error");
    assertThat(shown.getElementById("funding_0-error").text()).isEqualTo("必须是整数");
    assertThat(shown.getElementById("due_1-error").text()).isEqualTo("到期日必须晚于今天");
    assertThat(shown.getElementById("funding_0").val()).isEqualTo("三十");
    assertThat(shown.getElementById("title_1").val()).isEqualTo("完成试运行");

    form.put("title_0", "完成设备部署");
    form.put("funding_0", "30");
    form.put("due_1", LocalDate.now(clock).plusDays(40).toString());
    HttpResponse<String> proposed = leadPages.post("/postings/" + call + "/delivery/plan", form);
    assertThat(proposed.statusCode()).isEqualTo(303);
    assertThat(proposed.headers().firstValue("Location").orElseThrow()).contains("notice=proposed");

    PageClient issuerPages = PageClient.as(app, issuer);
    Document decision = Jsoup.parse(issuerPages.get(page).body());
    String version = decision.select("#plan-decision input[name=version]").first().val();
    HttpResponse<String> noComment = issuerPages.post("/postings/" + call + "/delivery/plan/return",
        Map.of("version", version, "comment", ""));
    assertThat(noComment.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(noComment.body()).getElementById("plan-return-comment-error").text()).isEqualTo("必填");
    assertThat(PageClient.as(app, outsider).post("/postings/" + call + "/delivery/plan/accept",
        Map.of("version", version)).statusCode()).isEqualTo(403);
    assertThat(issuerPages.post("/postings/" + call + "/delivery/plan/accept", Map.of("version", version)).statusCode())
        .isEqualTo(303);

    Document callPage = Jsoup.parse(new PageClient(app.api.base()).get("/postings/" + call).body());
    assertThat(callPage.getElementById("delivery")).isNotNull();
    assertThat(callPage.select("#delivery-milestones li")).hasSize(2);
    assertThat(callPage.getElementById("delivery-plan-status").text()).isEqualTo("已确认");
    assertThat(Jsoup.parse(leadPages.get(page).body()).getElementById("plan-form")).as("an accepted plan is final").isNull();
    assertThat(leadPages.get("/notifications?lang=en").body())
        .contains("The issuer accepted the delivery plan: 交付页面计划测试榜单", "Report progress milestone by milestone.");
  }

  @Test
  @DisplayName("a report form refused for its text or its file comes back with the message next to that field; "
      + "an accepted report's evidence downloads for the issuer; funding over the award is refused on the form; "
      + "a late milestone shows 逾期")
  void reportAndFundingForms() {
    long call = DeliveryFixtures.awarded(app, clock, issuer, lead, "交付页面报告测试榜单");
    long milestone = DeliveryFixtures.inDeliveryWithPlan(app, clock, issuer, lead, call).get(0);
    PageClient leadPages = PageClient.as(app, lead);
    String action = "/milestones/" + milestone + "/report";
    Api.Response shortText = evidence(leadPages, action, Map.of("text", "太短", "value_0", "96%"), List.of());
    assertThat(shortText.status()).isEqualTo(400);
    Document shown = Jsoup.parse(shortText.body());
    assertThat(shown.getElementById("text-" + milestone + "-error").text()).isEqualTo("至少 10 个字");
    assertThat(shown.getElementById("value-" + milestone + "-0").val()).isEqualTo("96%");

    Api.Response notImage = evidence(leadPages, action, Map.of("text", "已完成设备部署与联调，照片见附件。"),
        List.of(new Part("photo.png", "image/png", "这不是图片".getBytes(StandardCharsets.UTF_8))));
    assertThat(notImage.status()).isEqualTo(415);
    assertThat(Jsoup.parse(notImage.body()).getElementById("evidence-" + milestone + "-error").text())
        .contains("PDF、JPEG 或 PNG");

    Api.Response reported = evidence(leadPages, action, Map.of("text", "已完成设备部署与联调，记录见附件。", "value_0", "96.5%"),
        List.of(DeliveryFixtures.pdf("联调记录.pdf")));
    assertThat(reported.status()).as(reported.body()).isEqualTo(303);

    PageClient issuerPages = PageClient.as(app, issuer);
    Document review = Jsoup.parse(issuerPages.get("/postings/" + call + "/delivery").body());
    String evidenceHref = review.select("#milestone-" + milestone + " .attachment-list a").first().attr("href");
    HttpResponse<byte[]> file = issuerPages.download(evidenceHref);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(PageClient.as(app, outsider).download(evidenceHref).statusCode()).isEqualTo(403);
    assertThat(new PageClient(app.api.base()).get("/postings/" + call + "/delivery").body())
        .doesNotContain("已完成设备部署与联调，记录见附件。");
    String reportId = review.select("#milestone-" + milestone + " .report").first().id().substring("report-".length());
    HttpResponse<String> noComment = issuerPages.post("/milestone-reports/" + reportId + "/return", Map.of("comment", ""));
    assertThat(noComment.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(noComment.body()).getElementById("return-comment-" + reportId + "-error").text()).isEqualTo("必填");
    assertThat(issuerPages.post("/milestone-reports/" + reportId + "/accept", Map.of()).statusCode()).isEqualTo(303);

    HttpResponse<String> over = issuerPages.post("/milestones/" + milestone + "/funding",
        Map.of("amountWan", "121", "releasedOn", LocalDate.now(clock).toString()));
    assertThat(over.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(over.body()).getElementById("amount-" + milestone + "-error").text()).contains("120");
    HttpResponse<String> funded = issuerPages.post("/milestones/" + milestone + "/funding",
        Map.of("amountWan", "30", "releasedOn", LocalDate.now(clock).toString()));
    assertThat(funded.statusCode()).isEqualTo(303);
    assertThat(Jsoup.parse(issuerPages.get("/postings/" + call + "/delivery").body()).getElementById("releases-" + milestone)
        .text()).isEqualTo(LocalDate.now(clock) + " · 30万元");
    HttpResponse<String> beyond = issuerPages.post("/milestones/" + milestone + "/funding",
        Map.of("amountWan", "91", "releasedOn", LocalDate.now(clock).toString()));
    assertThat(beyond.statusCode()).isEqualTo(409);
    assertThat(Jsoup.parse(beyond.body()).getElementById("funding-" + milestone + "-error").text()).contains("超过揭榜支持资金");

    clock.advance(Duration.ofDays(61));
    Document late = Jsoup.parse(new PageClient(app.api.base()).get("/postings/" + call + "/delivery").body());
    assertThat(late.select(".badge.late")).hasSize(1);
    assertThat(Jsoup.parse(new PageClient(app.api.base()).get("/postings/" + call).body()).select("#delivery .badge.late"))
        .hasSize(1);
    assertThat(new PageClient(app.api.base()).get("/postings/" + call + "/delivery?lang=en").body()).contains("Overdue",
        "Delivery record", "Plan accepted");
    assertThat(api.get("/api/v1/postings/" + call + "/delivery-plan", null).json().getLong("releasedWan")).isEqualTo(30);
  }
}
