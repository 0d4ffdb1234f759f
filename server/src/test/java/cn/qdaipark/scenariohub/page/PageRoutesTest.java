package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Server-rendered pages")
class PageRoutesTest {
  private static final String PROVIDER = "provider@demo.scenariohub.cn";
  private static final String PROVIDER_PASSWORD = TestApp.DEMO_PASSWORD;
  private static final String BUYER = "buyer@demo.scenariohub.cn";
  private static final String BUYER_PASSWORD = TestApp.DEMO_PASSWORD;

  private static TestApp app;
  private static long someSolution;
  private static long somePosting;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("DEMO_DATA", "true"));
    someSolution = app.api.get("/api/v1/solutions?pageSize=1", null).json().getJsonArray("items").getJsonObject(0).getLong("id");
    somePosting = app.api.get("/api/v1/postings?pageSize=1", null).json().getJsonArray("items").getJsonObject(0).getLong("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private PageClient client() {
    return new PageClient(app.api.base());
  }

  @Test
  @DisplayName("the home page is Chinese, shows the six domains with counts, open calls and the 100-scenario goal")
  void homePage() {
    HttpResponse<String> r = client().get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(r.body()).contains("<html lang=\"zh-CN\">", "智算谷·场景汇", "工业智能", "空天地海",
        "2028年前不少于100个示范应用场景", "role=\"progressbar\"", "name=\"q\"", "<title>");
    assertThat(r.body()).containsPattern("tile-count\">[1-9]");
  }

  @Test
  @DisplayName("every public page renders for a visitor")
  void publicPagesRender() {
    PageClient visitor = client();
    for (String path : new String[] {"/solutions", "/solutions?q=%E7%84%8A%E7%BC%9D&domain=%E5%B7%A5%E4%B8%9A%E6%99%BA%E8%83%BD",
        "/solutions?sort=newest&page=2", "/challenges", "/demands?funding=gt100&status=open", "/stats", "/login",
        "/register", "/solutions/" + someSolution, "/postings/" + somePosting}) {
      assertThat(visitor.get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(visitor.get("/solutions/999999").statusCode()).isEqualTo(404);
    assertThat(visitor.get("/postings/abc").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the catalogue shows facet links with counts and highlighted matches")
  void catalogueFacets() {
    String body = client().get("/solutions?q=%E6%A3%80%E6%B5%8B").body();
    assertThat(body).contains("<mark>", "domain&#x3D;", "class=\"count\"");
  }

  @Test
  @DisplayName("the catalogue shows unrelated records after a 相关度较低 divider, in English too, and none when sorted by date")
  void lowRelevanceDivider() {
    String q = "/solutions?q=%E6%97%A0%E4%BA%BA%E6%9C%BA%E5%B7%A1%E6%A3%80";
    String body = client().get(q).body();
    int divider = body.indexOf("以下结果相关度较低");
    assertThat(divider).isPositive();
    assertThat(body.indexOf("海岸线与输电线路")).isBetween(0, divider);
    assertThat(body.indexOf("相关度较低")).isEqualTo(body.lastIndexOf("相关度较低"));
    assertThat(client().get(q + "&lang=en").body()).contains("Less relevant results");
    assertThat(client().get(q + "&sort=newest").body()).doesNotContain("相关度较低");
  }

  @Test
  @DisplayName("a typo in the search box (缺陷检侧) gets 您是不是要找 with a link to the corrected search; a correct one does not")
  void didYouMean() {
    String body = client().get("/solutions?q=%E7%BC%BA%E9%99%B7%E6%A3%80%E4%BE%A7").body();
    assertThat(body).contains("class=\"did-you-mean\"", "您是不是要找", ">缺陷检测</a>");
    assertThat(client().get("/solutions?q=%E7%BC%BA%E9%99%B7%E6%A3%80%E6%B5%8B").body()).doesNotContain("did-you-mean");
  }

  @Test
  @DisplayName("a solution title containing a script tag is shown as text, never run")
  void userContentIsEscaped() {
    String token = Fixtures.verifiedAccount(app, "xss@page.test.cn", "provider", "页面测试科技有限公司", "91370200MA3PAGE01");
    JsonObject created = app.api.post("/api/v1/solutions", token,
        Fixtures.solution("<script>alert('x')</script>焊缝智检")).json();
    String page = client().get("/solutions/" + created.getLong("id")).body();
    assertThat(page).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
    String search = client().get("/solutions?q=%E7%84%8A%E7%BC%9D%E6%99%BA%E6%A3%80").body();
    assertThat(search).doesNotContain("<script>alert(");
  }

  @Test
  @DisplayName("members' pages send visitors to the login form and other roles to a 403 page")
  void accessControl() {
    HttpResponse<String> anonymous = client().get("/workspace");
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Fworkspace");
    PageClient buyer = client().login(BUYER, BUYER_PASSWORD);
    HttpResponse<String> wrongRole = buyer.get("/solutions/new");
    assertThat(wrongRole.statusCode()).isEqualTo(403);
    assertThat(wrongRole.body()).contains("无权访问");
    assertThat(buyer.get("/workspace/import").statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a provider cannot open another organization's edit page")
  void otherOrganizationsEditPage() {
    String token = Fixtures.verifiedAccount(app, "other@page.test.cn", "provider", "另一家方案公司", "91370200MA3PAGE02");
    long theirs = app.api.post("/api/v1/solutions", token, Fixtures.solution("别家的方案")).json().getLong("id");
    PageClient provider = client().login(PROVIDER, PROVIDER_PASSWORD);
    assertThat(provider.get("/solutions/" + theirs + "/edit").statusCode()).isEqualTo(403);
    assertThat(provider.post("/solutions/" + theirs + "/edit", Map.of("title", "改掉", "version", "1")).statusCode())
        .isIn(400, 403);
  }

  @Test
  @DisplayName("a form post without the CSRF token is refused")
  void csrfRequired() {
    PageClient provider = client().login(PROVIDER, PROVIDER_PASSWORD);
    HttpResponse<String> r = provider.postRaw("/solutions/new", Map.of("title", "没有令牌的方案"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(provider.postRaw("/solutions/new", Map.of("title", "错误令牌", "_csrf", "forged")).statusCode()).isEqualTo(403);
    assertThat(client().postRaw("/login", Map.of("email", PROVIDER, "password", PROVIDER_PASSWORD)).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a form with bad input shows a message next to each field and keeps what was typed")
  void formErrorsKeepInput() {
    PageClient provider = client().login(PROVIDER, PROVIDER_PASSWORD);
    HttpResponse<String> r = provider.post("/solutions/new", Map.of("title", "我的<b>新</b>方案", "summary", "短",
        "description", "港口巡检无人机方案"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("value=\"我的&lt;b&gt;新&lt;/b&gt;方案\"", "港口巡检无人机方案</textarea>",
        "id=\"summary-error\"", "id=\"domains-error\"", "id=\"track-error\"", "aria-invalid=\"true\"");
  }

  @Test
  @DisplayName("a provider's workspace recommends, under each published solution, the open calls and demands that fit it")
  void providerRecommendations() {
    String body = client().login(PROVIDER, PROVIDER_PASSWORD).get("/workspace").body();
    assertThat(body).contains("推荐响应的揭榜任务与场景需求");
    assertThat(body).containsPattern("class=\"recommended\"[^§]*?href=\"/postings/\\d+\"");
  }

  @Test
  @DisplayName("a workspace with more than 20 listings is paginated")
  void workspacePaginated() {
    String token = Fixtures.verifiedAccount(app, "many@example.cn", "provider", "青岛多方案科技有限公司", "91370211MA3CMN001");
    for (int i = 1; i <= 21; i++) {
      app.api.post("/api/v1/solutions", token, Fixtures.solution("第" + i + "号测试方案").put("draft", true));
    }
    PageClient page = client().login("many@example.cn", "Str0ng#Password");
    String first = page.get("/workspace").body();
    assertThat(first).contains("第21号测试方案").doesNotContain("第1号测试方案<").contains("rel=\"next\"");
    assertThat(page.get("/workspace?page=2").body()).contains("第1号测试方案<");
  }

  @Test
  @DisplayName("login sets an HttpOnly SameSite session cookie and logout revokes it")
  void sessionCookie() {
    PageClient page = client();
    page.get("/login");
    HttpResponse<String> r = page.post("/login", Map.of("email", PROVIDER, "password", PROVIDER_PASSWORD, "next", "/workspace"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith("sh_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax", "Path=/"));
    String token = page.cookie("sh_session");
    assertThat(page.get("/workspace").body()).contains("我的方案");
    assertThat(page.post("/logout", Map.of()).statusCode()).isEqualTo(303);
    assertThat(app.api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
    assertThat(page.get("/workspace").statusCode()).isEqualTo(303);
  }

  @Test
  @DisplayName("a wrong password re-shows the login form with the e-mail kept")
  void badLogin() {
    PageClient page = client();
    page.get("/login");
    HttpResponse<String> r = page.post("/login", Map.of("email", BUYER, "password", "wrong-password", "next", "/"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("邮箱或密码不正确", "value=\"" + BUYER + "\"");
  }

  @Test
  @DisplayName("?lang=en switches the pages to English and remembers the choice")
  void englishSwitch() {
    PageClient page = client();
    HttpResponse<String> r = page.get("/?lang=en");
    assertThat(r.body()).contains("<html lang=\"en\">", "Solutions", "Challenges");
    assertThat(page.get("/stats").body()).contains("<html lang=\"en\">", "Statistics");
    assertThat(page.get("/stats?lang=zh").body()).contains("<html lang=\"zh-CN\">", "数据看板");
  }

  @Test
  @DisplayName("the statistics page draws SVG charts and the same numbers as a table")
  void statistics() {
    String body = client().get("/stats").body();
    assertThat(body).contains("<svg", "<rect", "<table", "<caption>", "信创硬件制造");
  }

  @Test
  @DisplayName("the statistics page shows the scenario funnel per domain, with every demo posting counted as posted")
  void scenarioFunnel() {
    String body = client().get("/stats").body();
    assertThat(body).contains("场景转化漏斗", "id=\"funnel\"", "已匹配", "已对接", "示范场景");
    java.util.regex.Matcher total = java.util.regex.Pattern
        .compile("<th scope=\"row\">合计</th><td class=\"num\">(\\d+)</td>").matcher(body);
    assertThat(total.find()).isTrue();
    assertThat(Long.parseLong(total.group(1))).isGreaterThanOrEqualTo(20);
  }

  @Test
  @DisplayName("a posting page lists ranked matching solutions with their reasons")
  void postingMatches() {
    String body = client().get("/postings/" + somePosting).body();
    assertThat(body).contains("考核指标", "class=\"match\"", "class=\"reasons\"");
  }

  @Test
  @DisplayName("the admin's import page lists each bad line and imports nothing")
  void importShowsLineErrors() {
    PageClient admin = client().login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    assertThat(admin.get("/workspace/import").statusCode()).isEqualTo(200);
    String lines = "{\"key\":\"page-1\",\"title\":\"只有标题\"}\nnot json\n";
    HttpResponse<String> r = admin.upload("/workspace/import", Map.of("kind", "solutions"), "file", "bad.jsonl", lines);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("line-errors", "<td class=\"num\">1</td>", "<td class=\"num\">2</td>");
    assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref = 'page-1'")).isZero();
  }

  @Test
  @DisplayName("rejecting a listing needs a reason; the admin's queue says so")
  void rejectNeedsReason() {
    PageClient admin = client().login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    HttpResponse<String> r = admin.post("/workspace/solutions/" + someSolution + "/reject", Map.of("reason", ""));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/workspace?notice=reason_required");
    assertThat(admin.get("/workspace?notice=reason_required").body()).contains("驳回时必须填写");
  }

  @Test
  @DisplayName("an unknown path gets the styled 404 page with the site's navigation; static files and the API keep theirs")
  void unknownPathIsStyled404() {
    PageClient visitor = client();
    HttpResponse<String> r = visitor.get("/no-such-page/here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(r.body()).contains("<html lang=\"zh-CN\">", "页面不存在", "class=\"mainnav\"", "error-code\">404");
    assertThat(visitor.get("/no-such-page?lang=en").body()).contains("Page not found", "<html lang=\"en\">");
    assertThat(visitor.postRaw("/no-such-form", Map.of("a", "b")).statusCode()).isEqualTo(404);
    assertThat(visitor.get("/css/site.css").statusCode()).isEqualTo(200);
    HttpResponse<String> api = visitor.get("/api/v1/no-such-endpoint");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).doesNotContain("<html");
    PageClient provider = client().login(PROVIDER, PROVIDER_PASSWORD);
    assertThat(provider.get("/nothing-here").body()).contains("action=\"/logout\"");
  }

  @Test
  @DisplayName("in English, the services' Chinese validation messages are shown in English next to each field")
  void englishValidationMessages() {
    PageClient provider = client().login(PROVIDER, PROVIDER_PASSWORD);
    provider.get("/solutions/new?lang=en");
    HttpResponse<String> r = provider.post("/solutions/new", Map.of("title", "My new solution", "summary", "ab",
        "description", "short"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<html lang=\"en\">", "At least 4 characters", "At least 10 characters",
        "Enter at least one item", "Required", "value=\"My new solution\"");
    assertThat(r.body()).doesNotContain("必填", "至少");
    PageClient visitor = client();
    visitor.get("/register?lang=en");
    HttpResponse<String> reg = visitor.post("/register", Map.of("role", "provider", "orgName", "Test org", "displayName",
        "Tester", "email", "not-an-email", "password", "short", "creditCode", "123"));
    assertThat(reg.statusCode()).isEqualTo(400);
    assertThat(reg.body()).contains("Not a valid e-mail address", "The password needs at least 10 characters",
        "At least 18 characters");
    HttpResponse<String> zh = client().login(PROVIDER, PROVIDER_PASSWORD).post("/solutions/new", Map.of("title", "新方案"));
    assertThat(zh.body()).contains("必填");
  }

  @Test
  @DisplayName("the boards offer a 截止时间 filter whose value is checked and kept; an unknown value is ignored")
  void deadlineFilter() {
    PageClient visitor = client();
    String body = visitor.get("/challenges?deadline=30&domain=%E5%B7%A5%E4%B8%9A%E6%99%BA%E8%83%BD").body();
    assertThat(body).contains("<label for=\"f-deadline\">截止时间</label>", "<option value=\"30\" selected>30天内</option>");
    String bogus = visitor.get("/demands?deadline=13").body();
    assertThat(bogus).contains("<option value=\"7\" >7天内</option>").doesNotContain("selected>7天内");
    assertThat(visitor.get("/demands?deadline=90&lang=en").body()).contains("Within 90 days");
  }

  @Test
  @DisplayName("a provider sees 我有意向 on a posting and a response page with their ranking; others may not open it")
  void providerInterest() {
    PageClient provider = client().login(PROVIDER, PROVIDER_PASSWORD);
    String posting = provider.get("/postings/" + somePosting).body();
    assertThat(posting).contains("id=\"respond\" href=\"/postings/" + somePosting + "/respond\"", "我有意向");
    HttpResponse<String> respond = provider.get("/postings/" + somePosting + "/respond");
    assertThat(respond.statusCode()).isEqualTo(200);
    assertThat(respond.body()).contains("您的方案在推荐中的位置", "下一步", "/solutions/new");
    assertThat(client().login(BUYER, BUYER_PASSWORD).get("/postings/" + somePosting + "/respond").statusCode()).isEqualTo(403);
    assertThat(client().get("/postings/" + somePosting + "/respond").statusCode()).isEqualTo(303);
    assertThat(client().get("/postings/" + somePosting).body()).doesNotContain("id=\"respond\"");
    assertThat(provider.get("/postings/999999/respond").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the statistics page charts the matches made and lists them in the table")
  void matchesMade() {
    String body = client().get("/stats").body();
    assertThat(body).contains("id=\"match-chart\"", "匹配成效", "已有有效匹配", "待匹配", "id=\"strong-matches\"", "id=\"match-note\"");
    assertThat(body).containsPattern("id=\"strong-matches\">[1-9]");
    assertThat(client().get("/stats?lang=en").body()).contains("Matches made");
  }

  @Test
  @DisplayName("a CSV file is imported like JSONL; bad rows are listed with their CSV row numbers and nothing is stored")
  void csvImport() {
    PageClient admin = client().login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    String header = "key,title,summary,description,domains,track,tags,maturity,provider,region,cases,priceRange\r\n";
    String good = "csv-1,CSV导入的港口巡检方案,港口设备巡检与缺陷识别,\"采用无人机与边缘计算，\n对港口设备进行\"\"自动\"\"巡检，识别锈蚀、裂纹等缺陷。\","
        + "空天地海|工业智能,复杂算法软件研发,无人机；巡检,试点应用,青岛CSV导入科技有限公司,青岛市,\"已在某港区部署, 效果良好\",面议\r\n";
    String bad = "csv-2,,短,太短,未知领域,复杂算法软件研发,,试点应用,青岛CSV导入科技有限公司,,,\r\n";
    HttpResponse<String> r = admin.upload("/workspace/import", Map.of("kind", "solutions"), "file", "data.csv",
        header + good + bad);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("CSV 行", "<td class=\"num\">3</td>", "title").doesNotContain("<td class=\"num\">2</td>");
    assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref IN ('csv-1', 'csv-2')")).isZero();

    HttpResponse<String> malformed = admin.upload("/workspace/import", Map.of("kind", "solutions"), "file", "bad.csv",
        header + "csv-3,\"no end\r\n");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("引号未闭合", "<td class=\"num\">2</td>");
    assertThat(admin.upload("/workspace/import", Map.of("kind", "solutions"), "file", "cols.csv", "key,colour\ncsv-4,red\n")
        .body()).contains("未知的列名“colour”");

    HttpResponse<String> ok = admin.upload("/workspace/import", Map.of("kind", "solutions"), "file", "data.csv", header + good);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("已导入 1 条记录");
    assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref = 'csv-1' AND domains = ARRAY['空天地海','工业智能'] "
        + "AND tags = ARRAY['无人机','巡检'] AND description LIKE '%\n对港口设备进行\"自动\"巡检%' "
        + "AND cases = ARRAY['已在某港区部署, 效果良好']")).isEqualTo(1);
  }
}
