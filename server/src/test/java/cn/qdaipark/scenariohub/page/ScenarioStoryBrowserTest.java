package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.AcceptanceFixtures;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.DeliveryFixtures;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.ShowcaseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Issue 16 in headless chromium: from the award through delivery and acceptance to a case in the showcase. */
@DisplayName("From award to demonstration scenario in a real browser")
class ScenarioStoryBrowserTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static final String TITLE = "近海养殖网箱无人机巡检揭榜";

  private static TestApp app;
  private static HeadlessChromium chromium;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    app = TestApp.start(clock);
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
  @DisplayName("award → plan proposed and accepted → a report returned, then accepted → acceptance passed → "
      + "the case page, the gallery, the home counter, the domain tracker and the solution page show it")
  void awardToShowcase(@TempDir Path files) throws IOException {
    Api api = app.api;
    Account issuer = ChallengeFixtures.verified(app, "government", "青岛市海洋发展局");
    Account lead = ChallengeFixtures.verified(app, "provider", "青岛海巡智能科技有限公司");
    List<Account> experts = List.of(ChallengeFixtures.verified(app, "government", "青岛市科技局"),
        ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局"),
        ChallengeFixtures.verified(app, "government", "青岛市海洋科学研究院"));
    long solution = api.post("/api/v1/solutions", lead.token(), Fixtures.solution("海巡无人机网箱巡检系统"))
        .json().getLong("id");
    long scenariosBefore = scenariosOnHomePage();
    long domainBefore = scenariosOfDomain("空天地海");

    long call = ShowcaseFixtures.awardedCall(app, clock, issuer, lead, null, TITLE, solution);
    DeliveryFixtures.toDelivery(app, clock, issuer, call);

    // the lead proposes a one-milestone plan; the issuer accepts it
    chromium.login(ChallengeFixtures.email(app, lead), Api.PASSWORD);
    chromium.open("/postings/" + call + "/delivery");
    chromium.type("title_0", "完成网箱巡检航线部署与识别模型联调");
    setValue("due_0", LocalDate.now(clock).plusDays(45).toString());
    chromium.type("deliverable_0", "巡检航线图、识别模型测试报告");
    chromium.type("funding_0", "60");
    chromium.navigate(browser.findElement(By.id("propose-plan")));
    chromium.logout();

    chromium.login(ChallengeFixtures.email(app, issuer), Api.PASSWORD);
    chromium.open("/postings/" + call + "/delivery");
    chromium.navigate(browser.findElement(By.id("accept-plan")));
    assertThat(browser.findElement(By.id("plan-status")).getText()).isNotBlank();
    chromium.logout();

    // the first report is returned with a comment, the second accepted
    Path photo = picture(files.resolve("巡检现场.png"));
    report(lead, call, "首次巡检完成，识别结果见附件照片。", "93%", photo);
    chromium.login(ChallengeFixtures.email(app, issuer), Api.PASSWORD);
    chromium.open("/postings/" + call + "/delivery");
    WebElement returnButton = browser.findElement(By.cssSelector("[id^=return-report-]"));
    String reportId = returnButton.getAttribute("id").substring("return-report-".length());
    chromium.type("return-comment-" + reportId, "夜间识别准确率未达到95%，请补充夜间复测数据。");
    chromium.navigate(returnButton);
    assertThat(browser.getPageSource()).contains("夜间识别准确率未达到95%，请补充夜间复测数据。");
    chromium.logout();

    report(lead, call, "补充夜间复测：连续7晚识别准确率96.4%，告警延迟1.2秒。", "96.4%", photo);
    chromium.login(ChallengeFixtures.email(app, issuer), Api.PASSWORD);
    chromium.open("/postings/" + call + "/delivery");
    chromium.navigate(browser.findElement(By.cssSelector("[id^=accept-report-]")));
    chromium.screenshots("story-delivery");

    // the issuer asks for acceptance and appoints the panel
    chromium.open("/postings/" + call);
    chromium.navigate(browser.findElement(By.id("move-acceptance")));
    assertThat(status(call)).isEqualTo("acceptance");
    long round = AcceptanceFixtures.openRound(api, issuer, call);
    for (Account expert : experts) {
      chromium.open("/acceptances/" + round);
      chromium.type("member-email", ChallengeFixtures.email(app, expert));
      chromium.navigate(browser.findElement(By.id("appoint-submit")));
    }
    chromium.logout();

    for (Account expert : experts) {
      chromium.login(ChallengeFixtures.email(app, expert), Api.PASSWORD);
      chromium.open("/acceptances/" + round);
      browser.findElement(By.id("verdict-0-met")).click();
      browser.findElement(By.id("verdict-1-met")).click();
      chromium.navigate(browser.findElement(By.id("score-submit")));
      chromium.logout();
    }

    chromium.login(ChallengeFixtures.email(app, issuer), Api.PASSWORD);
    chromium.open("/acceptances/" + round);
    browser.findElement(By.id("outcome-accepted")).click();
    chromium.type("conclusion-summary", "三位专家一致认为各项考核指标均已达到，同意通过验收。");
    chromium.navigate(browser.findElement(By.id("conclude-submit")));
    assertThat(status(call)).isEqualTo("accepted");
    chromium.screenshots("story-acceptance");
    chromium.logout();

    // a visitor finds the case
    long scenario = ShowcaseFixtures.scenarioOf(app, call);
    chromium.open("/showcase");
    assertThat(browser.findElement(By.cssSelector("main")).getText()).contains(TITLE);
    chromium.screenshots("story-showcase");
    chromium.navigate(browser.findElement(By.cssSelector("a[href='/showcase/" + scenario + "']")));
    String casePage = browser.findElement(By.cssSelector("main")).getText();
    assertThat(casePage).contains(TITLE, "青岛海巡智能科技有限公司", "海巡无人机网箱巡检系统");
    assertThat(browser.findElement(By.xpath("//tr[th[contains(., '夜间识别准确率')] or td[contains(., '夜间识别准确率')]]"))
        .getText()).as("the value measured in the accepted report is the case's result").contains("96.4%")
        .doesNotContain("93%");
    chromium.screenshots("story-case");

    chromium.open("/postings/" + call);
    assertThat(browser.findElements(By.cssSelector("#posting-scenario a[href='/showcase/" + scenario + "']"))).hasSize(1);
    chromium.open("/solutions/" + solution);
    assertThat(browser.findElements(By.cssSelector("#solution-scenarios a[href='/showcase/" + scenario + "']"))).hasSize(1);
    assertThat(scenariosOnHomePage()).isEqualTo(scenariosBefore + 1);
    assertThat(scenariosOfDomain("空天地海")).isEqualTo(domainBefore + 1);
  }

  /** The lead reports on the plan's only milestone, with one measured value and a photo as evidence. */
  private static void report(Account lead, long call, String text, String accuracy, Path photo) {
    chromium.login(ChallengeFixtures.email(app, lead), Api.PASSWORD);
    chromium.open("/postings/" + call + "/delivery");
    WebElement form = browser.findElement(By.cssSelector("form.report-form"));
    String milestone = form.getAttribute("id").substring("report-form-".length());
    chromium.type("text-" + milestone, text);
    chromium.type("value-" + milestone + "-0", accuracy);
    browser.findElement(By.id("evidence-" + milestone)).sendKeys(photo.toAbsolutePath().toString());
    chromium.navigate(browser.findElement(By.id("submit-report-" + milestone)));
    chromium.logout();
  }

  private static Path picture(Path file) throws IOException {
    BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(20, 70, 120));
    g.fillRect(0, 0, 640, 400);
    g.setColor(new Color(240, 200, 60));
    g.fillOval(260, 140, 120, 120);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static void setValue(String id, String value) {
    ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
  }

  private static String status(long posting) {
    return app.api.get("/api/v1/postings/" + posting, null).json().getString("status");
  }

  private static long scenariosOnHomePage() {
    Matcher m = Pattern.compile("aria-valuenow=\"(\\d+)\"").matcher(app.api.get("/", null).body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The domain's row of the tracker on /stats: its count of demonstration scenarios. */
  private static long scenariosOfDomain(String domain) {
    Matcher m = Pattern.compile("<th scope=\"row\">" + domain + "</th><td class=\"num\">(\\d+)</td>")
        .matcher(app.api.get("/stats", null).body());
    assertThat(m.find()).as("the tracker has a row for " + domain).isTrue();
    return Long.parseLong(m.group(1));
  }
}
