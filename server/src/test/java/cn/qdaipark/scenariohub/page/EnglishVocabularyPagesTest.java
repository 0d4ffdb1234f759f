package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("English pages name the domains, tracks, maturities, Qingdao's districts and amounts in English")
class EnglishVocabularyPagesTest {
  private static final List<String> DISTRICTS = List.of("青岛市", "市南区", "市北区", "黄岛区", "西海岸新区", "崂山区",
      "李沧区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市");
  /** Every Chinese term a page shows of the fixed vocabulary, and the unit of its amounts. */
  private static final List<String> CHINESE = Stream.of(Vocabulary.DOMAINS, Vocabulary.TRACKS, Vocabulary.MATURITIES,
      DISTRICTS, List.of("万元")).flatMap(List::stream).toList();
  private static final List<String> ENGLISH = List.of("Smart home", "Industrial intelligence", "Smart city",
      "Smart finance", "Life and health", "Air, space, land and sea", "Domestic (Xinchuang) hardware manufacturing",
      "Complex algorithms and software R&amp;D", "Model training and data services", "Deployed at scale",
      "In pilot use", "Prototype validated", "Laoshan District, Qingdao", "CNY 2.5 million", "CNY 500,000",
      "CNY 1 million");
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account provider;
  private static Account buyer;
  private static Account reviewer;
  private static long smartHome;
  private static long openCall;
  private static long callInReview;
  private static long publishedCall;
  private static long demand;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "Qingdao Vocabulary Bureau");
    provider = ChallengeFixtures.verified(app, "provider", "Laoshan Vocabulary Robotics");
    buyer = ChallengeFixtures.verified(app, "buyer", "Vocabulary Port Group");
    reviewer = ChallengeFixtures.verified(app, "government", "Vocabulary Review Office");
    ChallengeFixtures.setRegion(api, provider, "青岛市崂山区");
    smartHome = solution("Voice control hub for apartments", List.of("智能家居", "工业智能"), "信创硬件制造", "规模化应用",
        "青岛市崂山区");
    solution("Traffic signal timing optimiser", List.of("智慧城市", "智慧金融"), "复杂算法软件研发", "试点应用", "青岛市黄岛区");
    solution("Ship hull inspection drone", List.of("生命健康", "空天地海"), "模型训练与数据服务", "原型验证", "青岛市市南区");

    callInReview = call("Harbour drone inspection call", 1);
    assertThat(api.put("/api/v1/postings/" + callInReview + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40))
        .status()).isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, callInReview, reviewer);
    ChallengeFixtures.apply(api, provider, callInReview);
    publishedCall = call("Published drone inspection call", 1);
    long won = ChallengeFixtures.apply(api, provider, publishedCall).getLong("id");
    clock.advance(Duration.ofDays(2));
    app.app().closeExpiredChallenges().await();
    assertThat(api.post("/api/v1/applications/" + won + "/award", issuer.token(), null).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/postings/" + publishedCall + "/transitions", issuer.token(),
        new JsonObject().put("to", "result_published")).status()).isEqualTo(200);

    openCall = call("Open drone inspection call", 30);
    Api.Response rules = api.put("/api/v1/postings/" + openCall + "/rules", issuer.token(), new JsonObject()
        .put("regions", new JsonArray().add("青岛市崂山区")).put("minMaturity", "试点应用"));
    assertThat(rules.status()).as(rules.body()).isEqualTo(200);
    Api.Response applied = api.post("/api/v1/postings/" + openCall + "/applications", provider.token(),
        ChallengeFixtures.proposal().put("solutionIds", new JsonArray().add(smartHome)));
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    Api.Response posted = api.post("/api/v1/postings", buyer.token(), posting("demand", "Smart door lock demand", "智能家居", 50));
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    demand = posted.json().getLong("id");
    Api.Response responded = api.post("/api/v1/postings/" + demand + "/responses", provider.token(), new JsonObject()
        .put("proposal", "Our hub ships in two weeks and pairs with every lock on the market.")
        .put("solutionIds", new JsonArray().add(smartHome)));
    assertThat(responded.status()).as(responded.body()).isEqualTo(201);
    HttpResponse<String> saved = PageClient.as(app, provider).post("/alerts/saved-searches", Map.of("target", "solutions",
        "name", "City alerts", "query", "signal", "domain", "智慧城市", "region", "青岛市崂山区"));
    assertThat(saved.statusCode()).isEqualTo(303);
    PageClient visitor = new PageClient(api.base());
    Eventually.within(Duration.ofSeconds(20), () -> visitor.get("/solutions?lang=zh").body().contains("/solutions/" + smartHome));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long solution(String title, List<String> domains, String track, String maturity, String region) {
    Api.Response r = api.post("/api/v1/solutions", provider.token(), new JsonObject()
        .put("title", title)
        .put("summary", title + " for buildings and public works in the city")
        .put("description", title + ": an edge device with a trained model, deployed in three districts and tested "
            + "against a year of recorded data.")
        .put("domains", new JsonArray(domains)).put("track", track).put("maturity", maturity).put("region", region)
        .put("tags", new JsonArray().add("edge")).put("cases", new JsonArray().add("Pilot with a port operator"))
        .put("priceRange", "by quote"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static JsonObject posting(String kind, String title, String domain, long budgetWan) {
    return new JsonObject().put("kind", kind).put("title", title)
        .put("description", "The port needs day and night inspection of ship hulls and quay cranes by drones, with "
            + "reports an engineer can act on.")
        .put("domain", domain).put("budgetWan", budgetWan)
        .put("deadline", LocalDate.now(clock).plusDays(30).toString())
        .put("requirements", new JsonArray().add("Detects cracks of 2 mm").add("Flies in winds of force 6"))
        .put("region", "青岛市崂山区");
  }

  /** A call in 空天地海 with 250 万元 and the requirements {@link ChallengeFixtures#proposal()} answers. */
  private static long call(String title, int days) {
    Api.Response r = api.post("/api/v1/postings", issuer.token(), posting("challenge", title, "空天地海", 250)
        .put("deadline", LocalDate.now(clock).plusDays(days).toString())
        .put("requirements", new JsonArray().add("夜间识别准确率≥95%").add("告警延迟≤2秒")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  /** The main pages of each role, by who opens them. */
  private static Map<String, PageClient> pages() {
    PageClient visitor = new PageClient(api.base());
    PageClient providerPages = PageClient.as(app, provider);
    PageClient issuerPages = PageClient.as(app, issuer);
    PageClient buyerPages = PageClient.as(app, buyer);
    PageClient reviewerPages = PageClient.as(app, reviewer);
    Map<String, PageClient> pages = new LinkedHashMap<>();
    for (String path : List.of("/", "/solutions", "/solutions?domain=" + enc("智慧城市"), "/solutions?q=zzzqqq",
        "/solutions/" + smartHome, "/challenges", "/demands", "/postings/" + openCall, "/postings/" + publishedCall,
        "/postings/" + publishedCall + "/notice", "/postings/" + demand, "/organizations/" + provider.organizationId(),
        "/stats", "/results")) {
      pages.put(path, visitor);
    }
    for (String path : List.of("/workspace", "/solutions/new", "/solutions/" + smartHome + "/edit", "/alerts",
        "/postings/" + openCall + "/apply", "/postings/" + demand + "/respond", "/workspace/responses")) {
      pages.put(path, providerPages);
    }
    for (String path : List.of("/workspace", "/postings/new", "/postings/" + openCall + "/review",
        "/postings/" + callInReview + "/review", "/postings/" + openCall + "/edit")) {
      pages.put("issuer " + path, issuerPages);
    }
    pages.put("buyer /postings/" + demand + "/responses", buyerPages);
    pages.put("reviewer /workspace/reviews", reviewerPages);
    pages.put("reviewer /postings/" + callInReview + "/score", reviewerPages);
    return pages;
  }

  private static String render(String key, PageClient client, String lang) {
    String path = key.substring(key.indexOf('/'));
    HttpResponse<String> page = client.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
    assertThat(page.statusCode()).as(key).isEqualTo(200);
    return page.body();
  }

  /**
   * The text a reader sees, without what others translate (match reasons, timeline notes) and without the
   * attributes and text areas, where the vocabulary's values stay Chinese for the links and forms (the call's regions
   * are typed as organizations register them, so their hint gives a Chinese example).
   */
  private static String visibleText(String html) {
    return html.replaceAll("(?s)<ul class=\"reasons\">.*?</ul>", " ")
        .replaceAll("(?s)<ol class=\"timeline\".*?</ol>", " ")
        .replaceAll("(?s)<textarea[^>]*>.*?</textarea>", " ")
        .replace(Messages.EN.get("rules_regions_hint"), " ")
        .replaceAll("(?s)<script.*?</script>", " ")
        .replaceAll("(?s)<[^>]*>", " ");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("no page of any role shows a Chinese domain, track, maturity, district or 万元 in English, and together "
      + "they name every term and amount in English")
  void englishPages() {
    StringBuilder all = new StringBuilder();
    List<String> leaks = new ArrayList<>();
    pages().forEach((key, client) -> {
      String html = render(key, client, "en");
      all.append(html);
      String text = visibleText(html);
      CHINESE.stream().filter(text::contains).forEach(term -> leaks.add(key + ": " + term));
    });
    assertThat(leaks).isEmpty();
    assertThat(all.toString()).contains(ENGLISH);
  }

  @Test
  @DisplayName("in English the forms and filters still submit and link the Chinese vocabulary values the API knows")
  void valuesStayChinese() {
    PageClient me = PageClient.as(app, provider);
    assertThat(me.get("/solutions/new?lang=en").body()).contains("value=\"智能家居\"", "> Smart home</label>",
        "<option value=\"信创硬件制造\" >Domestic (Xinchuang) hardware manufacturing</option>",
        "<option value=\"原型验证\" >Prototype validated</option>");
    assertThat(me.get("/solutions/" + smartHome + "/edit?lang=en").body())
        .contains("<option value=\"规模化应用\" selected>Deployed at scale</option>", "value=\"青岛市崂山区\"");
    assertThat(me.get("/challenges?lang=en").body()).contains("<option value=\"空天地海\" >Air, space, land and sea</option>",
        ">Up to CNY 100,000</option>");
    String facets = new PageClient(api.base()).get("/solutions?lang=en").body();
    assertThat(facets).contains("domain&#x3D;" + enc("智慧城市") + "\" ><span>Smart city</span>");
    assertThat(new PageClient(api.base()).get("/solutions?lang=en&domain=" + enc("智慧城市")).body())
        .contains("<input type=\"hidden\" name=\"domain\" value=\"智慧城市\">");
    assertThat(api.get("/api/v1/solutions/" + smartHome, null).json().getString("maturity")).isEqualTo("规模化应用");
  }

  @Test
  @DisplayName("the same pages in Chinese still name the terms in Chinese and amounts in 万元")
  void chinesePages() {
    StringBuilder all = new StringBuilder();
    pages().forEach((key, client) -> all.append(visibleText(render(key, client, "zh"))));
    assertThat(all.toString()).contains(Vocabulary.DOMAINS).contains(Vocabulary.TRACKS).contains(Vocabulary.MATURITIES)
        .contains("青岛市崂山区", "250万元", "50万元", "100万元", "10万及以下")
        .doesNotContain("Smart home", "Laoshan District", "CNY");
  }
}
