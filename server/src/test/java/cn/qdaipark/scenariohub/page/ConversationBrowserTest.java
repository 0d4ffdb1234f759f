package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Issue 13's conversation story in headless chromium: from 联系对接 to shared contact details. */
@DisplayName("A conversation between a buyer and a provider in a real browser")
class ConversationBrowserTest {
  private static TestApp app;
  private static WebDriver browser;
  private static HeadlessChromium chromium;
  private static Path pdf;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    app = TestApp.start();
    chromium = HeadlessChromium.start(app.api.base());
    browser = chromium.driver;
    pdf = Files.createTempFile("需求说明", ".pdf");
    Files.writeString(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (app != null) {
      app.close();
    }
    Files.deleteIfExists(pdf);
  }

  @Test
  @DisplayName("a buyer contacts a provider, sends a PDF; the provider sees it unread, replies and shares contact details; the buyer sees them")
  void contactToSharedDetails() {
    Api api = app.api;
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾集装箱码头有限公司");
    long solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区夜间人员入侵识别系统"))
        .json().getLong("id");

    // the buyer contacts the provider from the solution's page and lands in the thread
    login(buyer);
    chromium.open("/solutions/" + solution);
    chromium.screenshots("conversation-1-solution");
    chromium.navigate(browser.findElement(By.id("contact-provider")));
    chromium.awaitUrl(".*/conversations/\\d+\\?notice=contacted");
    String thread = browser.getCurrentUrl().replaceAll(".*(/conversations/\\d+).*", "$1");
    assertThat(browser.findElement(By.id("counterpart")).getText()).isEqualTo("青岛海视智能科技有限公司");
    assertThat(browser.findElement(By.id("no-contact")).isDisplayed()).isTrue();

    // … and sends a message with a PDF
    chromium.type("body", "您好！我们码头有夜间入侵识别的需求，需求说明见附件，请评估部署周期与报价。");
    browser.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
    chromium.navigate(browser.findElement(By.id("send-message")));
    chromium.awaitUrl(".*notice=sent.*");
    assertThat(browser.findElement(By.id("messages")).getText()).contains("需求说明见附件", ".pdf");
    chromium.screenshots("conversation-2-sent");
    chromium.logout();

    // the provider sees the unread count, opens the thread, replies and shares its contact person
    login(provider);
    assertThat(browser.findElement(By.id("conversations-unread")).getText()).isEqualTo("1");
    chromium.screenshots("conversation-3-workspace");
    chromium.navigate(browser.findElement(By.id("conversations-link")));
    assertThat(browser.findElement(By.id("unread-total")).getText()).isEqualTo("1");
    chromium.screenshots("conversation-4-list");
    chromium.navigate(browser.findElement(By.cssSelector("#conversation-list a[href='" + thread + "']")));
    assertThat(browser.findElement(By.id("messages")).getText()).contains("需求说明见附件");
    assertThat(browser.findElements(By.cssSelector("#messages a[href*='/attachments/']"))).hasSize(1);
    chromium.type("body", "收到，部署约两周，报价稍后发您。");
    chromium.navigate(browser.findElement(By.id("send-message")));
    chromium.awaitUrl(".*notice=sent.*");
    chromium.type("contact-name", "王经理");
    chromium.type("contact-phone", "138 0013 8000");
    chromium.type("contact-email", "wang@haishi.example.cn");
    chromium.navigate(browser.findElement(By.id("share-contact")));
    chromium.awaitUrl(".*notice=contact_shared.*");
    assertThat(browser.findElement(By.id("share-state")).getText()).contains("已向对方公开");
    chromium.screenshots("conversation-5-provider-replied");
    chromium.open("/conversations");
    assertThat(browser.findElements(By.id("unread-total"))).isEmpty();
    chromium.logout();

    // the buyer sees the reply and the provider's contact details
    login(buyer);
    chromium.open("/conversations");
    assertThat(browser.findElement(By.id("unread-total")).getText()).isEqualTo("1");
    chromium.open(thread);
    assertThat(browser.findElement(By.id("messages")).getText()).contains("部署约两周");
    String contact = browser.findElement(By.id("their-contact")).getText();
    assertThat(contact).contains("王经理", "13800138000", "wang@haishi.example.cn");
    chromium.screenshots("conversation-6-buyer-sees-contact");
  }

  private static void login(Account account) {
    chromium.login(ChallengeFixtures.email(app, account), Api.PASSWORD);
  }
}
