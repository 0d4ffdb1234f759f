package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages of the scenario funnel: 联系对接, the XLSX import and the matcher's fit in the review table")
class FunnelPagesTest {
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherGov;
  private static Account provider;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市港航发展中心");
    otherGov = ChallengeFixtures.verified(app, "government", "青岛市应急管理局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛页面对接科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  @Test
  @DisplayName("match reasons quote the posting's requirement lines as text: markup in them is shown, never run")
  void matchReasonsAreEscaped() {
    long solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区闸口车牌识别方案")
        .put("description", "港区闸口集装箱卡车车牌与箱号识别，夜间识别准确率96%，识别延迟小于1秒。")
        .put("domains", new JsonArray().add("空天地海"))).json().getLong("id");
    long posting = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "闸口车牌识别需求")
        .put("requirements", new JsonArray().add("<img src=x onerror=alert(1)>车牌识别准确率≥95%"))).json().getLong("id");
    PageClient page = as(issuer);
    Eventually.within(Duration.ofSeconds(20), () -> page.get("/postings/" + posting).body().contains("id=\"contact-" + solution + "\""));
    assertThat(page.get("/postings/" + posting).body())
        .contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;车牌识别准确率≥95%")
        .doesNotContain("<img src=x");
  }

  @Test
  @DisplayName("the issuer contacts a matched provider from the posting page and sees it listed; others, or a closed posting, get no button (403/409)")
  void contactFromPostingPage() {
    long solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区夜间入侵识别方案")
        .put("description", "面向港区集装箱堆场，红外与可见光双光谱识别夜间闯入人员，夜间识别准确率97%，告警延迟小于1秒。")
        .put("domains", new JsonArray().add("空天地海"))).json().getLong("id");
    long posting = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "堆场夜间入侵识别需求"))
        .json().getLong("id");
    PageClient page = as(issuer);
    Eventually.within(Duration.ofSeconds(20), () -> page.get("/postings/" + posting).body().contains("id=\"contact-" + solution + "\""));
    assertThat(page.get("/postings/" + posting).body()).contains("id=\"contacts\"").doesNotContain("id=\"contact-list\"");

    HttpResponse<String> contacted = page.post("/postings/" + posting + "/contacts", Map.of("solutionId", String.valueOf(solution)));
    assertThat(contacted.statusCode()).isEqualTo(303);
    assertThat(contacted.headers().firstValue("Location").orElse("")).matches("/conversations/\\d+\\?notice=contacted");
    String after = page.get("/postings/" + posting).body();
    assertThat(after).contains("id=\"contact-list\"").contains("青岛页面对接科技有限公司");
    assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id = " + posting)).isEqualTo(1);

    PageClient other = as(otherGov);
    assertThat(other.get("/postings/" + posting).body()).doesNotContain("id=\"contact-" + solution + "\"");
    assertThat(other.post("/postings/" + posting + "/contacts", Map.of("solutionId", String.valueOf(solution))).statusCode())
        .isEqualTo(403);
    assertThat(page.post("/postings/" + posting + "/contacts", Map.of("solutionId", "abc")).statusCode()).isEqualTo(404);

    assertThat(api.post("/api/v1/postings/" + posting + "/close", issuer.token(), null).status()).isEqualTo(200);
    assertThat(page.get("/postings/" + posting).body()).doesNotContain("id=\"contact-" + solution + "\"");
    assertThat(page.post("/postings/" + posting + "/contacts", Map.of("solutionId", String.valueOf(solution))).statusCode())
        .isEqualTo(409);
  }

  @Test
  @DisplayName("a buyer contacts a provider from the solution's page; the provider sees no button")
  void buyerContactsFromSolutionPage() {
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛港页面对接集团");
    long solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("码头闸口车牌识别方案"))
        .json().getLong("id");
    PageClient page = as(buyer);
    assertThat(page.get("/solutions/" + solution).body()).contains("id=\"contact-provider\"");
    HttpResponse<String> contacted = page.post("/solutions/" + solution + "/contacts", Map.of());
    assertThat(contacted.statusCode()).isEqualTo(303);
    assertThat(page.get(contacted.headers().firstValue("Location").orElseThrow()).body()).contains("id=\"notice\"",
        "id=\"message-form\"");
    assertThat(app.count("SELECT count(*) FROM contacts WHERE posting_id IS NULL AND solution_id = " + solution)).isEqualTo(1);
    PageClient own = as(provider);
    assertThat(own.get("/solutions/" + solution).body()).doesNotContain("id=\"contact-provider\"");
    assertThat(own.post("/solutions/" + solution + "/contacts", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("the statistics page explains what the funnel's 已对接 column counts")
  void statsExplainContacted() {
    assertThat(api.get("/stats", null).body()).contains("<abbr title=\"已对接：发布单位对匹配方案点击过");
  }

  @Test
  @DisplayName("the review table shows the matcher's fit beside the reviewers' total, with a dash without solutions")
  void reviewTableShowsFit() {
    long call = api.post("/api/v1/postings", issuer.token(),
        ChallengeFixtures.challenge("港区页面评审揭榜", LocalDate.now().plusDays(30))).json().getLong("id");
    Api.Response applied = api.post("/api/v1/postings/" + call + "/applications", provider.token(), ChallengeFixtures.proposal());
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    String html = as(issuer).get("/postings/" + call + "/review").body();
    assertThat(html).contains("机器匹配度").contains("id=\"fit-note\"").contains("<td class=\"fit\">—</td>");
  }

  @Test
  @DisplayName("the admin imports a 场景清单 workbook from the import page and downloads the template; others may not")
  void importPageTakesXlsx() throws IOException {
    PageClient admin = new PageClient(api.base()).login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    assertThat(admin.get("/workspace/import").body()).contains("/workspace/import/postings-template.xlsx");
    assertThat(admin.get("/workspace/import/postings-template.xlsx").statusCode()).isEqualTo(200);
    assertThat(as(otherGov).get("/workspace/import/postings-template.xlsx").statusCode()).isEqualTo(403);

    HttpResponse<String> ok = admin.uploadBytes("/workspace/import", Map.of("kind", "postings"), "清单.xlsx", XLSX,
        workbook("PG-1", "场景需求", "页面导入的需求"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/postings/by-ref/PG-1", null).status()).isEqualTo(200);

    HttpResponse<String> bad = admin.uploadBytes("/workspace/import", Map.of("kind", "postings"), "清单.xlsx", XLSX,
        workbook("PG-2", "路线图", "页面导入的坏行"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("<td class=\"num\">2</td>");
    assertThat(api.get("/api/v1/postings/by-ref/PG-2", null).status()).isEqualTo(404);

    HttpResponse<String> notXlsx = admin.uploadBytes("/workspace/import", Map.of("kind", "postings"), "清单.xlsx", XLSX,
        "not a workbook".getBytes());
    assertThat(notXlsx.statusCode()).isEqualTo(400);
    assertThat(notXlsx.body()).contains("XLSX");
    assertThat(admin.uploadBytes("/workspace/import", Map.of("kind", "solutions"), "清单.xlsx", XLSX,
        workbook("PG-3", "场景需求", "选错类型")).statusCode()).isEqualTo(400);
  }

  private static byte[] workbook(String key, String kind, String title) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet();
      String[] header = {"编号", "类型", "标题", "发布单位", "领域", "描述", "考核指标/需求", "预算(万元)", "截止日期", "地区"};
      String[] values = {key, kind, title, "青岛市港航发展中心", "空天地海",
          "港区堆场夜间作业照明不足，需要全天候识别闯入作业区人员并及时告警的方案。", "夜间识别准确率≥95%", "80",
          "2027-06-30", "青岛市"};
      Row h = sheet.createRow(0);
      Row r = sheet.createRow(1);
      for (int c = 0; c < header.length; c++) {
        h.createCell(c).setCellValue(header[c]);
        r.createCell(c).setCellValue(values[c]);
      }
      book.write(out);
      return out.toByteArray();
    }
  }
}
