package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.ResponseFixtures;
import cn.qdaipark.scenariohub.support.ShowcaseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every role's main pages in English show no Han character outside user content. User content is what the
 * fixtures wrote, read back from PostgreSQL (every text column of the record tables, not the tables the platform
 * writes its own sentences into: notifications, timeline notes, audit, e-mail); the fixed vocabulary is not user
 * content even where a record stores it.
 */
@DisplayName("English pages show no Chinese outside what users wrote")
class EnglishPagesTest {
  private static final String SEARCH = "夜间识别";
  private static final MutableClock clock = MutableClock.startingNow();

  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account reviewer;
  private static Account provider;
  private static Account buyer;
  private static long intrusion;
  private static long welding;
  private static long openCall;
  private static long reviewCall;
  private static long resultCall;
  private static long demand;
  private static long thread;
  private static long scenario;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市英文页面测试局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市英文评审中心");
    provider = ChallengeFixtures.verified(app, "provider", "青岛英文揭榜科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛英文港务集团有限公司");
    ChallengeFixtures.setRegion(api, provider, "青岛市黄岛区");
    intrusion = created(api.post("/api/v1/solutions", provider.token(), ResponseFixtures.intrusion("港区夜间人员闯入识别系统")));
    welding = created(api.post("/api/v1/solutions", provider.token(), Fixtures.solution("焊缝缺陷智能检测平台")));
    openCall = ChallengeFixtures.call(api, issuer, "港区夜间安防揭榜榜单", LocalDate.now(clock).plusDays(30));
    reviewCall = ChallengeFixtures.call(api, issuer, "港区夜间安防评审榜单", LocalDate.now(clock).plusDays(1));
    resultCall = ChallengeFixtures.call(api, issuer, "港区夜间安防公示榜单", LocalDate.now(clock).plusDays(1));
    ok(api.put("/api/v1/postings/" + reviewCall + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)));
    ChallengeFixtures.addReviewer(api, issuer, reviewCall, reviewer);
    JsonObject withSolution = ChallengeFixtures.proposal().put("solutionIds", new JsonArray().add(intrusion));
    long reviewed = created(api.post("/api/v1/postings/" + reviewCall + "/applications", provider.token(), withSolution));
    long awarded = created(api.post("/api/v1/postings/" + resultCall + "/applications", provider.token(), withSolution));
    demand = created(api.post("/api/v1/postings", buyer.token(), Fixtures.posting("demand", "港区堆场夜间人员闯入告警需求")));
    long response = created(api.post("/api/v1/postings/" + demand + "/responses", provider.token(), new JsonObject()
        .put("proposal", "采用双光谱摄像机与边缘盒子，两周内完成堆场试点部署。").put("solutionIds", new JsonArray().add(intrusion))));
    ok(api.post("/api/v1/responses/" + response + "/shortlist", buyer.token(), null));
    thread = created(api.post("/api/v1/conversations", buyer.token(), new JsonObject().put("solutionId", welding)
        .put("organizationId", provider.organizationId()).put("body", "您好，想了解焊缝检测方案的部署周期。")));
    created(api.post("/api/v1/conversations/" + thread + "/messages", provider.token(),
        new JsonObject().put("body", "部署周期约两周，可先在一条产线试点。")));
    api.post("/api/v1/postings/" + openCall + "/contacts", issuer.token(), new JsonObject().put("solutionId", intrusion));
    Account newcomer = ChallengeFixtures.unverified(app, "provider", "青岛英文待审核科技有限公司");
    created(api.post("/api/v1/solutions", newcomer.token(), Fixtures.solution("待审核的港口吊机监控方案")));
    created(api.post("/api/v1/saved-searches", provider.token(),
        new JsonObject().put("name", "夜间安防订阅").put("query", "夜间安防").put("target", "postings")));

    clock.advance(Duration.ofDays(2));
    api.get("/api/v1/postings/" + reviewCall, issuer.token()); // a call found past its deadline moves into review
    api.get("/api/v1/postings/" + resultCall, issuer.token());
    ok(api.put("/api/v1/applications/" + reviewed + "/scores", reviewer.token(), ChallengeFixtures.scores(85, 70)));
    ok(api.post("/api/v1/applications/" + reviewed + "/shortlist", issuer.token(), null));
    ok(api.post("/api/v1/applications/" + awarded + "/award", issuer.token(), null));
    ok(api.post("/api/v1/postings/" + resultCall + "/transitions", issuer.token(),
        new JsonObject().put("to", "result_published")));
    created(api.post("/api/v1/postings/" + resultCall + "/objections", buyer.token(),
        new JsonObject().put("text", "中选单位的夜间检测数据需要第三方核实。")));
    Eventually.within(Duration.ofSeconds(10), () -> !api.get("/api/v1/postings/" + openCall + "/matches", null).json()
        .getJsonArray("items").isEmpty());
    scenario = ShowcaseFixtures.scenarioOf(app, ShowcaseFixtures.acceptedCall(app, clock, issuer, provider, null,
        "港区夜间安防示范场景", intrusion));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long created(Api.Response r) {
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    return r.json().getLong("id");
  }

  private static void ok(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  @DisplayName("every role's main pages in English contain no Han text outside user content")
  void noChineseOutsideUserContent() {
    Set<String> userTexts = ChineseOutsideUserContent.userTexts(app.pool(), SEARCH);
    Map<String, String> pages = new LinkedHashMap<>();
    PageClient visitor = new PageClient(api.base());
    for (String path : List.of("/", "/solutions", "/challenges", "/demands",
        "/solutions?q=" + URLEncoder.encode(SEARCH, StandardCharsets.UTF_8), "/solutions/" + intrusion,
        "/postings/" + openCall, "/postings/" + demand, "/postings/" + resultCall, "/postings/" + resultCall + "/notice",
        "/organizations/" + provider.organizationId(), "/stats", "/results", "/login", "/register", "/password-reset",
        "/solutions/999999", "/postings/" + resultCall + "/delivery", "/showcase",
        "/showcase?domain=" + URLEncoder.encode("空天地海", StandardCharsets.UTF_8),
        "/showcase?year=2001", "/showcase/" + scenario, "/showcase/" + scenario + "/print")) {
      pages.put("visitor " + path, english(visitor, path));
    }
    PageClient providerPages = PageClient.as(app, provider);
    for (String path : List.of("/workspace", "/solutions/" + intrusion, "/solutions/new", "/postings/" + openCall,
        "/postings/" + openCall + "/apply", "/postings/" + demand + "/respond", "/workspace/responses",
        "/conversations", "/conversations/" + thread, "/notifications", "/notifications/settings", "/alerts",
        "/postings/" + reviewCall, "/postings/" + resultCall + "/delivery")) {
      pages.put("provider " + path, english(providerPages, path));
    }
    pages.put("provider POST /solutions/new", english(providerPages, "/solutions/new", Map.of("title", "短")));
    pages.put("provider POST /postings/" + demand + "/respond (twice)",
        english(providerPages, "/postings/" + demand + "/respond", Map.of("proposal", "再次响应同一需求的内容。",
            "solutionIds", String.valueOf(intrusion)), 409));
    pages.put("provider /postings/" + reviewCall + "/review (refused)", english(providerPages, "/postings/" + reviewCall + "/review"));
    PageClient issuerPages = PageClient.as(app, issuer);
    for (String path : List.of("/workspace", "/postings/" + openCall, "/postings/" + reviewCall,
        "/postings/" + reviewCall + "/review", "/postings/" + resultCall, "/postings/new", "/notifications",
        "/conversations", "/postings/" + openCall + "/edit", "/postings/" + reviewCall + "/edit",
        "/organizations/" + issuer.organizationId(), "/postings/" + resultCall + "/delivery", "/showcase/" + scenario,
        "/showcase/" + scenario + "/edit")) {
      pages.put("government " + path, english(issuerPages, path));
    }
    pages.put("government POST /showcase/" + scenario + "/edit", english(issuerPages, "/showcase/" + scenario + "/edit",
        Map.of("title", "", "version", "1", "ind_name_0", "", "ind_after_0", "1"), 400));
    pages.put("provider /showcase/" + scenario + "/edit (refused)", english(providerPages,
        "/showcase/" + scenario + "/edit"));
    pages.put("government POST /postings/new", english(issuerPages, "/postings/new", Map.of("kind", "challenge")));
    PageClient reviewerPages = PageClient.as(app, reviewer);
    for (String path : List.of("/workspace/reviews", "/postings/" + reviewCall + "/score", "/notifications")) {
      pages.put("reviewer " + path, english(reviewerPages, path));
    }
    PageClient buyerPages = PageClient.as(app, buyer);
    for (String path : List.of("/workspace", "/postings/" + demand, "/postings/" + demand + "/responses",
        "/conversations", "/conversations/" + thread, "/notifications", "/solutions/" + welding,
        "/postings/" + demand + "/edit", "/challenges?q=" + URLEncoder.encode("夜间", StandardCharsets.UTF_8))) {
      pages.put("buyer " + path, english(buyerPages, path));
    }
    PageClient admin = new PageClient(api.base()).login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    for (String path : List.of("/workspace", "/workspace/import", "/notifications", "/postings/" + resultCall,
        "/postings/" + reviewCall + "/review", "/conversations")) {
      pages.put("admin " + path, english(admin, path));
    }

    assertThat(pages.get("visitor /postings/" + openCall)).contains("Semantic similarity", "Meets 2/2 requirements");
    assertThat(pages.get("visitor /postings/" + resultCall)).contains("Winner decided",
        "Applications closed; moved into review automatically");
    assertThat(pages.get("provider /notifications")).contains("Your application won the call: 港区夜间安防公示榜单");
    assertThat(pages.get("provider POST /postings/" + demand + "/respond (twice)")).contains("In talks");
    Map<String, List<String>> offending = new LinkedHashMap<>();
    pages.forEach((page, html) -> offending.put(page, ChineseOutsideUserContent.offending(html, userTexts)));
    StringBuilder report = new StringBuilder();
    offending.forEach((page, nodes) -> report.append(String.format("%4d  %s%n", nodes.size(), page)));
    System.out.println("Han text nodes outside user content, per English page:\n" + report);
    offending.values().removeIf(List::isEmpty);
    assertThat(offending).as("pages with Han text outside user content:\n%s", details(offending)).isEmpty();
  }

  @Test
  @DisplayName("the checker itself: user texts pass, platform words and vocabulary do not")
  void checkerSeesWhatItShould() {
    Set<String> users = Set.of("港区夜间人员闯入识别系统", "夜间识别准确率≥95%");
    assertThat(ChineseOutsideUserContent.offending("<p>港区夜间人员闯入识别系统</p><p>Requirement: ✓夜间识别准确率≥95%</p>"
        + "<p>港区<mark>夜间</mark>人员…</p><p>Shared keywords: 夜间, 识别</p>", users)).isEmpty();
    assertThat(ChineseOutsideUserContent.offending("<p>满足 1/2 项要求</p><p title=\"查看\">x</p><p>Domain: 工业智能</p><p>Budget 120 万元</p>",
        users)).containsExactly("满足 1/2 项要求", "[title] 查看", "Domain: 工业智能", "Budget 120 万元");
    assertThat(ChineseOutsideUserContent.offending("<a lang=\"zh\">中文</a><span>中文</span>", users)).containsExactly("中文");
  }

  @Test
  @DisplayName("every {{t.key}} a template uses is in both bundles")
  void bundlesHaveEveryKeyTheTemplatesUse() throws IOException {
    Properties en = bundle("messages_en.properties");
    Properties zh = bundle("messages_zh.properties");
    Pattern key = Pattern.compile("\\{\\{\\{?\\s*t\\.([A-Za-z0-9_]+)");
    Set<String> missing = new TreeSet<>();
    Path templates = Path.of("..", "web", "src", "main", "resources", "web", "templates");
    try (Stream<Path> files = Files.walk(templates)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".hbs")).toList()) {
        Matcher m = key.matcher(Files.readString(file));
        while (m.find()) {
          if (!en.containsKey(m.group(1)) || !zh.containsKey(m.group(1))) {
            missing.add(templates.relativize(file) + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = EnglishPagesTest.class.getResourceAsStream("/web/i18n/" + name)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  private static String english(PageClient client, String path) {
    HttpResponse<String> r = client.get(path + (path.contains("?") ? "&" : "?") + "lang=en");
    assertThat(r.statusCode()).as(path).isIn(200, 403, 404, 409);
    return r.body();
  }

  private static String english(PageClient client, String path, Map<String, String> form) {
    return english(client, path, form, 400);
  }

  /** A form posted in English and refused with {@code status}: the page shows the refusal. */
  private static String english(PageClient client, String path, Map<String, String> form, int status) {
    english(client, path);
    HttpResponse<String> r = client.post(path, form);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    return r.body();
  }

  private static String details(Map<String, List<String>> offending) {
    StringBuilder b = new StringBuilder();
    offending.forEach((page, nodes) -> {
      b.append(page).append(" (").append(nodes.size()).append("):\n");
      nodes.stream().distinct().forEach(n -> b.append("    ").append(n).append('\n'));
    });
    return b.toString();
  }
}
