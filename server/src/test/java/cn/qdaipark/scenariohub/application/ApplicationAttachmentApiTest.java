package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Application attachments (揭榜申报附件)")
class ApplicationAttachmentApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account reviewer;
  private static Account otherGovernment;
  private static Account lead;
  private static Account partner;
  private static Account stranger;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市数据局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市科技局");
    otherGovernment = ChallengeFixtures.verified(app, "government", "青岛市商务局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛附件牵头科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛附件伙伴科技有限公司");
    stranger = ChallengeFixtures.verified(app, "provider", "青岛无关供应商有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** An application of the lead, with the partner invited, to a call whose last day is {@code deadline}. */
  private static long application(LocalDate deadline) {
    long call = ChallengeFixtures.call(api, issuer, "数据要素流通揭榜", deadline);
    ChallengeFixtures.addReviewer(api, issuer, call, reviewer);
    long id = ChallengeFixtures.apply(api, lead, call).getLong("id");
    assertThat(api.post("/api/v1/applications/" + id + "/partners", lead.token(),
        new JsonObject().put("organizationId", partner.organizationId())).status()).isEqualTo(200);
    return id;
  }

  private static long openApplication() {
    return application(LocalDate.now(clock).plusDays(30));
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A PDF of exactly {@code size} bytes. */
  private static byte[] pdfOfSize(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ' ');
    byte[] head = pdf("padding");
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private static Api.Response upload(Account who, long application, String name, String type, byte[] bytes) {
    return api.upload(path(application), who.token(), name, type, bytes);
  }

  private static String path(long application) {
    return "/api/v1/applications/" + application + "/attachments";
  }

  private static long stored(long application) {
    return app.count("SELECT count(*) FROM application_attachments WHERE application_id = " + application);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  @DisplayName("the lead uploads a PDF: 201 with its metadata and checksum (never the bytes), listed, downloaded byte for byte")
  void uploadListDownload() throws Exception {
    long id = openApplication();
    byte[] bytes = pdf("技术方案");
    Api.Response r = upload(lead, id, "技术方案 v2.pdf", "application/pdf", bytes);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject a = r.json();
    assertThat(a.getString("fileName")).isEqualTo("技术方案 v2.pdf");
    assertThat(a.getInteger("size")).isEqualTo(bytes.length);
    assertThat(a.getString("sha256")).isEqualTo(sha256(bytes));
    assertThat(a.getString("contentType")).isEqualTo("application/pdf");
    assertThat(a.fieldNames()).containsExactlyInAnyOrder("id", "applicationId", "fileName", "contentType", "size",
        "sha256", "uploadedAt");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.attachment.add' AND entity_id = " + id))
        .isEqualTo(1);

    Api.Response list = api.get(path(id), lead.token());
    assertThat(list.json().getInteger("total")).isEqualTo(1);
    assertThat(list.json().getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(a.getLong("id"));

    Api.Download d = api.download(path(id) + "/" + a.getLong("id"), lead.token());
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.contentType()).isEqualTo("application/pdf");
    assertThat(d.bytes()).isEqualTo(bytes);
    assertThat(sha256(d.bytes())).isEqualTo(d.headers().firstValue("X-Checksum-SHA256").orElseThrow());
    assertThat(d.headers().firstValue("ETag")).contains("\"" + sha256(bytes) + "\"");
    assertThat(d.headers().firstValue("Content-Disposition")).contains(
        "attachment; filename=\"____ v2.pdf\"; filename*=UTF-8''%E6%8A%80%E6%9C%AF%E6%96%B9%E6%A1%88%20v2.pdf");
  }

  @Test
  @DisplayName("a forged content type is refused by the file's first bytes: a PNG or a text declared application/pdf is 415, nothing stored")
  void forgedContentType() {
    long id = openApplication();
    Api.Response png = upload(lead, id, "扫描件.pdf", "application/pdf", PNG);
    assertThat(png.status()).isEqualTo(415);
    assertThat(png.error().getString("message")).contains("附件必须是 PDF 文件");
    Api.Response text = upload(lead, id, "说明.pdf", "application/pdf", "这不是 PDF，只是文字".getBytes(StandardCharsets.UTF_8));
    assertThat(text.status()).isEqualTo(415);
    Api.Response late = upload(lead, id, "late.pdf", "application/pdf", ("  %PDF-1.4\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(late.status()).as("the signature must open the file").isEqualTo(415);
    assertThat(stored(id)).isZero();
  }

  @Test
  @DisplayName("PDF bytes under another name or declared type are accepted, and stored with .pdf appended so they open as what they are")
  void contentDecidesNotName() {
    long id = openApplication();
    Api.Response r = upload(lead, id, "C:\\扫描\\scan.png", "image/png", pdf("scan"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getString("fileName")).isEqualTo("scan.png.pdf");
  }

  @Test
  @DisplayName("a file over 10 MB is 413 and nothing is stored, whether the service or the body limit stops it")
  void oversize() {
    long id = openApplication();
    Api.Response justOver = upload(lead, id, "大文件.pdf", "application/pdf", pdfOfSize(PdfUpload.MAX_BYTES + 1));
    assertThat(justOver.status()).isEqualTo(413);
    assertThat(justOver.error().getString("message")).isEqualTo("附件不能超过 10 MB");
    Api.Response far = upload(lead, id, "更大.pdf", "application/pdf", pdfOfSize(12 * 1024 * 1024));
    assertThat(far.status()).isEqualTo(413);
    assertThat(api.upload(path(id), null, "匿名大文件.pdf", "application/pdf", pdfOfSize(12 * 1024 * 1024)).status())
        .as("without credentials the body is not read, so the answer is 401 rather than 413").isEqualTo(401);
    assertThat(stored(id)).isZero();
    Api.Response exactly = upload(lead, id, "刚好.pdf", "application/pdf", pdfOfSize(PdfUpload.MAX_BYTES));
    assertThat(exactly.status()).as(exactly.body()).isEqualTo(201);
    assertThat(exactly.json().getInteger("size")).isEqualTo(PdfUpload.MAX_BYTES);
  }

  @Test
  @DisplayName("an upload without a file, or an empty file, is 400 naming the file field")
  void noFile() {
    long id = openApplication();
    Api.Response json = api.post(path(id), lead.token(), new JsonObject().put("file", "x"));
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.error().getJsonObject("fields").getString("file")).contains("请选择要上传的 PDF 文件");
    Api.Response empty = upload(lead, id, "空.pdf", "application/pdf", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(stored(id)).isZero();
  }

  @Test
  @DisplayName("an application holds at most 3 attachments: the fourth is 409; after deleting one there is room again")
  void atMostThree() {
    long id = openApplication();
    long first = 0;
    for (int i = 1; i <= 3; i++) {
      Api.Response r = upload(lead, id, "附件" + i + ".pdf", "application/pdf", pdf("附件" + i));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      first = i == 1 ? r.json().getLong("id") : first;
    }
    Api.Response fourth = upload(lead, id, "附件4.pdf", "application/pdf", pdf("附件4"));
    assertThat(fourth.status()).isEqualTo(409);
    assertThat(fourth.error().getString("message")).contains("最多 3 个附件");
    assertThat(stored(id)).isEqualTo(3);

    assertThat(api.send("DELETE", path(id) + "/" + first, lead.token(), null, null).status()).isEqualTo(204);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.attachment.delete' AND entity_id = "
        + id)).isEqualTo(1);
    assertThat(api.download(path(id) + "/" + first, lead.token()).status()).isEqualTo(404);
    assertThat(upload(lead, id, "附件4.pdf", "application/pdf", pdf("附件4")).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("four uploads at once to an empty application store exactly three (the count is checked under a row lock)")
  void concurrentUploadsKeepTheLimit() {
    long id = openApplication();
    List<Integer> statuses = IntStream.range(0, 4)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> upload(lead, id, "并发" + i + ".pdf", "application/pdf",
            pdfOfSize(2 * 1024 * 1024)).status()))
        .toList().stream().map(CompletableFuture::join).toList();
    assertThat(statuses).containsExactlyInAnyOrder(201, 201, 201, 409);
    assertThat(stored(id)).isEqualTo(3);
  }

  @Test
  @DisplayName("only the lead uploads or deletes: a partner is 403, a provider outside the application 404 (it may not see it)")
  void onlyTheLeadChanges() {
    long id = openApplication();
    long attachment = upload(lead, id, "方案.pdf", "application/pdf", pdf("方案")).json().getLong("id");
    assertThat(upload(partner, id, "伙伴.pdf", "application/pdf", pdf("伙伴")).status()).isEqualTo(403);
    assertThat(upload(stranger, id, "无关.pdf", "application/pdf", pdf("无关")).status()).isEqualTo(404);
    assertThat(upload(issuer, id, "发布方.pdf", "application/pdf", pdf("发布方")).status()).isEqualTo(403);
    assertThat(api.upload(path(id), null, "匿名.pdf", "application/pdf", pdf("匿名")).status()).isEqualTo(401);
    assertThat(api.send("DELETE", path(id) + "/" + attachment, partner.token(), null, null).status()).isEqualTo(403);
    assertThat(api.send("DELETE", path(id) + "/" + attachment, stranger.token(), null, null).status()).isEqualTo(404);
    assertThat(stored(id)).isEqualTo(1);
  }

  @Test
  @DisplayName("the consortium, the issuer and the call's reviewers download; other providers and other government bodies are 404")
  void whoDownloads() {
    long id = openApplication();
    byte[] bytes = pdf("评审材料");
    long attachment = upload(lead, id, "评审材料.pdf", "application/pdf", bytes).json().getLong("id");
    String file = path(id) + "/" + attachment;
    for (Account allowed : List.of(lead, partner, issuer, reviewer)) {
      Api.Download d = api.download(file, allowed.token());
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.bytes()).isEqualTo(bytes);
      assertThat(api.get(path(id), allowed.token()).json().getInteger("total")).isEqualTo(1);
    }
    assertThat(api.download(file, app.adminToken()).status()).isEqualTo(200);
    for (Account refused : List.of(stranger, otherGovernment)) {
      assertThat(api.download(file, refused.token()).status()).isEqualTo(404);
      assertThat(api.get(path(id), refused.token()).status()).isEqualTo(404);
    }
    assertThat(api.download(file, null).status()).isEqualTo(401);
    assertThat(api.download(path(id) + "/999999", lead.token()).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("after the deadline no upload and no delete (409), but the attachments stay downloadable")
  void afterTheDeadline() {
    long id = application(LocalDate.now(clock));
    long attachment = upload(lead, id, "截止前.pdf", "application/pdf", pdf("截止前")).json().getLong("id");
    clock.advance(Duration.ofDays(1));
    try {
      Api.Response late = upload(lead, id, "截止后.pdf", "application/pdf", pdf("截止后"));
      assertThat(late.status()).isEqualTo(409);
      assertThat(late.error().getString("message")).contains("截止");
      assertThat(api.send("DELETE", path(id) + "/" + attachment, lead.token(), null, null).status()).isEqualTo(409);
      assertThat(stored(id)).isEqualTo(1);
      assertThat(api.download(path(id) + "/" + attachment, reviewer.token()).status()).isEqualTo(200);
    } finally {
      clock.advance(Duration.ofDays(-1));
    }
  }

  @Test
  @DisplayName("a withdrawn application takes no attachments (409)")
  void withdrawn() {
    long id = openApplication();
    assertThat(api.post("/api/v1/applications/" + id + "/withdraw", lead.token(), null).status()).isEqualTo(200);
    assertThat(upload(lead, id, "撤回后.pdf", "application/pdf", pdf("撤回后")).status()).isEqualTo(409);
    assertThat(stored(id)).isZero();
  }

  @Test
  @DisplayName("the uploaded temporary files are deleted once answered, accepted or refused")
  void temporaryFilesRemoved() {
    long id = openApplication();
    upload(lead, id, "临时.pdf", "application/pdf", pdf("临时"));
    upload(lead, id, "临时.png", "image/png", PNG);
    Path uploads = app.dataDir().resolve("uploads");
    Eventually.within(Duration.ofSeconds(5), () -> {
      try (Stream<Path> files = Files.list(uploads)) {
        return files.findAny().isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
