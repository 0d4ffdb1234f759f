package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attachments on the application form, the review table and the reviewers' sheets")
class AttachmentPagesTest {
  private static final String PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account reviewer;
  private static Account lead;
  private static Account stranger;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市页面附件局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市页面评审局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛页面附件科技有限公司");
    stranger = ChallengeFixtures.verified(app, "provider", "青岛页面旁观科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static PageClient as(Account a) {
    return PageClient.as(app, a);
  }

  private record Applied(long call, long application) {
  }

  private static Applied applied() {
    long call = api.post("/api/v1/postings", issuer.token(),
        ChallengeFixtures.challenge("页面附件测试榜单", LocalDate.now(clock).plusDays(20))).json().getLong("id");
    api.post("/api/v1/postings/" + call + "/reviewers", issuer.token(), new JsonObject().put("userId", reviewer.userId()));
    long application = api.post("/api/v1/postings/" + call + "/applications", lead.token(), ChallengeFixtures.proposal())
        .json().getLong("id");
    return new Applied(call, application);
  }

  @Test
  @DisplayName("the lead uploads a PDF from its form (multipart with the CSRF field), sees it listed, downloads and deletes it")
  void uploadFromTheForm() {
    Applied a = applied();
    PageClient me = as(lead);
    assertThat(me.get("/postings/" + a.call() + "/apply").body()).contains("id=\"attachment-form\"", "enctype=\"multipart/form-data\"");

    HttpResponse<String> saved = me.upload("/applications/" + a.application() + "/attachments", Map.of(), "file",
        "技术方案.pdf", PDF);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).contains("/postings/" + a.call() + "/apply?notice=attached#attachments");
    String form = me.get("/postings/" + a.call() + "/apply?notice=attached").body();
    assertThat(form).contains("附件已上传", "技术方案.pdf");
    Matcher link = Pattern.compile("href=\"(/applications/" + a.application() + "/attachments/(\\d+))\"").matcher(form);
    assertThat(link.find()).isTrue();

    HttpResponse<String> download = me.get(link.group(1));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(download.body()).isEqualTo(PDF);
    assertThat(as(stranger).get(link.group(1)).statusCode()).isEqualTo(404);

    HttpResponse<String> deleted = me.post("/applications/" + a.application() + "/attachments/" + link.group(2) + "/delete",
        Map.of());
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(me.get("/postings/" + a.call() + "/apply").body()).doesNotContain("技术方案.pdf");
  }

  @Test
  @DisplayName("a file that is not a PDF comes back as a message next to the file field; a wrong CSRF field is refused")
  void refusedFileShownAtTheField() {
    Applied a = applied();
    PageClient me = as(lead);
    HttpResponse<String> refused = me.upload("/applications/" + a.application() + "/attachments", Map.of(), "file",
        "假装.pdf", "just text, not a PDF");
    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(refused.body()).contains("id=\"file-error\"", "附件必须是 PDF 文件", "id=\"attachment-form\"");
    assertThat(me.get("/postings/" + a.call() + "/apply?lang=en").statusCode()).isEqualTo(200);
    HttpResponse<String> english = me.upload("/applications/" + a.application() + "/attachments", Map.of(), "file",
        "fake.pdf", "just text");
    assertThat(english.body()).contains("Attachments must be PDF files");

    HttpResponse<String> forged = me.upload("/applications/" + a.application() + "/attachments",
        Map.of("_csrf", "not-the-token"), "file", "方案.pdf", PDF);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(app.count("SELECT count(*) FROM application_attachments WHERE application_id = " + a.application())).isZero();
  }

  @Test
  @DisplayName("a file just over 10 MB comes back at the file field, a body over the attachment limit is 413 (not "
      + "read up to the import limit); a visitor's upload goes to the login form")
  void oversizeAndVisitor() {
    Applied a = applied();
    String path = "/applications/" + a.application() + "/attachments";
    byte[] big = new byte[PdfUpload.MAX_BYTES + 1];
    byte[] head = PDF.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, big, 0, head.length);
    HttpResponse<String> tooBig = as(lead).uploadBytes(path, Map.of(), "大文件.pdf", "application/pdf", big);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.body()).contains("id=\"file-error\"", "附件不能超过 10 MB", "id=\"attachment-form\"");
    HttpResponse<String> overLimit = as(lead).uploadBytes(path, Map.of(), "更大.pdf", "application/pdf",
        new byte[AttachmentRoutes.UPLOAD_BODY_LIMIT + 1024]);
    assertThat(overLimit.statusCode()).isEqualTo(413);

    PageClient visitor = new PageClient(api.base());
    visitor.get("/login");
    HttpResponse<String> anonymous = visitor.upload(path, Map.of(), "file", "方案.pdf", PDF);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).startsWith("/login");
    assertThat(app.count("SELECT count(*) FROM application_attachments WHERE application_id = " + a.application())).isZero();
  }

  @Test
  @DisplayName("the issuer's review table and the reviewer's sheets link each application's attachments")
  void reviewersSeeLinks() {
    Applied a = applied();
    long attachment = api.upload("/api/v1/applications/" + a.application() + "/attachments", lead.token(), "资质证明.pdf",
        "application/pdf", PDF.getBytes(StandardCharsets.UTF_8)).json().getLong("id");
    String href = "/applications/" + a.application() + "/attachments/" + attachment;
    PageClient judge = as(reviewer);
    assertThat(judge.get("/postings/" + a.call() + "/score").body()).contains(href, "资质证明.pdf");
    assertThat(judge.get(href).statusCode()).isEqualTo(200);
    PageClient owner = as(issuer);
    assertThat(owner.get("/postings/" + a.call() + "/review").body()).contains(href, "资质证明.pdf");
    assertThat(owner.get(href).body()).isEqualTo(PDF);
  }
}
