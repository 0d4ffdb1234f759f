package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.mail.Mailing;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.support.TestSmtp;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Issue 13's story of a forgotten password, in headless chromium, with the e-mail read from a real SMTP server. */
@DisplayName("Password reset in a real browser")
class PasswordResetBrowserTest {
  private static TestSmtp smtp;
  private static TestApp app;
  private static HeadlessChromium chromium;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    smtp = TestSmtp.start();
    app = TestApp.start(smtp.settings());
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
    if (smtp != null) {
      smtp.close();
    }
  }

  @Test
  @DisplayName("a user who forgot the password asks for a link, opens it from the e-mail, sets a new password, logs in and finds the waiting notification under the bell")
  void forgottenPassword() {
    Account user = ChallengeFixtures.verified(app, "provider", "青岛健忘科技有限公司");
    String email = ChallengeFixtures.email(app, user);
    new NotificationRepository(Mailing.from(app.config())).notifyUsers(app.pool(), List.of(user.userId()),
        "partner_invited", null, "联合体邀请待确认：港区夜间巡检揭榜", "牵头单位邀请贵单位加入联合申报。", "/workspace").await();

    chromium.open("/login");
    chromium.navigate(browser.findElement(By.id("forgot-password")));
    chromium.type("email", email);
    chromium.screenshots("reset-1-request");
    chromium.navigate(browser.findElement(By.id("send-reset")));
    assertThat(browser.findElement(By.id("reset-sent")).getText()).contains("如果该邮箱已注册，我们已发送重置链接");
    chromium.screenshots("reset-2-sent");

    app.app().sendMail().await();
    String token = PasswordResetTest.tokenFrom(smtp, email);
    chromium.open("/password-reset/confirm?token=" + token);
    chromium.type("password", "password2026");
    chromium.navigate(browser.findElement(By.id("set-password")));
    assertThat(browser.findElement(By.id("password-error")).getText()).contains("密码太容易被猜到");
    chromium.screenshots("reset-3-weak-password");

    chromium.type("password", "渔港 晨雾 骑行 乌龙茶 1988");
    chromium.navigate(browser.findElement(By.id("set-password")));
    chromium.awaitUrl(".*/login\\?notice=password_reset_done");
    assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("密码已重置");
    chromium.screenshots("reset-4-done");

    chromium.type("email", email);
    chromium.type("password", "渔港 晨雾 骑行 乌龙茶 1988");
    chromium.navigate(browser.findElement(By.cssSelector("form.form button[type=submit]")));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/workspace"));
    assertThat(browser.findElement(By.id("unread-count")).getText()).startsWith("1");
    chromium.screenshots("reset-5-logged-in");
    chromium.navigate(browser.findElement(By.id("bell")));
    assertThat(browser.findElement(By.cssSelector(".notifications li.unread")).getText()).contains("联合体邀请待确认");
    chromium.screenshots("reset-6-notifications");

    // the link was used up
    chromium.open("/password-reset/confirm?token=" + token);
    chromium.type("password", "另一个 很长的 新密码 组合 99");
    chromium.navigate(browser.findElement(By.id("set-password")));
    assertThat(browser.findElement(By.id("token-error")).getText()).contains("重置链接无效");
  }
}
