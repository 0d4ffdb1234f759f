package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 14's layout check: each role's main pages at 375×812 and 1280×900 neither overflow the page sideways nor
 * squeeze a table cell below two characters, nor clip a table or a placeholder, nor wrap the navigation, nor draw
 * chart labels below 12 px; with screenshots of both widths.
 */
@DisplayName("The main pages fit a phone and a desktop")
class LayoutBrowserTest {
  private static final MutableClock clock = MutableClock.startingNow();
  /** Every problem of the page at the current width, one line each. */
  private static final String PROBLEMS = """
      var out = [], w = window.innerWidth, phone = w < 600;
      if (document.documentElement.scrollWidth > w) {
        out.push('page overflows: ' + document.documentElement.scrollWidth + ' > ' + w);
      }
      document.querySelectorAll('td, th, td .badge').forEach(function (c) {
        var text = c.textContent.trim();
        if (text.length < 2 || c.getClientRects().length === 0) { return; }
        var s = getComputedStyle(c), fs = parseFloat(s.fontSize);
        var inner = c.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        if (inner < 2 * fs - 0.5) { out.push('cell ' + Math.round(inner) + 'px: ' + text.slice(0, 12)); }
      });
      if (!phone) {
        document.querySelectorAll('.table-scroll').forEach(function (t) {
          if (t.scrollWidth > t.clientWidth + 1) {
            out.push('table clipped: ' + t.scrollWidth + ' > ' + t.clientWidth + ' ' + (t.querySelector('table').id || ''));
          }
        });
      }
      var tops = [];
      document.querySelectorAll('.mainnav li').forEach(function (li) {
        if (li.getClientRects().length > 0) { tops.push(Math.round(li.getBoundingClientRect().top)); }
      });
      if (tops.length && Math.max.apply(null, tops) - Math.min.apply(null, tops) > 8) { out.push('navigation wraps'); }
      var ctx = document.createElement('canvas').getContext('2d');
      document.querySelectorAll('input[placeholder]').forEach(function (i) {
        if (i.getClientRects().length === 0) { return; }
        var s = getComputedStyle(i);
        ctx.font = s.fontSize + ' ' + s.fontFamily;
        var room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        if (ctx.measureText(i.placeholder).width > room + 1) { out.push('placeholder cut: ' + i.placeholder); }
      });
      document.querySelectorAll('svg text').forEach(function (t) {
        var m = t.getScreenCTM();
        var px = parseFloat(getComputedStyle(t).fontSize) * (m ? m.a : 1);
        if (px < 12) { out.push('chart label ' + px.toFixed(1) + 'px: ' + t.textContent.trim().slice(0, 12)); }
      });
      return out;
      """;

  private static TestApp app;
  private static WebDriver browser;
  private static HeadlessChromium chromium;
  private final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    app = TestApp.start(Map.of("DEMO_DATA", "true"), true, clock);
    chromium = HeadlessChromium.start(app.api.base());
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

  @Test
  @DisplayName("a visitor's pages: home, catalogue, search, boards, a call, a solution, statistics, results")
  void visitorPages() {
    check("home", "/");
    check("solutions", "/solutions");
    check("search", "/solutions?q=%E6%A3%80%E6%B5%8B");
    check("challenges", "/challenges");
    check("demands", "/demands");
    check("stats", "/stats");
    check("results", "/results");
    String call = firstLink("/challenges", ".posting-card h3 a");
    check("call", call);
    assertThat(browser.findElements(By.cssSelector("#matches .match"))).isNotEmpty().allSatisfy(match -> {
      assertThat(match.findElements(By.cssSelector(":scope > .reasons li"))).hasSizeLessThanOrEqualTo(Cards.TOP_REASONS);
      assertThat(match.findElement(By.cssSelector("details.match-why")).getAttribute("open")).isNull();
    });
    String solution = firstLink("/solutions", ".hit h2 a, .card h3 a");
    check("solution", solution);
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("the 示范场景 showcase: the gallery, a case page, its print sheet and the edit form")
  void showcasePages() {
    check("showcase", "/showcase");
    String scenario = firstLink("/showcase", ".sc-card h3 a");
    check("showcase-case", scenario);
    assertThat(browser.findElements(By.cssSelector("#sc-images img"))).isNotEmpty();
    check("showcase-print", scenario + "/print");
    login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    check("showcase-edit", scenario + "/edit");
    chromium.logout();
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("the signed-in roles' pages: workspaces, the review table, conversations, notifications, alerts (whose "
      + "digest hour shows only for the daily digest)")
  void signedInPages() {
    Api api = app.api;
    Account issuer = ChallengeFixtures.verified(app, "government", "青岛市西海岸新区数字经济发展和大数据管理局");
    long call = ChallengeFixtures.call(api, issuer, "港区集装箱残损智能识别与箱号校验揭榜挂帅任务", LocalDate.now(clock));
    assertThat(api.put("/api/v1/postings/" + call + "/rubric", issuer.token(), ChallengeFixtures.rubric(40, 30, 20, 10))
        .status()).isEqualTo(200);
    for (String lead : List.of("青岛海纳云智能视觉科技股份有限公司", "山东港口科技集团青岛人工智能研究院有限公司")) {
      ChallengeFixtures.apply(api, ChallengeFixtures.verified(app, "provider", lead), call);
    }
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();

    login(ChallengeFixtures.email(app, issuer), Api.PASSWORD);
    check("workspace-government", "/workspace");
    check("review", "/postings/" + call + "/review");
    check("call-issuer", "/postings/" + call);
    chromium.logout();

    login("provider@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    check("workspace-provider", "/workspace");
    check("conversations", "/conversations");
    check("notifications", "/notifications");
    check("alerts", "/alerts");
    WebElement digestHour = browser.findElement(By.id("digestHour"));
    browser.findElement(By.cssSelector("input[name='delivery'][value='instant']")).click();
    assertThat(digestHour.isDisplayed()).as("the digest hour while 即时提醒 is chosen").isFalse();
    browser.findElement(By.cssSelector("input[name='delivery'][value='daily']")).click();
    assertThat(digestHour.isDisplayed()).as("the digest hour while 每日汇总 is chosen").isTrue();
    chromium.logout();

    login("buyer@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
    check("workspace-buyer", "/workspace");
    chromium.logout();
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("in English, a visitor's and a provider's main pages fit both widths and show no Chinese outside what "
      + "users wrote")
  void englishPages() {
    chromium.open("/?lang=en");
    Set<String> userTexts = ChineseOutsideUserContent.userTexts(app.pool(), "drone inspection");
    try {
      checkEnglish(userTexts, "en-home", "/");
      checkEnglish(userTexts, "en-search", "/solutions?q=drone%20inspection");
      checkEnglish(userTexts, "en-challenges", "/challenges");
      checkEnglish(userTexts, "en-call", firstLink("/challenges", ".posting-card h3 a"));
      checkEnglish(userTexts, "en-solution", firstLink("/solutions", ".hit h2 a, .card h3 a"));
      checkEnglish(userTexts, "en-stats", "/stats");
      login("provider@demo.scenariohub.cn", TestApp.DEMO_PASSWORD);
      checkEnglish(userTexts, "en-workspace-provider", "/workspace");
      checkEnglish(userTexts, "en-notifications", "/notifications");
      chromium.logout();
    } finally {
      chromium.open("/?lang=zh");
    }
    assertThat(problems).isEmpty();
  }

  /** {@link #check}, and the page's Han text that no user wrote counts as a problem. */
  private void checkEnglish(Set<String> userTexts, String name, String path) {
    check(name, path);
    ChineseOutsideUserContent.offending(browser.getPageSource(), userTexts)
        .forEach(text -> problems.add(name + ": Chinese outside user content: " + text));
  }

  @Test
  @DisplayName("on a phone the navigation opens from a menu button and the search filters fold under 筛选 (n)")
  void phoneMenuAndFilterDrawer() {
    browser.manage().window().setSize(new Dimension(375, 812));
    try {
      chromium.open("/solutions?q=%E6%A3%80%E6%B5%8B");
      WebElement menu = browser.findElement(By.id("nav-toggle"));
      WebElement solutions = browser.findElement(By.cssSelector(".mainnav a[href='/solutions']"));
      assertThat(menu.getAttribute("aria-expanded")).isEqualTo("false");
      assertThat(solutions.isDisplayed()).isFalse();
      menu.click();
      assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
      assertThat(solutions.isDisplayed()).isTrue();
      solutions.sendKeys(Keys.ESCAPE);
      assertThat(menu.getAttribute("aria-expanded")).isEqualTo("false");
      assertThat(browser.switchTo().activeElement()).isEqualTo(menu);

      WebElement filters = browser.findElement(By.cssSelector("#facet-drawer > summary"));
      assertThat(filters.getText()).isEqualTo("筛选 (0)");
      assertThat(browser.findElement(By.cssSelector(".facets li a")).isDisplayed()).isFalse();
      filters.click();
      WebElement facet = browser.findElement(By.cssSelector(".facets li a"));
      assertThat(facet.isDisplayed()).isTrue();
      chromium.navigate(facet);
      assertThat(browser.findElement(By.cssSelector("#facet-drawer > summary")).getText()).isEqualTo("筛选 (1)");
      chromium.screenshots("layout-search-filtered");
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  /** Opens the page, records its problems at both widths and takes its screenshots. */
  private void check(String name, String path) {
    chromium.open(path);
    for (Dimension size : List.of(new Dimension(375, 812), new Dimension(1280, 900))) {
      browser.manage().window().setSize(size);
      new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> ((Number) ((JavascriptExecutor) d)
          .executeScript("return window.innerWidth")).intValue() == size.width);
      @SuppressWarnings("unchecked")
      List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript(PROBLEMS);
      found.forEach(p -> problems.add(name + " @" + size.width + ": " + p));
    }
    chromium.screenshots("layout-" + name);
  }

  private static String firstLink(String page, String css) {
    chromium.open(page);
    return browser.findElement(By.cssSelector(css)).getAttribute("href").replaceFirst("^https?://[^/]+", "");
  }

  private static void login(String email, String password) {
    chromium.login(email, password);
  }
}
