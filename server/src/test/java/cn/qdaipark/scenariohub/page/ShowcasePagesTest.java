package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.ResponseFixtures;
import cn.qdaipark.scenariohub.support.ShowcaseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The 示范场景 pages: gallery, case page, print sheet, the issuer's form, links and the tracker")
class ShowcasePagesTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account lead;
  private static Account buyer;
  private static Account provider;
  private static long solution;
  private static long call;
  private static long scenario;
  private static long demandScenario;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市海洋发展局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛深海视觉科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾集装箱码头有限公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    solution = created(api.post("/api/v1/solutions", lead.token(), ResponseFixtures.intrusion("港区夜间人员入侵识别系统")));
    call = ShowcaseFixtures.acceptedCall(app, clock, issuer, lead, null, "港区夜间入侵识别示范", solution);
    scenario = ShowcaseFixtures.scenarioOf(app, call);
    long providerSolution = created(api.post("/api/v1/solutions", provider.token(),
        ResponseFixtures.intrusion("红外热成像周界告警")));
    demandScenario = ShowcaseFixtures.scenarioOf(app,
        ShowcaseFixtures.landedDemand(app, buyer, provider, "码头周界入侵告警落地", providerSolution));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long created(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static String page(String path) {
    HttpResponse<String> r = new PageClient(api.base()).get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  @DisplayName("the gallery filters by domain, district, track and year, searches, and says when nothing matches")
  void gallery() {
    String all = page("/showcase");
    assertThat(all).contains("href=\"/showcase/" + scenario + "\"", "href=\"/showcase/" + demandScenario + "\"",
        "aria-current=\"page\">示范场景</a>");
    assertThat(page("/showcase?domain=" + enc("空天地海"))).contains("/showcase/" + scenario + "\"")
        .doesNotContain("/showcase/" + demandScenario + "\"");
    assertThat(page("/showcase?district=" + enc("青岛市城阳区"))).contains("/showcase/" + demandScenario + "\"")
        .doesNotContain("/showcase/" + scenario + "\"");
    assertThat(page("/showcase?track=" + enc("复杂算法软件研发") + "&sort=oldest")).contains("/showcase/" + scenario + "\"");
    assertThat(page("/showcase?q=" + enc("周界"))).contains("/showcase/" + demandScenario + "\"")
        .doesNotContain("/showcase/" + scenario + "\"");
    String none = page("/showcase?year=2001");
    assertThat(none).contains("id=\"sc-empty\"", "没有符合条件的示范场景");
    assertThat(new PageClient(api.base()).get("/showcase?domain=" + enc("火星")).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("the case page links the call, the consortium and the solutions; the sheet prints on its own")
  void casePage() {
    String body = page("/showcase/" + scenario);
    assertThat(body).contains("港区夜间入侵识别示范", "港区集装箱堆场夜间作业照明不足", "href=\"/postings/" + call + "\"",
        "href=\"/organizations/" + lead.organizationId() + "\"", "href=\"/solutions/" + solution + "\"",
        "id=\"sc-indicator-table\"", "夜间识别准确率≥95%", "href=\"/showcase/" + scenario + "/print\"", "青岛市黄岛区")
        .doesNotContain("id=\"sc-edit\"");
    assertThat(page("/showcase/" + scenario + "/print")).contains("id=\"sc-sheet\"", "港区夜间入侵识别示范");
    assertThat(new PageClient(api.base()).get("/showcase/999999").statusCode()).isEqualTo(404);
    assertThat(PageClient.as(app, issuer).get("/showcase/" + scenario).body()).contains("id=\"sc-edit\"");
    assertThat(page("/showcase/" + scenario + "?lang=en")).contains("Indicators (before and after)", "Accepted");
  }

  @Test
  @DisplayName("a solution page says in how many scenarios it landed; an organization page lists its scenarios")
  void linksBothWays() {
    String solutionPage = page("/solutions/" + solution);
    assertThat(solutionPage).contains("已在 1 个示范场景落地", "href=\"/showcase/" + scenario + "\"");
    assertThat(page("/organizations/" + lead.organizationId())).contains("id=\"org-scenarios\"",
        "href=\"/showcase/" + scenario + "\"");
    assertThat(page("/organizations/" + issuer.organizationId())).contains("href=\"/showcase/" + scenario + "\"");
    assertThat(page("/organizations/" + provider.organizationId())).contains("href=\"/showcase/" + demandScenario + "\"")
        .doesNotContain("href=\"/showcase/" + scenario + "\"");
  }

  @Test
  @DisplayName("the issuer edits on the page: messages next to the fields, then saved; others are refused")
  void editForm() {
    PageClient issuerPages = PageClient.as(app, issuer);
    String form = issuerPages.get("/showcase/" + scenario + "/edit").body();
    assertThat(form).contains("id=\"sc-edit-form\"", "name=\"ind_name_0\"", "value=\"夜间识别准确率≥95%\"",
        "enctype=\"multipart/form-data\"");
    Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(form);
    assertThat(version.find()).isTrue();
    Map<String, String> fields = new HashMap<>(Map.of("title", "", "summary", "长".repeat(2001),
        "version", version.group(1), "ind_name_0", "", "ind_after_0", "97.2"));
    HttpResponse<String> refused = issuerPages.post("/showcase/" + scenario + "/edit", fields);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"title-error\"", "id=\"summary-error\"", "id=\"ind_name_0-error\"",
        "value=\"97.2\"");
    fields.putAll(Map.of("title", "港区夜间入侵识别示范", "summary", "堆场夜间闯入告警由人工巡查改为自动推送。",
        "ind_name_0", "夜间识别准确率", "ind_before_0", "78", "ind_unit_0", "%"));
    HttpResponse<String> saved = issuerPages.post("/showcase/" + scenario + "/edit", fields);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).contains("/showcase/" + scenario + "?notice=saved");
    assertThat(page("/showcase/" + scenario)).contains("堆场夜间闯入告警由人工巡查改为自动推送。", "97.2");
    assertThat(issuerPages.post("/showcase/" + scenario + "/edit", fields).statusCode()).as("stale").isEqualTo(409);

    PageClient leadPages = PageClient.as(app, lead);
    assertThat(leadPages.get("/showcase/" + scenario + "/edit").statusCode()).isEqualTo(403);
    assertThat(leadPages.post("/showcase/" + scenario + "/edit", fields).statusCode()).isEqualTo(403);
    assertThat(new PageClient(api.base()).get("/showcase/" + scenario + "/edit").statusCode()).isIn(302, 303, 401);
  }

  @Test
  @DisplayName("hostile text in every field of the form comes back as a 400 with the message next to the field")
  void hostileForm() {
    PageClient issuerPages = PageClient.as(app, issuer);
    String form = issuerPages.get("/showcase/" + scenario + "/edit").body();
    Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(form);
    assertThat(version.find()).isTrue();
    Map<String, String> errorIds = Map.of("title", "title-error", "summary", "summary-error",
        "ind_name_0", "ind_name_0-error", "ind_after_0", "ind_after_0-error", "ind_unit_0", "ind_unit_0-error");
    for (Hostile.Value value : Hostile.strings()) {
      if (value.label().equals("lone surrogate") || value.label().equals("900 KB")) {
        continue; // a browser cannot send half a surrogate pair; the size limits are tested above
      }
      errorIds.forEach((field, errorId) -> {
        Map<String, String> fields = new HashMap<>(Map.of("title", "港区夜间入侵识别示范", "summary", "",
            "version", version.group(1), "ind_name_0", "夜间识别准确率"));
        fields.put(field, (String) value.json());
        HttpResponse<String> r = issuerPages.post("/showcase/" + scenario + "/edit", fields);
        assertThat(r.statusCode()).as(field + " " + value.label()).isEqualTo(400);
        assertThat(r.body()).as(field + " " + value.label()).contains("id=\"" + errorId + "\"");
      });
    }
  }

  @Test
  @DisplayName("a picture uploaded on the form shows on the case page; a file that is not a picture is named next to the field")
  void uploadOnThePage() throws IOException {
    String path = "/showcase/" + demandScenario + "/images";
    PageClient buyerPages = PageClient.as(app, buyer);
    HttpResponse<String> added = buyerPages.uploadBytes(path, Map.of("caption", "现场"), "site.png", "image/png", png());
    assertThat(added.statusCode()).as("the buyer issued the demand: " + added.body()).isEqualTo(303);
    HttpResponse<String> otherOrg = PageClient.as(app, issuer).uploadBytes(path, Map.of("caption", "说明"), "site.png",
        "image/png", png());
    assertThat(otherOrg.statusCode()).isEqualTo(403);
    HttpResponse<String> notPicture = buyerPages.uploadBytes(path, Map.of("caption", "说明"), "fake.png", "image/png",
        "not a picture".getBytes(StandardCharsets.UTF_8));
    assertThat(notPicture.statusCode()).isEqualTo(415);
    assertThat(notPicture.body()).contains("id=\"file-error\"", "JPEG 或 PNG", "id=\"sc-edit-form\"");
    HttpResponse<String> wrongToken = buyerPages.uploadBytes(path, Map.of("_csrf", "wrong"), "site.png", "image/png",
        png());
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(app.count("SELECT count(*) FROM scenario_images WHERE scenario_id = " + demandScenario)).isEqualTo(1);
    assertThat(page("/showcase/" + demandScenario)).contains("id=\"sc-images\"", "现场", "/thumb\"");
    assertThat(page("/showcase")).contains("/showcase/" + demandScenario + "/images/");
  }

  @Test
  @DisplayName("the counter counts scenarios; awarded calls and piloted demands are the pipeline, per domain too")
  void tracker() {
    String home = page("/");
    long scenarios = app.count("SELECT count(*) FROM scenarios");
    assertThat(home).contains("aria-valuenow=\"" + scenarios + "\"", "id=\"home-scenarios\"",
        "href=\"/showcase/" + scenario + "\"");
    long pipelineBefore = pipelineCalls(home);
    ShowcaseFixtures.awardedCall(app, clock, issuer, lead, null, "已揭榜待验收的任务", solution);
    String after = page("/");
    assertThat(after).contains("aria-valuenow=\"" + scenarios + "\"");
    assertThat(pipelineCalls(after)).isEqualTo(pipelineBefore + 1);

    String stats = page("/stats");
    Matcher row = Pattern.compile("<th scope=\"row\">空天地海</th><td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td>")
        .matcher(stats.substring(stats.indexOf("id=\"tracker-table\"")));
    assertThat(row.find()).isTrue();
    assertThat(Long.parseLong(row.group(1))).isEqualTo(1);
    assertThat(Long.parseLong(row.group(2))).isEqualTo(1);
    assertThat(stats).contains("id=\"trend-table\"", "<polyline", "id=\"forecast-none\"", "数据不足 3 个月",
        "id=\"forecast-method\"", "/api/v1/open-data/scenarios.csv");
    assertThat(page("/stats?lang=en")).contains("Fewer than 3 months of data", "least squares");
  }

  private static long pipelineCalls(String html) {
    Matcher m = Pattern.compile("id=\"pipeline\"[^>]*>.*?<strong>(\\d+)</strong>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
