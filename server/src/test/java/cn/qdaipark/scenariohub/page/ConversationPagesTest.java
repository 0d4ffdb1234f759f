package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Conversation pages: the list, a thread, its message and contact forms")
class ConversationPagesTest {
  private static final String PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  private static TestApp app;
  private static Api api;
  private static Account provider;
  private static Account buyer;
  private static Account stranger;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    provider = ChallengeFixtures.verified(app, "provider", "青岛页面沟通科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛页面沟通需求有限公司");
    stranger = ChallengeFixtures.verified(app, "buyer", "青岛页面旁观需求有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  /** The buyer's 联系对接 on a new solution's page; answers the thread's path. */
  private static String contacted(PageClient me) {
    long solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("页面沟通测试方案" + System.nanoTime()))
        .json().getLong("id");
    assertThat(me.get("/solutions/" + solution).body()).contains("id=\"contact-provider\"");
    HttpResponse<String> contact = me.post("/solutions/" + solution + "/contacts", Map.of());
    assertThat(contact.statusCode()).isEqualTo(303);
    String location = contact.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/conversations/\\d+\\?notice=contacted");
    return location.substring(0, location.indexOf('?'));
  }

  @Test
  @DisplayName("联系对接 leads into the thread, where a message with a PDF shows as unread to the provider until opened")
  void contactLeadsIntoTheThread() {
    PageClient me = as(buyer);
    String thread = contacted(me);
    String page = me.get(thread + "?notice=contacted").body();
    assertThat(page).contains("已通知方案提供方", "青岛页面沟通科技有限公司", "id=\"subject-link\"", "id=\"message-form\"",
        "enctype=\"multipart/form-data\"", "id=\"contact-form\"", "value=\"测试用户\"", "对方尚未公开联系方式");
    assertThat(page).doesNotContain("后续沟通请通过平台进行");

    HttpResponse<String> sent = me.upload(thread + "/messages", Map.of("body", "需求说明见附件。"), "file", "需求说明.pdf", PDF);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    assertThat(sent.headers().firstValue("Location").orElseThrow()).startsWith(thread + "?notice=sent#m");

    PageClient them = as(provider);
    assertThat(them.get("/workspace").body()).contains("id=\"conversations-unread\"");
    String list = them.get("/conversations").body();
    assertThat(list).contains("id=\"unread-total\"", "青岛页面沟通需求有限公司");
    String seen = them.get(thread).body();
    assertThat(seen).contains("需求说明见附件。", "需求说明.pdf");
    Matcher link = Pattern.compile("href=\"(" + thread + "/attachments/\\d+)\"").matcher(seen);
    assertThat(link.find()).isTrue();
    HttpResponse<String> download = them.get(link.group(1));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(PDF);
    assertThat(them.get("/conversations").body()).doesNotContain("id=\"unread-total\"");
    assertThat(as(stranger).get(thread).statusCode()).isEqualTo(404);
    assertThat(as(stranger).get(link.group(1)).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("bad input comes back next to its field: an empty message, a file that is not a PDF, a wrong phone number")
  void badInputAtTheField() {
    PageClient me = as(buyer);
    String thread = contacted(me);
    HttpResponse<String> empty = me.post(thread + "/messages", Map.of("body", "  "));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("id=\"body-error\"", "id=\"message-form\"");
    HttpResponse<String> notPdf = me.upload(thread + "/messages", Map.of("body", "看图"), "file", "photo.pdf", "GIF89a");
    assertThat(notPdf.statusCode()).isEqualTo(415);
    assertThat(notPdf.body()).contains("id=\"file-error\"", "附件必须是 PDF 文件", ">看图</textarea>");

    HttpResponse<String> phone = me.post(thread + "/contact", Map.of("name", "李工", "phone", "12345",
        "email", "li@example.cn"));
    assertThat(phone.statusCode()).isEqualTo(400);
    assertThat(phone.body()).contains("id=\"phone-error\"", "电话格式不正确", "value=\"12345\"");
    HttpResponse<String> forged = me.post(thread + "/contact", Map.of("_csrf", "forged", "name", "李工",
        "phone", "13800138000", "email", "li@example.cn"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(app.count("SELECT count(*) FROM conversation_contacts WHERE conversation_id = "
        + thread.substring(thread.lastIndexOf('/') + 1))).isZero();
  }

  @Test
  @DisplayName("shared contact details show on the other side, and are hidden again when un-shared")
  void contactSharing() {
    PageClient me = as(buyer);
    String thread = contacted(me);
    assertThat(me.post(thread + "/contact", Map.of("name", "李工", "phone", "0532-88886666", "email", "li@example.cn"))
        .statusCode()).isEqualTo(303);
    PageClient them = as(provider);
    assertThat(them.get(thread).body()).contains("id=\"their-contact\"", "李工", "0532-88886666", "li@example.cn");
    assertThat(me.post(thread + "/contact/hide", Map.of()).statusCode()).isEqualTo(303);
    assertThat(them.get(thread).body()).doesNotContain("0532-88886666").contains("id=\"no-contact\"");
  }

  @Test
  @DisplayName("a provider's 发消息/沟通 on a demand opens the thread with its issuer; the list's empty state and English texts")
  void messageButtonAndEmptyList() {
    assertThat(as(stranger).get("/conversations").body()).contains("id=\"no-conversations\"");
    assertThat(as(stranger).get("/conversations?lang=en").body()).contains("No conversations yet");
    long demand = api.post("/api/v1/postings", stranger.token(), Fixtures.posting("demand", "页面沟通测试需求"))
        .json().getLong("id");
    PageClient them = as(provider);
    assertThat(them.get("/postings/" + demand).body()).contains("id=\"message-issuer\"");
    assertThat(as(stranger).get("/postings/" + demand).body()).doesNotContain("id=\"message-issuer\"");
    HttpResponse<String> opened = them.post("/conversations", Map.of("postingId", String.valueOf(demand),
        "organizationId", String.valueOf(stranger.organizationId())));
    assertThat(opened.statusCode()).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location").orElseThrow()).matches("/conversations/\\d+");
    HttpResponse<String> ownOrg = them.post("/conversations", Map.of("postingId", String.valueOf(demand),
        "organizationId", String.valueOf(provider.organizationId())));
    assertThat(ownOrg.statusCode()).isEqualTo(400);
  }
}
