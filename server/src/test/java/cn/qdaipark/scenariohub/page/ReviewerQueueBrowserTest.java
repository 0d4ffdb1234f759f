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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Issue 13's reviewer story in headless chromium: assignment → 待我评审 → 1/2 then 2/2 → award. */
@DisplayName("The reviewers' queue in a real browser")
class ReviewerQueueBrowserTest {
  private static final MutableClock clock = MutableClock.startingNow();

  private static TestApp app;
  private static WebDriver browser;
  private static HeadlessChromium chromium;

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
  @DisplayName("the issuer assigns two reviewers, each finds the call in 待我评审 and scores, the issuer sees 1/2 then 2/2 and awards")
  void assignScoreAward() {
    Api api = app.api;
    Account issuer = ChallengeFixtures.verified(app, "government", "青岛市数字经济发展局");
    Account judgeOne = ChallengeFixtures.verified(app, "government", "青岛市科技情报研究所");
    Account judgeTwo = ChallengeFixtures.verified(app, "government", "青岛市大数据应用中心");
    Account lead = ChallengeFixtures.verified(app, "provider", "青岛云眸视觉科技有限公司");
    long call = ChallengeFixtures.call(api, issuer, "园区无人巡检机器人揭榜", LocalDate.now(clock));
    long application = ChallengeFixtures.apply(api, lead, call).getLong("id");

    // the officer sets the rubric and assigns the two reviewers on the review page
    login(issuer);
    open("/postings/" + call + "/review");
    type("name_0", "技术方案");
    type("weight_0", "60");
    type("name_1", "实施能力");
    type("weight_1", "40");
    navigate(browser.findElement(By.cssSelector("#rubric-form button[type=submit]")));
    for (Account judge : new Account[] {judgeOne, judgeTwo}) {
      type("reviewer-email", ChallengeFixtures.email(app, judge));
      navigate(browser.findElement(By.cssSelector("form[action$='/reviewers'] button")));
    }
    assertThat(browser.findElements(By.cssSelector("#reviewers li"))).hasSize(2);
    logout();

    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();

    // each reviewer is told, finds the call in 待我评审 and scores it
    int[][] sheets = {{90, 80}, {70, 90}};
    for (int i = 0; i < 2; i++) {
      Account judge = i == 0 ? judgeOne : judgeTwo;
      login(judge);
      navigate(browser.findElement(By.id("bell")));
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("园区无人巡检机器人揭榜");
      open("/workspace");
      navigate(browser.findElement(By.id("my-reviews-link")));
      assertThat(browser.findElement(By.id("my-progress-" + call)).getText()).isEqualTo("已评 0/1 份申报");
      if (i == 0) {
        screenshots("my-reviews");
      }
      navigate(browser.findElement(By.id("score-link-" + call)));
      type("score_" + application + "_0", String.valueOf(sheets[i][0]));
      type("score_" + application + "_1", String.valueOf(sheets[i][1]));
      navigate(browser.findElement(By.id("score-submit-" + application)));
      assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("评分已保存。");
      open("/workspace/reviews");
      assertThat(browser.findElement(By.id("my-progress-" + call)).getText()).isEqualTo("已评 1/1 份申报");
      logout();

      // the officer watches the progress: 1/2, then 2/2
      login(issuer);
      open("/postings/" + call + "/review");
      assertThat(browser.findElement(By.id("progress-" + application)).getText()).contains((i + 1) + "/2 评审已评分");
      if (i == 0) {
        screenshots("review-progress-half");
        // awarding now asks first
        navigate(browser.findElement(By.id("award-" + application)));
        assertThat(browser.findElement(By.id("confirm-question")).getText()).startsWith("尚有 1 位评审未评分");
        screenshots("award-confirmation");
        navigate(browser.findElement(By.id("confirm-cancel")));
        assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("评审中");
      }
      logout();
    }

    // both scored: the officer awards without a question
    login(issuer);
    open("/postings/" + call + "/review");
    screenshots("review-progress-complete");
    navigate(browser.findElement(By.id("award-" + application)));
    assertThat(browser.findElements(By.id("confirm-question"))).isEmpty();
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("揭榜成功");
    screenshots("awarded");
    logout();
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
    chromium.screenshots("reviewers-" + name);
  }
}
