package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A call carries a contact person and a 申报指南 PDF that its issuer sets on the call page")
class CallGuidePagesTest {
  private static final byte[] PDF = "%PDF-1.4\n申报指南 测试内容\n%%EOF".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> CONTACT = Map.of("name", "王老师", "phone", "0532-88886666",
      "email", "guide@example.cn");
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherGov;
  private static Account provider;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市指南测试局");
    otherGov = ChallengeFixtures.verified(app, "government", "青岛市另一指南测试局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛指南测试科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long call(String title) {
    return ChallengeFixtures.call(api, issuer, title, LocalDate.now().plusDays(30));
  }

  @Test
  @DisplayName("the issuer sets the contact and uploads the guide; every visitor sees the contact and downloads the PDF")
  void issuerSetsGuide() {
    long id = call("指南测试榜单");
    PageClient me = PageClient.as(app, issuer);
    assertThat(me.get("/postings/" + id).body()).contains("action=\"/postings/" + id + "/guide\"", "id=\"guide-contact-save\"");
    assertThat(me.post("/postings/" + id + "/contact-person", CONTACT).statusCode()).isEqualTo(303);
    HttpResponse<String> uploaded = me.uploadBytes("/postings/" + id + "/guide", Map.of(), "申报指南.pdf", "application/pdf", PDF);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
    PageClient visitor = new PageClient(api.base());
    assertThat(visitor.get("/postings/" + id).body()).contains("王老师", "0532-88886666", "guide@example.cn",
        "href=\"/postings/" + id + "/guide.pdf\"", "申报指南.pdf").doesNotContain("id=\"guide-contact-save\"");
    Api.Download pdf = api.download("/postings/" + id + "/guide.pdf", null);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    assertThat(pdf.bytes()).isEqualTo(PDF);
    assertThat(visitor.get("/postings/" + id + "?lang=en").body()).contains("Application guide", "Contact");
  }

  @Test
  @DisplayName("only the issuer sets them: another department and a provider are refused with 403, and see no form")
  void othersRefused() {
    long id = call("指南测试他人榜单");
    for (Account other : new Account[] {otherGov, provider}) {
      PageClient them = PageClient.as(app, other);
      assertThat(them.get("/postings/" + id).body()).doesNotContain("action=\"/postings/" + id + "/guide\"");
      assertThat(them.post("/postings/" + id + "/contact-person", CONTACT).statusCode()).isEqualTo(403);
      assertThat(them.uploadBytes("/postings/" + id + "/guide", Map.of(), "x.pdf", "application/pdf", PDF).statusCode())
          .isEqualTo(403);
    }
    assertThat(new PageClient(api.base()).post("/postings/" + id + "/contact-person", CONTACT).statusCode())
        .isIn(303, 401, 403);
    assertThat(api.download("/postings/" + id + "/guide.pdf", null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a file that is not a PDF is refused with 415, and a malformed phone number with 400")
  void badInputRefused() {
    long id = call("指南测试错误输入");
    PageClient me = PageClient.as(app, issuer);
    assertThat(me.uploadBytes("/postings/" + id + "/guide", Map.of(), "guide.pdf", "application/pdf",
        "not a pdf".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
    HttpResponse<String> badPhone = me.post("/postings/" + id + "/contact-person",
        Map.of("name", "王老师", "phone", "12345", "email", "guide@example.cn"));
    assertThat(badPhone.statusCode()).isEqualTo(400);
    assertThat(badPhone.body()).contains("电话格式不正确");
  }
}
