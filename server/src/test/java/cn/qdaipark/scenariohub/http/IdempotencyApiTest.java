package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdempotencyApiTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestApp app;
  private static Api api;
  private static Account provider;
  private static Account otherProvider;
  private static Account government;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    provider = ChallengeFixtures.verified(app, "provider", "青岛重试科技有限公司");
    otherProvider = ChallengeFixtures.verified(app, "provider", "青岛旁观者智能有限公司");
    government = ChallengeFixtures.verified(app, "government", "青岛市重试管理局");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a retry of a create with the same key answers the first answer, marked replayed, and creates nothing more")
  void retryReplaysTheFirstAnswer() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("重试方案"));
    Api.Response first = post("/api/v1/solutions", provider.token(), solution, key);
    Api.Response retry = post("/api/v1/solutions", provider.token(), solution, key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(retry.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    assertThat(solutionsTitled(solution.getString("title"))).isEqualTo(1);
  }

  @Test
  @DisplayName("a posting and an application retried with their keys each exist once, the retry answering the same id")
  void postingAndApplicationRetries() {
    String postingKey = newKey();
    JsonObject call = ChallengeFixtures.challenge(title("重试榜单"), LocalDate.now().plusDays(30));
    Api.Response posted = post("/api/v1/postings", government.token(), call, postingKey);
    Api.Response postedAgain = post("/api/v1/postings", government.token(), call, postingKey);
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    assertThat(postedAgain.json().getLong("id")).isEqualTo(posted.json().getLong("id"));
    assertThat(app.count("SELECT count(*) FROM postings WHERE title = '" + call.getString("title") + "'")).isEqualTo(1);

    long callId = posted.json().getLong("id");
    String applicationKey = newKey();
    String path = "/api/v1/postings/" + callId + "/applications";
    Api.Response applied = post(path, provider.token(), ChallengeFixtures.proposal(), applicationKey);
    Api.Response appliedAgain = post(path, provider.token(), ChallengeFixtures.proposal(), applicationKey);
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    assertThat(appliedAgain.status()).isEqualTo(201);
    assertThat(appliedAgain.json().getLong("id")).isEqualTo(applied.json().getLong("id"));
    assertThat(appliedAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(app.count("SELECT count(*) FROM applications WHERE posting_id = " + callId)).isEqualTo(1);
  }

  @Test
  @DisplayName("a saved search retried with its key exists once, the retry answering the same id")
  void savedSearchRetry() {
    String key = newKey();
    String name = title("重试订阅");
    JsonObject search = new JsonObject().put("name", name).put("query", "智能巡检").put("target", "postings");
    Api.Response first = post("/api/v1/saved-searches", government.token(), search, key);
    Api.Response retry = post("/api/v1/saved-searches", government.token(), search, key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().getLong("id")).isEqualTo(first.json().getLong("id"));
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(app.count("SELECT count(*) FROM saved_searches WHERE name = '" + name + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("a registration without a token is keyed by the client address: its retry answers the same account")
  void registrationRetry() {
    String key = newKey();
    String email = "retry" + SEQUENCE.incrementAndGet() + "@example.cn";
    JsonObject body = new JsonObject().put("email", email).put("password", Api.PASSWORD).put("displayName", "重试用户")
        .put("role", "buyer").put("orgName", "青岛重试采购单位" + SEQUENCE.get());
    Api.Response first = post("/api/v1/auth/register", null, body, key);
    Api.Response retry = post("/api/v1/auth/register", null, body, key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().getLong("id")).isEqualTo(first.json().getLong("id"));
    assertThat(app.count("SELECT count(*) FROM users WHERE email = '" + email + "'")).isEqualTo(1);
    byte[] stored = app.pool().query("SELECT fingerprint FROM idempotency_keys WHERE key = '" + key + "'").execute()
        .await().iterator().next().getBuffer(0).getBytes();
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    assertThat(stored).as("keyed by the server's secret: the password in the body cannot be guessed against it")
        .isEqualTo(IdempotencyHandler.requestMac(IdempotencyHandler.fingerprintKey(TestApp.JWT_SECRET), "POST",
            "/api/v1/auth/register", bytes).doFinal())
        .isNotEqualTo(IdempotencyHandler.requestMac(IdempotencyHandler.fingerprintKey("another-secret"), "POST",
            "/api/v1/auth/register", bytes).doFinal());
  }

  @Test
  @DisplayName("the same key with another body or another path answers 422 idempotency_key_reused and runs nothing")
  void keyReusedForAnotherRequest() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("原请求"));
    assertThat(post("/api/v1/solutions", provider.token(), solution, key).status()).isEqualTo(201);
    JsonObject changed = Fixtures.solution(title("改过的请求"));

    Api.Response otherBody = post("/api/v1/solutions", provider.token(), changed, key);
    Api.Response otherPath = post("/api/v1/saved-searches", provider.token(), new JsonObject().put("name", "x"), key);

    assertThat(otherBody.status()).isEqualTo(422);
    assertThat(otherBody.error().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(otherPath.status()).isEqualTo(422);
    assertThat(solutionsTitled(changed.getString("title"))).isZero();
  }

  @Test
  @DisplayName("ten identical requests at once with one key create exactly one record; the others answer 409 in progress or replay it")
  void concurrentRetries() throws Exception {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("并发方案"));
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        answers.add(pool.submit(() -> {
          go.await();
          return post("/api/v1/solutions", provider.token(), solution, key);
        }));
      }
      go.countDown();
      List<Long> ids = new ArrayList<>();
      int originals = 0;
      for (Future<Api.Response> answer : answers) {
        Api.Response r = answer.get();
        if (r.status() == 201) {
          ids.add(r.json().getLong("id"));
          originals += r.headers().firstValue("Idempotent-Replayed").isEmpty() ? 1 : 0;
        } else {
          assertThat(r.status()).as(r.body()).isEqualTo(409);
          assertThat(r.error().getString("code")).isEqualTo("idempotency_in_progress");
          assertThat(r.headers().firstValue("Retry-After")).isPresent();
        }
      }
      assertThat(originals).isEqualTo(1);
      assertThat(ids).as("a replay answers the original record").isNotEmpty().containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(solutionsTitled(solution.getString("title"))).isEqualTo(1);
  }

  @Test
  @DisplayName("another user's key is not replayed to a stranger: the same key and body create the stranger's own record")
  void noLeakAcrossUsers() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("各自的方案"));
    Api.Response mine = post("/api/v1/solutions", provider.token(), solution, key);
    Api.Response theirs = post("/api/v1/solutions", otherProvider.token(), solution, key);

    assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
    assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(theirs.json().getLong("id")).isNotEqualTo(mine.json().getLong("id"));
    assertThat(theirs.json().getLong("organizationId")).isEqualTo(otherProvider.organizationId());
  }

  @Test
  @DisplayName("a request refused with 4xx frees its key: the corrected request with the same key is carried out")
  void clientErrorReleasesTheKey() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("先错后对"));
    Api.Response refused = post("/api/v1/solutions", provider.token(), solution.copy().put("title", ""), key);
    Api.Response corrected = post("/api/v1/solutions", provider.token(), solution, key);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
    assertThat(corrected.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  @DisplayName("a create failing with 500 inside its transaction frees its key and leaves no record; the retry creates it once")
  void serverErrorReleasesTheKey() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("服务端故障"));
    app.pool().query("CREATE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$ "
        + "LANGUAGE plpgsql").execute().await();
    app.pool().query("CREATE TRIGGER fail_insert BEFORE INSERT ON solutions FOR EACH ROW EXECUTE FUNCTION fail_insert()")
        .execute().await();
    Api.Response failed;
    try {
      failed = post("/api/v1/solutions", provider.token(), solution, key);
    } finally {
      app.pool().query("DROP TRIGGER fail_insert ON solutions").execute().await();
      app.pool().query("DROP FUNCTION fail_insert()").execute().await();
    }
    Api.Response retry = post("/api/v1/solutions", provider.token(), solution, key);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(retry.status()).as(retry.body()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(solutionsTitled(solution.getString("title"))).isEqualTo(1);
  }

  @Test
  @DisplayName("a request whose key was taken over while it ran is rolled back (409), so the record is never created twice")
  void lostLeaseRollsBackTheCreate() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("被接管的请求"));
    app.pool().query("CREATE FUNCTION steal_key() RETURNS trigger AS $$ BEGIN "
        + "UPDATE idempotency_keys SET lease = gen_random_uuid() WHERE status IS NULL; RETURN NEW; END $$ "
        + "LANGUAGE plpgsql").execute().await();
    app.pool().query("CREATE TRIGGER steal_key BEFORE INSERT ON solutions FOR EACH ROW EXECUTE FUNCTION steal_key()")
        .execute().await();
    Api.Response lost;
    try {
      lost = post("/api/v1/solutions", provider.token(), solution, key);
    } finally {
      app.pool().query("DROP TRIGGER steal_key ON solutions").execute().await();
      app.pool().query("DROP FUNCTION steal_key()").execute().await();
    }

    assertThat(lost.status()).as(lost.body()).isEqualTo(409);
    assertThat(lost.error().getString("code")).isEqualTo("idempotency_in_progress");
    assertThat(solutionsTitled(solution.getString("title"))).isZero();
  }

  @Test
  @DisplayName("a key held by a running request answers 409; once its lease lapses (its server died) a retry takes it over")
  void inProgressThenTakenOver() {
    String key = newKey();
    JsonObject solution = Fixtures.solution(title("租约方案"));
    byte[] fingerprint = IdempotencyHandler.requestMac(IdempotencyHandler.fingerprintKey(TestApp.JWT_SECRET), "POST",
        "/api/v1/solutions", solution.encode().getBytes(StandardCharsets.UTF_8)).doFinal();
    app.pool().query("INSERT INTO idempotency_keys (owner, key, fingerprint, lease, locked_until) VALUES ('user:"
        + provider.userId() + "', '" + key + "', '\\x" + hex(fingerprint) + "', gen_random_uuid(), now() + interval '1 minute')")
        .execute().await();

    Api.Response busy = post("/api/v1/solutions", provider.token(), solution, key);
    app.pool().query("UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = '" + key + "'")
        .execute().await();
    Api.Response takenOver = post("/api/v1/solutions", provider.token(), solution, key);

    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.error().getString("code")).isEqualTo("idempotency_in_progress");
    assertThat(takenOver.status()).as(takenOver.body()).isEqualTo(201);
    assertThat(solutionsTitled(solution.getString("title"))).isEqualTo(1);
  }

  @Test
  @DisplayName("a key older than 24 hours is forgotten: used again it runs anew, and pruning deletes expired keys")
  void keysExpire() {
    String key = newKey();
    String old = newKey();
    JsonObject solution = Fixtures.solution(title("过期方案"));
    long first = post("/api/v1/solutions", provider.token(), solution, key).json().getLong("id");
    post("/api/v1/solutions", provider.token(), Fixtures.solution(title("待清理")), old);
    app.pool().query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key IN ('"
        + key + "', '" + old + "')").execute().await();

    Api.Response again = post("/api/v1/solutions", provider.token(), solution, key);
    int pruned = new IdempotencyRepository().prune(app.pool()).await();

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getLong("id")).isNotEqualTo(first);
    assertThat(pruned).isGreaterThanOrEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM idempotency_keys WHERE key = '" + old + "'")).isZero();
    assertThat(app.count("SELECT count(*) FROM idempotency_keys WHERE key = '" + key + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("an upload retried with its key replays the first attachment; another file under the same key answers 422")
  void uploadRetry() {
    long callId = post("/api/v1/postings", government.token(),
        ChallengeFixtures.challenge(title("附件榜单"), LocalDate.now().plusDays(30)), newKey()).json().getLong("id");
    long application = post("/api/v1/postings/" + callId + "/applications", otherProvider.token(),
        ChallengeFixtures.proposal(), newKey()).json().getLong("id");
    String path = "/api/v1/applications/" + application + "/attachments";
    String key = newKey();

    Api.Response first = upload(path, otherProvider.token(), pdf("技术方案"), key);
    Api.Response retry = upload(path, otherProvider.token(), pdf("技术方案"), key);
    Api.Response otherFile = upload(path, otherProvider.token(), pdf("另一份文件"), key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().getLong("id")).isEqualTo(first.json().getLong("id"));
    assertThat(otherFile.status()).isEqualTo(422);
    assertThat(app.count("SELECT count(*) FROM application_attachments WHERE application_id = " + application))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a malformed key answers 400: too long, with a space a tab or a non-ASCII character, or given twice")
  void invalidKeys() {
    JsonObject solution = Fixtures.solution(title("无效键"));
    for (String key : List.of("k".repeat(256), "has space", "tab\tinside")) {
      Api.Response r = send(request("/api/v1/solutions", provider.token(), solution).header("Idempotency-Key", key));
      assertThat(r.status()).as(key).isEqualTo(400);
      assertThat(r.error().getString("code")).isEqualTo("idempotency_key_invalid");
    }
    assertThat(rawStatus(solution, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))).as("a Latin-1 byte").isEqualTo(400);
    Api.Response twice = send(request("/api/v1/solutions", provider.token(), solution)
        .header("Idempotency-Key", "a").header("Idempotency-Key", "b"));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(solutionsTitled(solution.getString("title"))).isZero();
    assertThat(post("/api/v1/solutions", provider.token(), solution, "k".repeat(255)).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("the key of a login or an invitation is ignored: their answer, a credential, is never stored")
  void credentialsAreNotStored() {
    String key = newKey();
    JsonObject login = new JsonObject().put("email", TestApp.ADMIN_EMAIL).put("password", TestApp.ADMIN_PASSWORD);
    Api.Response first = post("/api/v1/auth/login", null, login, key);
    Api.Response second = post("/api/v1/auth/login", null, login, key);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(app.count("SELECT count(*) FROM idempotency_keys WHERE key = '" + key + "'")).isZero();

    String inviteKey = newKey();
    String invitations = "/api/v1/organizations/" + government.organizationId() + "/invitations";
    Api.Response invited = post(invitations, government.token(), new JsonObject(), inviteKey);
    Api.Response invitedAgain = post(invitations, government.token(), new JsonObject(), inviteKey);
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    assertThat(invitedAgain.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(invitedAgain.json().getString("code")).isNotEqualTo(invited.json().getString("code"));
    assertThat(app.count("SELECT count(*) FROM idempotency_keys WHERE key = '" + inviteKey + "'")).isZero();
  }

  private static String newKey() {
    return UUID.randomUUID().toString();
  }

  private static String title(String base) {
    return base + SEQUENCE.incrementAndGet();
  }

  private static long solutionsTitled(String title) {
    return app.count("SELECT count(*) FROM solutions WHERE title = '" + title + "'");
  }

  private static Api.Response post(String path, String token, JsonObject body, String key) {
    return send(request(path, token, body).header("Idempotency-Key", key));
  }

  private static HttpRequest.Builder request(String path, String token, JsonObject body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static Api.Response upload(String path, String token, byte[] pdf, String key) {
    String boundary = "----idempotency" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"proposal.pdf\""
        + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(pdf);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** Java's client writes HTTP/1.1 headers as US-ASCII ('é' becomes '?'): a raw request sends the byte itself. */
  private static int rawStatus(JsonObject body, byte[] key) {
    URI base = URI.create(api.base());
    byte[] json = body.encode().getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/solutions HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nConnection: close\r\n"
          + "Authorization: Bearer " + provider.token() + "\r\nContent-Type: application/json\r\nContent-Length: "
          + json.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.US_ASCII));
      out.write(key);
      out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.flush();
      String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Api.Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Api.Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
