package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The whole 揭榜挂帅 story of issue 5 in headless chromium, from the call to the 公示 page and the scenario count. */
@DisplayName("The challenge workflow in a real browser")
class PageWorkflowBrowserTest {
  private static final MutableClock clock = MutableClock.startingNow();

  private static TestApp app;
  private static WebDriver browser;
  private static HeadlessChromium chromium;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    app = TestApp.start(clock);
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

  @Test
  @DisplayName("a call is posted, two providers apply (one as a consortium), reviewers score, one is awarded and published")
  void callToPublishedResult() {
    Api api = app.api;
    Account issuer = ChallengeFixtures.verified(app, "government", "青岛市海洋发展局");
    Account judgeOne = ChallengeFixtures.verified(app, "government", "青岛市科技创新促进中心");
    Account judgeTwo = ChallengeFixtures.verified(app, "government", "青岛市人工智能研究院");
    Account lead = ChallengeFixtures.verified(app, "provider", "青岛深海视觉科技有限公司");
    Account partner = ChallengeFixtures.verified(app, "provider", "青岛港湾算法科技有限公司");
    Account rival = ChallengeFixtures.verified(app, "provider", "青岛蓝港智能科技有限公司");
    long before = scenariosOnHomePage();
    long pipelineBefore = pipelineCallsOnHomePage();

    // the officer's call, open for one more day
    long call = api.post("/api/v1/postings", issuer.token(),
        ChallengeFixtures.challenge("港区夜间人员入侵识别揭榜", LocalDate.now(clock).plusDays(1))).json().getLong("id");
    long offered = api.post("/api/v1/solutions", lead.token(), Fixtures.solution("深海视觉夜间入侵识别系统")).json().getLong("id");
    assertThat(offered).isPositive();

    // the officer sets the rubric and the reviewers on the review page
    login(issuer);
    open("/postings/" + call + "/review");
    type("name_0", "技术方案");
    type("weight_0", "60");
    type("name_1", "实施能力");
    type("weight_1", "40");
    navigate(browser.findElement(By.cssSelector("#rubric-form button[type=submit]")));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("评分标准已保存。");
    for (Account judge : new Account[] {judgeOne, judgeTwo}) {
      type("reviewer-email", ChallengeFixtures.email(app, judge));
      navigate(browser.findElement(By.cssSelector("form[action$='/reviewers'] button")));
    }
    assertThat(browser.findElements(By.cssSelector("#reviewers li"))).hasSize(2);
    logout();

    // the lead applies through the form with a consortium partner
    login(lead);
    open("/postings/" + call);
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("申报中");
    navigate(browser.findElement(By.id("apply")));
    type("approach", "采用红外与可见光双光谱摄像机，结合目标检测与多目标跟踪模型，在边缘盒子上实时识别闯入人员。");
    type("answer_0", "双光谱融合，夜间实测准确率97.2%");
    type("answer_1", "边缘推理，端到端延迟约0.8秒");
    type("schedule", "签约后3个月完成部署，6个月完成验收");
    type("team", "算法工程师6人，实施工程师4人");
    type("budgetWan", "100");
    type("partner_0", "青岛港湾算法科技有限公司");
    browser.findElement(By.cssSelector("input[name=solutionIds][value='" + offered + "']")).click();
    screenshots("apply-form");
    navigate(browser.findElement(By.id("apply-submit")));
    assertThat(browser.findElement(By.id("my-application")).getText()).contains("已提交");
    open("/workspace");
    assertThat(browser.findElement(By.id("my-applications")).getText()).contains("港区夜间人员入侵识别揭榜", "青岛港湾算法科技有限公司");
    screenshots("workspace-applications");
    logout();

    long consortium = api.get("/api/v1/postings/" + call + "/applications", lead.token()).json()
        .getJsonArray("items").getJsonObject(0).getLong("id");
    Api.Response confirmed = api.post("/api/v1/applications/" + consortium + "/partners/" + partner.organizationId()
        + "/confirm", partner.token(), null);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    long solo = api.post("/api/v1/postings/" + call + "/applications", rival.token(), ChallengeFixtures.proposal())
        .json().getLong("id");

    // the deadline passes; the reviewers score
    clock.advance(Duration.ofDays(2));
    app.app().closeExpiredChallenges().await();
    for (Account judge : new Account[] {judgeOne, judgeTwo}) {
      assertThat(api.put("/api/v1/applications/" + consortium + "/scores", judge.token(),
          ChallengeFixtures.scores(90, 85)).status()).isEqualTo(200);
      assertThat(api.put("/api/v1/applications/" + solo + "/scores", judge.token(),
          ChallengeFixtures.scores(70, 75)).status()).isEqualTo(200);
    }

    // the officer awards the best-ranked application and publishes the result
    login(issuer);
    open("/postings/" + call + "/review");
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("评审中");
    assertThat(browser.findElement(By.cssSelector("#review-table tbody tr")).getText()).contains("青岛深海视觉科技有限公司", "88");
    screenshots("review-table");
    navigate(browser.findElement(By.id("award-" + consortium)));
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("揭榜成功");
    navigate(browser.findElement(By.id("move-result_published")));
    open("/postings/" + call);
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("结果公示");
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("评审中", "揭榜成功", "结果公示");
    screenshots("posting-timeline");
    logout();

    // the public 公示 page shows it, and the park counts one more call in the pipeline (a scenario once accepted)
    open("/results");
    WebElement result = browser.findElement(By.id("result-" + call));
    assertThat(result.getText()).contains("港区夜间人员入侵识别揭榜", "青岛深海视觉科技有限公司", "青岛港湾算法科技有限公司")
        .doesNotContain("青岛蓝港智能科技有限公司");
    screenshots("results");
    assertThat(scenariosOnHomePage()).isEqualTo(before);
    assertThat(pipelineCallsOnHomePage()).isEqualTo(pipelineBefore + 1);
  }

  /** The calls on their way to a scenario (揭榜成功 to 验收中), as the home page's counter shows them. */
  private static long pipelineCallsOnHomePage() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"pipeline\"[^>]*>.*?<strong>(\\d+)</strong>",
        java.util.regex.Pattern.DOTALL).matcher(app.api.get("/", null).body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static long scenariosOnHomePage() {
    Matcher m = Pattern.compile("aria-valuenow=\"(\\d+)\"").matcher(app.api.get("/", null).body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static void open(String path) {
    chromium.open(path);
  }

  private static void type(String id, String text) {
    chromium.type(id, text);
  }

  private static void login(Account account) {
    chromium.login(ChallengeFixtures.email(app, account), Api.PASSWORD);
  }

  private static void logout() {
    chromium.logout();
  }

  private static void navigate(WebElement target) {
    chromium.navigate(target);
  }


  private static void screenshots(String name) {
    chromium.screenshots("workflow-" + name);
  }
}
