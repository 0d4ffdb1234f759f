package cn.qdaipark.scenariohub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Conversations between two organizations about a posting or a solution")
class ConversationApiTest {
  static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static TestApp app;
  private static Api api;
  private static Account provider;
  private static Account buyer;
  private static Account otherBuyer;
  private static Account colleague;
  private static Account issuer;
  private static long solution;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    provider = ChallengeFixtures.verified(app, "provider", "青岛沟通智能科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛沟通需求码头有限公司");
    otherBuyer = ChallengeFixtures.verified(app, "buyer", "青岛旁观物流有限公司");
    issuer = ChallengeFixtures.verified(app, "government", "青岛市沟通测试局");
    solution = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区视频智能分析平台"))
        .json().getLong("id");
    String code = api.post("/api/v1/organizations/" + buyer.organizationId() + "/invitations", buyer.token(), null)
        .json().getString("code");
    String email = "colleague" + System.nanoTime() + "@example.cn";
    Api.Response joined = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email)
        .put("password", Api.PASSWORD).put("displayName", "同事").put("role", "buyer")
        .put("orgName", "青岛沟通需求码头有限公司").put("invitationCode", code));
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    String token = api.login(email, Api.PASSWORD);
    colleague = new Account(token, api.get("/api/v1/auth/me", token).json().getLong("id"), buyer.organizationId());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static Api.Response open(Account who, String field, long recordId, long counterpart) {
    return api.post("/api/v1/conversations", who.token(),
        new JsonObject().put(field, recordId).put("organizationId", counterpart));
  }

  private static long freshThread() {
    long own = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港区智能分析方案" + System.nanoTime()))
        .json().getLong("id");
    Api.Response opened = open(buyer, "solutionId", own, provider.organizationId());
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    return opened.json().getLong("id");
  }

  static Api.Response say(Account who, long thread, String text) {
    return api.post("/api/v1/conversations/" + thread + "/messages", who.token(), new JsonObject().put("body", text));
  }

  /** A multipart message with a text part and one file part, as the page's form sends it. */
  static Api.Response sayWithFile(Account who, long thread, String text, String fileName, byte[] bytes) {
    String boundary = "----conv" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n" + text + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(api.base() + "/api/v1/conversations/" + thread + "/messages"))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + who.token())
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
      return new Api.Response(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject thread(Account who, long id) {
    Api.Response r = api.get("/api/v1/conversations/" + id, who.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static long unreadIn(Account who, long id) {
    return api.get("/api/v1/conversations?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(c -> c.getLong("id") == id).findFirst().orElseThrow().getLong("unread");
  }

  private static long unreadTotal(Account who) {
    return api.get("/api/v1/conversations", who.token()).json().getLong("unread");
  }

  @Test
  @DisplayName("联系对接 from a solution page opens the thread with the provider, once, and the provider's notice links to it")
  void contactOpensTheThread() {
    long own = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("闸口车牌识别方案")).json().getLong("id");
    Api.Response contacted = api.post("/api/v1/solutions/" + own + "/contacts", buyer.token(), null);
    assertThat(contacted.status()).as(contacted.body()).isEqualTo(201);
    long thread = contacted.json().getLong("conversationId");
    assertThat(api.post("/api/v1/solutions/" + own + "/contacts", buyer.token(), null).json().getLong("conversationId"))
        .isEqualTo(thread);
    JsonObject seen = thread(provider, thread);
    assertThat(seen.getJsonObject("counterpart").getLong("id")).isEqualTo(buyer.organizationId());
    assertThat(seen.getJsonObject("subject").getString("url")).isEqualTo("/solutions/" + own);
    var notes = api.get("/api/v1/notifications", provider.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(n -> "contact".equals(n.getString("kind"))
            && ("/conversations/" + thread).equals(n.getString("link"))).toList();
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).getString("title")).contains("青岛沟通需求码头有限公司");
  }

  @Test
  @DisplayName("opening answers 201 then 200 with the same thread, from either side")
  void openIsIdempotentFromBothSides() {
    long own = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("堆场照明控制方案")).json().getLong("id");
    Api.Response first = open(buyer, "solutionId", own, provider.organizationId());
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Api.Response again = open(colleague, "solutionId", own, provider.organizationId());
    assertThat(again.status()).isEqualTo(200);
    Api.Response reverse = open(provider, "solutionId", own, buyer.organizationId());
    assertThat(reverse.status()).isEqualTo(200);
    assertThat(List.of(again.json().getLong("id"), reverse.json().getLong("id"))).containsOnly(first.json().getLong("id"));
    assertThat(app.count("SELECT count(*) FROM conversations WHERE solution_id = " + own)).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'conversation.open' AND entity_id = "
        + first.json().getLong("id"))).isEqualTo(1);
  }

  @Test
  @DisplayName("twelve simultaneous opens of the same pair yield one thread")
  void concurrentOpensYieldOneThread() throws Exception {
    long own = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("岸桥远程操控方案")).json().getLong("id");
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<CompletableFuture<Api.Response>> all = new ArrayList<>();
      IntStream.range(0, 12).forEach(i -> all.add(CompletableFuture.supplyAsync(() -> i % 2 == 0
          ? open(buyer, "solutionId", own, provider.organizationId())
          : open(provider, "solutionId", own, buyer.organizationId()), pool)));
      List<Api.Response> answers = all.stream().map(CompletableFuture::join).toList();
      assertThat(answers).extracting(Api.Response::status).containsOnly(200, 201);
      assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
      assertThat(answers.stream().map(r -> r.json().getLong("id")).distinct()).hasSize(1);
      assertThat(app.count("SELECT count(*) FROM conversations WHERE solution_id = " + own)).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("forbidden opens: own organization 400, neither side owns the record 403, hidden or missing records 404, admins 403")
  void forbiddenOpens() {
    assertThat(open(buyer, "solutionId", solution, buyer.organizationId()).status()).isEqualTo(400);
    Api.Response notOwner = open(buyer, "solutionId", solution, otherBuyer.organizationId());
    assertThat(notOwner.status()).isEqualTo(403);
    assertThat(notOwner.error().getString("message")).isNotBlank();
    long draft = api.post("/api/v1/postings", issuer.token(), Fixtures.posting("demand", "港区草稿需求").put("draft", true))
        .json().getLong("id");
    assertThat(open(provider, "postingId", draft, issuer.organizationId()).status()).isEqualTo(404);
    assertThat(open(provider, "postingId", 999_999, issuer.organizationId()).status()).isEqualTo(404);
    assertThat(open(provider, "solutionId", solution, 999_999).status()).isEqualTo(404);
    Api.Response both = api.post("/api/v1/conversations", buyer.token(), new JsonObject().put("solutionId", solution)
        .put("postingId", draft).put("organizationId", provider.organizationId()));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.error().getJsonObject("fields").getString("postingId")).isNotBlank();
    assertThat(api.post("/api/v1/conversations", buyer.token(), new JsonObject().put("solutionId", solution)).status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/conversations", app.adminToken(), new JsonObject().put("solutionId", solution)
        .put("organizationId", provider.organizationId())).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/conversations", null, new JsonObject()).status()).isEqualTo(401);
    assertThat(app.count("SELECT count(*) FROM conversations WHERE posting_id = " + draft)).isZero();
  }

  @Test
  @DisplayName("a stranger gets 404 for a thread, its messages and its attachments; an admin reads but cannot write")
  void onlyMembersAndAdminsSeeAThread() {
    long thread = freshThread();
    long attachment = sayWithFile(buyer, thread, "附件见此", "方案.pdf", PDF).json().getJsonObject("attachment").getLong("id");
    String base = "/api/v1/conversations/" + thread;
    Api.Response hidden = api.get(base, otherBuyer.token());
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.error().getString("code")).isNotBlank();
    assertThat(api.get("/api/v1/conversations/999999", otherBuyer.token()).status()).isEqualTo(404);
    assertThat(say(otherBuyer, thread, "我也来说一句").status()).isEqualTo(404);
    assertThat(api.download(base + "/attachments/" + attachment, otherBuyer.token()).status()).isEqualTo(404);
    assertThat(api.put(base + "/contact", otherBuyer.token(), new JsonObject()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/conversations", otherBuyer.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).noneMatch(c -> c.getLong("id") == thread)).isTrue();

    JsonObject moderated = thread(new Account(app.adminToken(), 0, 0), thread);
    assertThat(moderated.getBoolean("readOnly")).isTrue();
    assertThat(moderated.getJsonObject("messages").getJsonArray("items")).hasSize(1);
    assertThat(api.download(base + "/attachments/" + attachment, app.adminToken()).status()).isEqualTo(200);
    assertThat(api.post(base + "/messages", app.adminToken(), new JsonObject().put("body", "管理员留言")).status())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("a message notifies the other organization only, and counts as unread there until the thread is opened")
  void messagesNotifyAndCountUnread() {
    long thread = freshThread();
    long providerBefore = unreadTotal(provider);
    long buyerNotesBefore = app.count("SELECT count(*) FROM notifications WHERE kind = 'message' AND user_id IN ("
        + buyer.userId() + "," + colleague.userId() + ")");
    Api.Response sent = say(buyer, thread, "您好，想了解方案的部署周期。");
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    assertThat(sent.json().getBoolean("mine")).isTrue();
    assertThat(say(colleague, thread, "另外请报个价。").status()).isEqualTo(201);

    assertThat(unreadIn(provider, thread)).isEqualTo(2);
    assertThat(unreadTotal(provider)).isEqualTo(providerBefore + 2);
    assertThat(unreadIn(buyer, thread)).isZero();
    assertThat(unreadIn(colleague, thread)).isZero();
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'message' AND link = '/conversations/" + thread
        + "' AND user_id = " + provider.userId())).isEqualTo(2);
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'message' AND user_id IN ("
        + buyer.userId() + "," + colleague.userId() + ")")).isEqualTo(buyerNotesBefore);

    JsonObject seen = thread(provider, thread);
    assertThat(seen.getJsonObject("messages").getJsonArray("items")).extracting(m -> ((JsonObject) m).getString("body"))
        .containsExactly("您好，想了解方案的部署周期。", "另外请报个价。");
    assertThat(seen.getJsonObject("messages").getJsonArray("items").getJsonObject(0).containsKey("author"))
        .as("the other side's person is a contact detail").isFalse();
    assertThat(unreadIn(provider, thread)).isZero();
    assertThat(unreadTotal(provider)).isEqualTo(providerBefore);

    assertThat(say(provider, thread, "部署约两周。").status()).isEqualTo(201);
    assertThat(unreadIn(buyer, thread)).isEqualTo(1);
    assertThat(unreadIn(colleague, thread)).isEqualTo(1);
    thread(buyer, thread);
    assertThat(unreadIn(buyer, thread)).isZero();
    assertThat(unreadIn(colleague, thread)).as("each person has a marker of their own").isEqualTo(1);
    JsonObject list = api.get("/api/v1/conversations", buyer.token()).json();
    assertThat(list.getJsonArray("items").getJsonObject(0).getLong("id")).as("newest activity first").isEqualTo(thread);
  }

  @Test
  @DisplayName("a message from an organization with a 100-character name about a 120-character title still notifies (title clipped to 200)")
  void longNamesFitTheNotificationTitle() {
    Account longName = ChallengeFixtures.verified(app, "buyer", "青岛" + "长".repeat(92) + "有限公司");
    long own = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港" + "长".repeat(118) + "统"))
        .json().getLong("id");
    long thread = open(longName, "solutionId", own, provider.organizationId()).json().getLong("id");
    Api.Response sent = say(longName, thread, "您好");
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'message' AND char_length(title) = 200 "
        + "AND link = '/conversations/" + thread + "'")).isPositive();
  }

  @Test
  @DisplayName("hostile or empty message text is refused with 400 and writes nothing")
  void hostileTextIsRefused() {
    long thread = freshThread();
    for (Hostile.Value value : Hostile.strings()) {
      Api.Response r = api.postRaw("/api/v1/conversations/" + thread + "/messages", buyer.token(),
          Hostile.encode(new JsonObject().put("body", value.json())), "application/json");
      assertThat(r.status()).as(value.label() + ": " + r.body()).isEqualTo(400);
    }
    assertThat(say(buyer, thread, "   ").status()).isEqualTo(400);
    assertThat(say(buyer, thread, "长".repeat(ConversationService.MAX_BODY + 1)).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/conversations/" + thread + "/messages", buyer.token(), new JsonObject().put("body", 7))
        .status()).isEqualTo(400);
    assertThat(app.count("SELECT count(*) FROM conversation_messages WHERE conversation_id = " + thread)).isZero();
  }

  @Test
  @DisplayName("a PDF travels with a message and downloads safely; a file that is not a PDF is refused (415) and writes nothing")
  void attachments() {
    long thread = freshThread();
    Api.Response sent = sayWithFile(buyer, thread, "需求说明见附件", "需求说明\".pdf", PDF);
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    JsonObject attachment = sent.json().getJsonObject("attachment");
    assertThat(attachment.getString("fileName")).isEqualTo("需求说明.pdf");
    Api.Download got = api.download(attachment.getString("url"), provider.token());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.contentType()).isEqualTo("application/pdf");
    assertThat(got.bytes()).isEqualTo(PDF);
    assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
        .contains("filename*=UTF-8''");
    assertThat(app.count("SELECT count(*) FROM notifications WHERE kind = 'message' AND body LIKE '%需求说明.pdf%'"))
        .isPositive();

    Api.Response notPdf = sayWithFile(buyer, thread, "这是图片", "photo.pdf", "GIF89a not a pdf".getBytes(StandardCharsets.US_ASCII));
    assertThat(notPdf.status()).as(notPdf.body()).isEqualTo(415);
    assertThat(notPdf.error().getString("message")).contains("PDF");
    Api.Response onlyFile = sayWithFile(buyer, thread, "", "only.pdf", PDF);
    assertThat(onlyFile.status()).as("a file needs no text").isEqualTo(201);
    assertThat(app.count("SELECT count(*) FROM conversation_messages WHERE conversation_id = " + thread)).isEqualTo(2);
  }

  @Test
  @DisplayName("contact details show to the other side only while its organization shares them; bad input is 400 per field")
  void contactSharing() {
    long thread = freshThread();
    String path = "/api/v1/conversations/" + thread + "/contact";
    assertThat(thread(buyer, thread).getValue("counterpartContact")).isNull();
    Api.Response bad = api.put(path, provider.token(), new JsonObject().put("name", "王经理").put("phone", "12345")
        .put("email", "not-an-email"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().getJsonObject("fields").fieldNames()).contains("phone", "email");
    Api.Response bidi = api.put(path, provider.token(), new JsonObject().put("name", "王\u202E经理")
        .put("phone", "13800138000").put("email", "wang@example.cn"));
    assertThat(bidi.status()).isEqualTo(400);

    Api.Response shared = api.put(path, provider.token(), new JsonObject().put("name", "王经理")
        .put("phone", "138 0013 8000").put("email", "wang@example.cn"));
    assertThat(shared.status()).as(shared.body()).isEqualTo(200);
    assertThat(shared.json().getString("phone")).isEqualTo("13800138000");
    JsonObject seen = thread(buyer, thread).getJsonObject("counterpartContact");
    assertThat(seen.getString("name")).isEqualTo("王经理");
    assertThat(seen.getString("email")).isEqualTo("wang@example.cn");
    assertThat(thread(provider, thread).getValue("counterpartContact")).as("the buyer shared nothing").isNull();
    assertThat(thread(provider, thread).getJsonObject("ownContact").getBoolean("shared")).isTrue();
    assertThat(api.put(path, buyer.token(), new JsonObject().put("name", "李工").put("phone", "0532-88886666")
        .put("email", "li@example.cn")).status()).isEqualTo(200);

    assertThat(api.send("DELETE", path, provider.token(), null, null).status()).isEqualTo(204);
    assertThat(thread(buyer, thread).getValue("counterpartContact")).isNull();
    assertThat(thread(provider, thread).getJsonObject("counterpartContact").getString("phone")).isEqualTo("0532-88886666");
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE entity = 'conversation' AND entity_id = " + thread
        + " AND action IN ('conversation.contact.share', 'conversation.contact.unshare')")).isEqualTo(3);
  }

  @Test
  @DisplayName("an application to a call opens the thread between the lead and the issuer on the call")
  void applicationOpensTheThread() {
    long call = ChallengeFixtures.call(api, issuer, "港口智能调度揭榜", LocalDate.now().plusDays(20));
    api.post("/api/v1/solutions", provider.token(), Fixtures.solution("港口调度优化方案"));
    ChallengeFixtures.apply(api, provider, call);
    var threads = api.get("/api/v1/conversations", issuer.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(c -> c.getJsonObject("subject").getLong("id") == call).toList();
    assertThat(threads).hasSize(1);
    assertThat(threads.get(0).getJsonObject("counterpart").getLong("id")).isEqualTo(provider.organizationId());
  }
}
