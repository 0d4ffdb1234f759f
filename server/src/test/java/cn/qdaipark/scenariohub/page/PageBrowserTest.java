package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The stories of issue 4 in Debian's headless chromium, with screenshots of each main page. */
@DisplayName("The web pages in a real browser")
class PageBrowserTest {

  private static TestApp app;
  private static WebDriver browser;
  private static HeadlessChromium chromium;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    app = TestApp.start(Map.of("DEMO_DATA", "true"));
    base = app.api.base();
    chromium = HeadlessChromium.start(base);
    browser = chromium.driver;
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void freshVisitor() {
    browser.manage().window().setSize(new Dimension(1280, 1000));
    open("/");
    browser.manage().deleteAllCookies();
  }

  @Test
  @DisplayName("a visitor browses home, the catalogue, searches with a facet and opens a solution")
  void visitorBrowses() {
    open("/");
    assertThat(browser.getTitle()).contains("智算谷·场景汇");
    assertThat(browser.findElements(By.cssSelector(".tile"))).hasSize(6);
    screenshots("home");
    navigate(browser.findElement(By.linkText("方案库")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("方案库");
    screenshots("solutions");
    WebElement search = browser.findElement(By.id("q"));
    search.sendKeys("检测");
    navigate(browser.findElement(By.cssSelector(".search-box button")));
    assertThat(browser.findElement(By.cssSelector(".results-head [role=status]")).getText()).contains("检测");
    assertThat(browser.findElements(By.cssSelector(".hit mark"))).isNotEmpty();
    WebElement facet = browser.findElement(By.cssSelector(".facets li a"));
    String domain = facet.findElement(By.tagName("span")).getText();
    navigate(facet);
    awaitUrl(".*[?&]q=.*domain=.*");
    assertThat(browser.findElement(By.cssSelector(".facets a[aria-current=true]")).getText()).contains(domain);
    screenshots("search-facet");
    navigate(browser.findElement(By.cssSelector(".hit h2 a")));
    awaitUrl(".*/solutions/\\d+");
    assertThat(browser.findElement(By.id("matches-h")).getText()).isEqualTo("适配的揭榜任务与场景需求");
    assertThat(browser.findElement(By.cssSelector(".kv")).getText()).contains("供应商", "成熟度");
    screenshots("solution");
    for (String page : List.of("challenges", "demands", "stats", "login", "register")) {
      open("/" + page);
      screenshots(page);
    }
    open("/challenges");
    navigate(browser.findElement(By.cssSelector(".posting-card h3 a")));
    assertThat(browser.findElement(By.id("matches-h")).getText()).isEqualTo("推荐方案");
    screenshots("posting");
  }

  @Test
  @DisplayName("a provider registers and posts a solution; it waits for review, an admin approves it, search finds it")
  void providerToPublished() {
    open("/register");
    browser.findElement(By.cssSelector("input[name=role][value=provider]")).click();
    type("orgName", "青岛浏览器测试智能科技有限公司");
    type("displayName", "王工");
    type("email", "browser-provider@test.scenariohub.cn");
    type("password", "Browser#Test2026");
    navigate(browser.findElement(By.cssSelector("form.form button[type=submit]")));
    awaitUrl(".*/workspace");
    navigate(browser.findElement(By.linkText("发布方案")));
    type("title", "浏览器测试港口吊机远程监控方案");
    type("summary", "岸桥吊机远程状态监控与故障预警");
    type("description", "采集岸桥吊机振动、电流与温度数据，利用时序异常检测模型提前预警减速箱与钢丝绳故障，减少非计划停机。");
    browser.findElement(By.cssSelector("input[name=domains][value=空天地海]")).click();
    new Select(browser.findElement(By.id("track"))).selectByVisibleText("复杂算法软件研发");
    new Select(browser.findElement(By.id("maturity"))).selectByVisibleText("试点应用");
    type("tags", "港口, 预测性维护");
    screenshots("solution-form");
    navigate(browser.findElement(By.cssSelector("button[value=submit]")));
    awaitUrl(".*/workspace\\?saved=.*");
    WebElement row = browser.findElement(By.xpath("//tr[.//a[text()='浏览器测试港口吊机远程监控方案']]"));
    assertThat(row.getText()).contains("待审核");
    screenshots("workspace-provider");
    logout();

    login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    WebElement item = browser.findElement(By.xpath("//div[@class='queue-item'][.//strong[text()='浏览器测试港口吊机远程监控方案']]"));
    screenshots("workspace-admin");
    navigate(item.findElement(By.cssSelector("form[action$=approve] button")));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("审核通过");
    logout();

    open("/solutions?q=" + java.net.URLEncoder.encode("吊机远程监控", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(awaitText(".hit h2", "浏览器测试港口吊机远程监控方案")).isTrue();
  }

  @Test
  @DisplayName("a government officer posts a challenge and sees ranked matching solutions with reasons")
  void governmentSeesMatches() {
    login("government@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    open("/postings/new");
    browser.findElement(By.cssSelector("input[name=kind][value=challenge]")).click();
    type("title", "港口集装箱残损智能识别揭榜任务");
    type("description", "港区闸口需要自动识别集装箱箱号并检测箱体残损，替代人工理货核对，要求夜间和雨雾天气可用。");
    type("requirements", "箱号识别准确率≥99%\n残损检出率≥95%\n单箱处理时间≤2秒");
    new Select(browser.findElement(By.id("domain"))).selectByVisibleText("空天地海");
    type("budgetWan", "150");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
        browser.findElement(By.id("deadline")), LocalDate.now().plusMonths(2).toString());
    screenshots("posting-form");
    navigate(browser.findElement(By.cssSelector("button[value=submit]")));
    awaitUrl(".*/postings/\\d+\\?saved=1");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("港口集装箱残损智能识别揭榜任务");
    List<WebElement> matches = browser.findElements(By.cssSelector("#matches .match"));
    assertThat(matches).isNotEmpty();
    assertThat(matches.get(0).findElement(By.cssSelector(".rank")).getText()).isEqualTo("1");
    assertThat(matches.get(0).findElements(By.cssSelector(".reasons li"))).isNotEmpty();
    assertThat(browser.findElement(By.id("matches")).getText()).containsAnyOf("命中关键词", "语义相似度", "项要求");
    screenshots("posting-matches");
    open("/workspace");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("港口集装箱残损智能识别揭榜任务");
    screenshots("workspace-government");
  }

  @Test
  @DisplayName("a form with bad input shows the messages and keeps what was typed")
  void badInputKeepsText() {
    login("buyer@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    open("/postings/new");
    type("title", "社区养老跌倒监测需求");
    type("budgetWan", "很多");
    navigate(browser.findElement(By.cssSelector("button[value=submit]")));
    assertThat(browser.findElement(By.id("title")).getAttribute("value")).isEqualTo("社区养老跌倒监测需求");
    assertThat(browser.findElement(By.id("budgetWan")).getAttribute("value")).isEqualTo("很多");
    assertThat(browser.findElement(By.id("description-error")).getText()).contains("必填");
    assertThat(browser.findElement(By.id("budgetWan-error")).getText()).contains("整数");
    assertThat(browser.findElement(By.cssSelector(".alert")).isDisplayed()).isTrue();
    screenshots("form-errors");
  }

  @Test
  @DisplayName("a provider cannot open another organization's edit page")
  void otherOrganizationsEditPage() {
    String token = Fixtures.verifiedAccount(app, "rival@browser.test.cn", "provider", "浏览器测试对手公司", "91370200MA3BRW001");
    long theirs = app.api.post("/api/v1/solutions", token, Fixtures.solution("对手公司的焊缝检测方案")).json().getLong("id");
    login("provider@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    open("/solutions/" + theirs + "/edit");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
    assertThat(browser.findElements(By.id("title"))).isEmpty();
    screenshots("forbidden");
  }

  @Test
  @DisplayName("the English switch changes the interface language and keeps it")
  void englishSwitch() {
    open("/solutions");
    navigate(browser.findElement(By.cssSelector(".lang-switch")));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Solution catalogue");
    navigate(browser.findElement(By.linkText("Statistics")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Statistics");
    screenshots("stats-en");
    navigate(browser.findElement(By.cssSelector(".lang-switch")));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
  }

  @Test
  @DisplayName("typing in the catalogue search box offers suggestions, choosable with the keyboard")
  void typeaheadSuggestions() {
    String title = app.api.get("/api/v1/search?type=solutions&pageSize=1", null).json().getJsonArray("items")
        .getJsonObject(0).getString("title");
    String prefix = title.substring(0, 2);
    open("/solutions");
    WebElement input = browser.findElement(By.id("q"));
    input.sendKeys(prefix);
    WebElement list = browser.findElement(By.id("q-suggestions"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> list.isDisplayed()
        && !list.findElements(By.cssSelector("li[role=option]")).isEmpty());
    List<WebElement> options = list.findElements(By.cssSelector("li[role=option]"));
    assertThat(options).allSatisfy(li -> assertThat(li.getText().toLowerCase()).startsWith(prefix.toLowerCase()));
    assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");
    screenshots("typeahead");
    String first = options.get(0).getText();
    input.sendKeys(Keys.ARROW_DOWN);
    assertThat(options.get(0).getAttribute("aria-selected")).isEqualTo("true");
    chromium.leaveBy(() -> input.sendKeys(Keys.ENTER));
    assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo(first);
  }

  @Test
  @DisplayName("typing a title like an existing posting's offers it as a possible duplicate")
  void similarPostingHint() {
    String existing = app.api.get("/api/v1/search?type=postings&pageSize=1", null).json().getJsonArray("items")
        .getJsonObject(0).getString("title");
    login("buyer@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    open("/postings/new");
    WebElement box = browser.findElement(By.id("similar"));
    assertThat(box.isDisplayed()).isFalse();
    browser.findElement(By.id("title")).sendKeys(existing);
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> box.isDisplayed());
    assertThat(box.getText()).contains("是否已有类似需求");
    List<WebElement> links = box.findElements(By.cssSelector("a[href^='/postings/']"));
    assertThat(links).isNotEmpty();
    assertThat(links).extracting(WebElement::getText).contains(existing);
    screenshots("similar-hint");
  }

  @Test
  @DisplayName("an unknown address shows the styled 404 page")
  void notFoundPage() {
    open("/no-such-page");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("页面不存在");
    assertThat(browser.findElement(By.cssSelector(".mainnav"))).isNotNull();
    screenshots("not-found");
  }

  @Test
  @DisplayName("a provider follows 我有意向 from a call to the response page")
  void providerResponds() {
    login("provider@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    open("/challenges");
    navigate(browser.findElement(By.cssSelector(".posting-card h3 a")));
    navigate(browser.findElement(By.id("respond")));
    awaitUrl(".*/postings/\\d+/respond");
    assertThat(browser.findElement(By.id("ours-h")).getText()).isEqualTo("您的方案在推荐中的位置");
    screenshots("respond");
  }

  private static void open(String path) {
    chromium.open(path);
  }

  private static void type(String id, String text) {
    chromium.type(id, text);
  }

  private static void login(String email, String password) {
    chromium.login(email, password);
  }

  private static void navigate(WebElement target) {
    chromium.navigate(target);
  }


  private static void awaitUrl(String regex) {
    chromium.awaitUrl(regex);
  }

  private static void logout() {
    chromium.logout();
  }

  /** The index follows the database asynchronously, so a just-approved listing may take a moment to be searchable. */
  private static boolean awaitText(String css, String text) {
    String url = browser.getCurrentUrl();
    for (int i = 0; i < 40; i++) {
      if (browser.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text))) {
        return true;
      }
      sleep(250);
      browser.get(url);
    }
    return false;
  }

  private static void screenshots(String name) {
    chromium.screenshots("" + name);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
