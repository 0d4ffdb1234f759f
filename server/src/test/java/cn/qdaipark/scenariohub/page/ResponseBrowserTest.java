package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.ResponseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import cn.qdaipark.scenariohub.support.TestSmtp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 13's response story in headless chromium: a demand, a response, the buyer's ranked list, a conversation with
 * an attachment, pilot and landing, each side reading its e-mails from a real SMTP server.
 */
@DisplayName("Responses to a demand in a real browser")
class ResponseBrowserTest {
  private static TestApp app;
  private static WebDriver browser;
  private static HeadlessChromium chromium;
  private static TestSmtp smtp;
  private static Path pdf;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.requireInstalled();
    smtp = TestSmtp.start();
    app = TestApp.start(smtp.settings());
    chromium = HeadlessChromium.start(app.api.base());
    browser = chromium.driver;
    pdf = Files.createTempFile("试点方案", ".pdf");
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
    if (smtp != null) {
      smtp.close();
    }
    Files.deleteIfExists(pdf);
  }

  @Test
  @DisplayName("a buyer posts a demand, a provider responds with a solution, the buyer sees it ranked with its score, "
      + "declines a weaker one with a reason, shortlists, talks with the provider in a conversation with a PDF, pilots "
      + "and lands it; the providers see the states and each side receives its e-mails")
  void demandToLanded() {
    Api api = app.api;
    Account buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾智慧港口有限公司");
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛海视夜巡科技有限公司");
    Account rival = ChallengeFixtures.verified(app, "provider", "青岛焊缝视觉科技有限公司");
    long offered = api.post("/api/v1/solutions", provider.token(),
        ResponseFixtures.intrusion("港区夜间人员入侵识别系统")).json().getLong("id");
    long weld = api.post("/api/v1/solutions", rival.token(), Fixtures.solution("焊缝缺陷视觉检测系统")).json().getLong("id");

    // the buyer posts the demand in the browser
    login(buyer);
    chromium.open("/postings/new");
    List<WebElement> demandKind = browser.findElements(By.cssSelector("input[name=kind][value=demand]"));
    if (!demandKind.isEmpty()) {
      demandKind.get(0).click();
    }
    chromium.type("title", "集装箱堆场夜间人员入侵识别");
    chromium.type("description", "港区集装箱堆场夜间作业照明不足，现有视频监控难以及时发现人员闯入作业区，需要全天候的人员入侵识别与告警方案。");
    chromium.type("requirements", "夜间识别准确率≥95%\n告警延迟≤2秒");
    new Select(browser.findElement(By.id("domain"))).selectByVisibleText("空天地海");
    chromium.type("budgetWan", "120");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
        browser.findElement(By.id("deadline")), LocalDate.now().plusMonths(2).toString());
    chromium.navigate(browser.findElement(By.cssSelector("button[value=submit]")));
    chromium.awaitUrl(".*/postings/\\d+\\?saved=1");
    Matcher idInUrl = Pattern.compile("/postings/(\\d+)").matcher(browser.getCurrentUrl());
    assertThat(idInUrl.find()).isTrue();
    long demand = Long.parseLong(idInUrl.group(1));
    chromium.logout();

    // a weaker response arrives through the API; the provider responds on 我有意向
    Api.Response weak = api.post("/api/v1/postings/" + demand + "/responses", rival.token(), new JsonObject()
        .put("proposal", "可提供焊缝视觉检测平台改造为堆场监控。").put("solutionIds", new JsonArray().add(weld)));
    assertThat(weak.status()).as(weak.body()).isEqualTo(201);
    login(provider);
    chromium.open("/postings/" + demand);
    chromium.navigate(browser.findElement(By.id("respond")));
    chromium.awaitUrl(".*/postings/" + demand + "/respond");
    chromium.type("proposal", "红外与可见光融合，两周内完成堆场部署，夜间识别准确率97%，告警延迟小于2秒。");
    browser.findElement(By.cssSelector("input[name=solutionIds][value='" + offered + "']")).click();
    screenshots("respond-form");
    chromium.navigate(browser.findElement(By.id("respond-submit")));
    assertThat(browser.findElement(By.id("response-notice")).getText()).contains("响应已提交");
    assertThat(browser.findElement(By.id("my-response")).getText()).contains("已提交");
    screenshots("respond-sent");
    chromium.logout();

    // the buyer finds the responses from the posting page, ranked with their scores
    login(buyer);
    chromium.open("/postings/" + demand);
    chromium.navigate(browser.findElement(By.id("responses-link")));
    List<WebElement> ranked = browser.findElements(By.cssSelector("#responses > li"));
    assertThat(ranked).hasSize(2);
    assertThat(ranked.get(0).getText()).contains("青岛海视夜巡科技有限公司", "匹配度");
    int first = score(ranked.get(0));
    int second = score(ranked.get(1));
    assertThat(first).isGreaterThanOrEqualTo(second);
    screenshots("responses-ranked");
    long strong = Long.parseLong(ranked.get(0).getAttribute("id").replace("response-", ""));
    long other = Long.parseLong(ranked.get(1).getAttribute("id").replace("response-", ""));

    chromium.type("reason-" + other, "方案面向焊缝检测，不适用于堆场人员识别");
    chromium.navigate(browser.findElement(By.id("decline-" + other)));
    assertThat(browser.findElement(By.id("state-" + other)).getText()).isEqualTo("未采纳");
    chromium.navigate(browser.findElement(By.id("shortlist-" + strong)));
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("洽谈中");
    screenshots("responses-shortlisted");

    // the buyer opens the conversation the response started and sends the pilot plan as a PDF
    chromium.navigate(browser.findElement(By.id("conversation-" + strong)));
    chromium.awaitUrl(".*/conversations/\\d+.*");
    String thread = browser.getCurrentUrl().replaceAll(".*(/conversations/\\d+).*", "$1");
    assertThat(browser.findElement(By.id("counterpart")).getText()).isEqualTo("青岛海视夜巡科技有限公司");
    chromium.type("body", "贵方案已入围洽谈。试点方案见附件，请确认两周内能否在3号堆场部署。");
    browser.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
    chromium.navigate(browser.findElement(By.id("send-message")));
    chromium.awaitUrl(".*notice=sent.*");
    assertThat(browser.findElement(By.id("messages")).getText()).contains("试点方案见附件", ".pdf");
    screenshots("conversation-buyer");
    chromium.logout();

    // the provider finds the thread unread, reads the attachment's link and answers
    login(provider);
    chromium.navigate(browser.findElement(By.id("conversations-link")));
    assertThat(browser.findElement(By.id("unread-total")).getText()).isEqualTo("1");
    chromium.navigate(browser.findElement(By.cssSelector("#conversation-list a[href='" + thread + "']")));
    assertThat(browser.findElements(By.cssSelector("#messages a[href*='/attachments/']"))).hasSize(1);
    chromium.type("body", "可以，两周内完成3号堆场部署，下周一进场。");
    chromium.navigate(browser.findElement(By.id("send-message")));
    chromium.awaitUrl(".*notice=sent.*");
    screenshots("conversation-provider");
    chromium.logout();

    login(buyer);
    chromium.open(thread);
    assertThat(browser.findElement(By.id("messages")).getText()).contains("下周一进场");
    chromium.open("/postings/" + demand + "/responses");
    chromium.navigate(browser.findElement(By.id("pilot-" + strong)));
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("试点中");
    chromium.navigate(browser.findElement(By.id("landed-" + strong)));
    assertThat(browser.findElement(By.id("status-badge")).getText()).isEqualTo("已落地");
    assertThat(browser.findElement(By.id("state-" + strong)).getText()).isEqualTo("已落地");
    screenshots("responses-landed");
    chromium.logout();

    // each provider sees what the buyer decided
    login(provider);
    chromium.open("/workspace/responses");
    assertThat(browser.findElement(By.id("my-state-" + strong)).getText()).isEqualTo("已落地");
    screenshots("provider-responses");
    chromium.logout();
    login(rival);
    chromium.open("/workspace/responses");
    assertThat(browser.findElement(By.id("my-response-" + other)).getText())
        .contains("未采纳", "方案面向焊缝检测，不适用于堆场人员识别");
    screenshots("rival-responses");

    // the e-mails both sides received, read from the SMTP server
    app.app().sendMail().await();
    List<String> toBuyer = texts(ChallengeFixtures.email(app, buyer));
    List<String> toProvider = texts(ChallengeFixtures.email(app, provider));
    assertThat(toBuyer).anyMatch(m -> m.contains("青岛海视夜巡科技有限公司响应了您的需求"))
        .anyMatch(m -> m.contains("青岛海视夜巡科技有限公司发来新消息"));
    assertThat(toProvider).anyMatch(m -> m.contains("发来新消息"))
        .anyMatch(m -> m.contains("已入围洽谈"))
        .anyMatch(m -> m.contains("进入试点"))
        .anyMatch(m -> m.contains("已落地"))
        .allMatch(m -> m.contains("https://hub.example.cn/notifications/"));
  }

  private static List<String> texts(String address) {
    return smtp.to(address).stream().map(TestSmtp::text).toList();
  }

  private static int score(WebElement response) {
    return Integer.parseInt(response.findElement(By.cssSelector(".score strong")).getText().strip());
  }

  private static void login(Account account) {
    chromium.login(ChallengeFixtures.email(app, account), Api.PASSWORD);
  }

  private static void screenshots(String name) {
    chromium.screenshots("response-" + name);
  }
}
