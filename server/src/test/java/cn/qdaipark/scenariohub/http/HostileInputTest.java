package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A fuzzer's visit: every field and list item of the main create and update endpoints gets NUL and other control
 * characters, bidi overrides, only invisible characters, half a surrogate pair, a 900 KB text, wrong JSON types
 * and fractions for whole numbers. Each answer is a 400 naming the field; none is a 5xx.
 */
@DisplayName("Hostile input: 400 with the field named, never a 5xx")
class HostileInputTest {
  private static final Hostile TALLY = new Hostile();
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account provider;
  private static Account issuer;
  private static Account reviewer;
  private static long solution;
  private static long openCall;
  private static long freshCall;
  private static long application;
  private static long reviewedApplication;

  @BeforeAll
  static void start() {
    app = TestApp.start(CLOCK);
    api = app.api;
    provider = ChallengeFixtures.verified(app, "provider", "青岛模糊测试科技有限公司");
    issuer = ChallengeFixtures.verified(app, "government", "青岛市模糊测试局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市模糊评审中心");
    Api.Response created = api.post("/api/v1/solutions", provider.token(), Fixtures.solution("模糊测试方案"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    solution = created.json().getLong("id");
    openCall = ChallengeFixtures.call(api, issuer, "模糊测试开放榜单", LocalDate.now(CLOCK).plusDays(30));
    freshCall = ChallengeFixtures.call(api, issuer, "模糊测试新榜单", LocalDate.now(CLOCK).plusDays(30));
    application = ChallengeFixtures.apply(api, provider, openCall).getLong("id");
    long reviewedCall = ChallengeFixtures.call(api, issuer, "模糊测试评审榜单", LocalDate.now(CLOCK));
    assertThat(api.put("/api/v1/postings/" + reviewedCall + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40))
        .status()).isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, reviewedCall, reviewer);
    reviewedApplication = ChallengeFixtures.apply(api, provider, reviewedCall).getLong("id");
    CLOCK.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
  }

  @AfterAll
  static void stop() {
    System.out.printf("HostileInputTest: %d requests, statuses %s, 5xx %d%n", TALLY.requests(), TALLY.statuses(),
        TALLY.serverErrors());
    app.close();
    assertThat(TALLY.serverErrors()).as("5xx answers to hostile requests").isZero();
  }

  private enum Type { TEXT, LIST, INTEGER }

  private record Field(String path, Type type) {
    String top() {
      return path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
    }
  }

  private static Field text(String path) {
    return new Field(path, Type.TEXT);
  }

  private static Field list(String path) {
    return new Field(path, Type.LIST);
  }

  private static Field integer(String path) {
    return new Field(path, Type.INTEGER);
  }

  /** Sends every hostile value into every field of an otherwise valid body; collects what was not a 400 naming it. */
  private static List<String> fuzz(String method, String path, String token, JsonObject valid, Field... fields) {
    List<String> wrong = new ArrayList<>();
    for (Field field : fields) {
      List<Hostile.Value> values = switch (field.type()) {
        case TEXT -> Hostile.texts();
        case LIST -> Hostile.lists();
        case INTEGER -> Hostile.integers();
      };
      for (Hostile.Value value : values) {
        Api.Response r = api.send(method, path, token, Hostile.encode(Hostile.with(valid, field.path(), value.json())),
            "application/json");
        TALLY.count(r.status());
        JsonObject named = r.status() == 400 ? r.error().getJsonObject("fields", new JsonObject()) : new JsonObject();
        boolean ok = named.fieldNames().stream().anyMatch(k -> k.equals(field.top()) || k.startsWith(field.top() + "."));
        if (!ok) {
          wrong.add(method + " " + path + " " + field.path() + " <- " + value.label() + ": " + r.status() + " "
              + r.body().substring(0, Math.min(300, r.body().length())));
        }
      }
    }
    return wrong;
  }

  private static int version(String path, String token) {
    return api.get(path, token).json().getInteger("version");
  }

  @Test
  @DisplayName("solutions: create and update refuse hostile titles, texts, tags, cases, domains and numbers")
  void solutions() {
    Field[] fields = {text("title"), text("summary"), text("description"), text("track"), text("maturity"),
        text("region"), text("priceRange"), list("domains"), list("tags"), list("cases")};
    assertThat(fuzz("POST", "/api/v1/solutions", provider.token(), Fixtures.solution("新方案标题"),
        append(fields, integer("organizationId")))).isEmpty();
    String path = "/api/v1/solutions/" + solution;
    JsonObject valid = Fixtures.solution("修改后的方案").put("version", version(path, provider.token()));
    assertThat(fuzz("PUT", path, provider.token(), valid, append(fields, integer("version")))).isEmpty();
  }

  @Test
  @DisplayName("postings: create and update refuse hostile titles, requirements, dates and budgets")
  void postings() {
    Field[] fields = {text("kind"), text("title"), text("description"), text("domain"), text("deadline"),
        text("region"), list("requirements"), integer("budgetWan")};
    assertThat(fuzz("POST", "/api/v1/postings", issuer.token(), ChallengeFixtures.challenge("新榜单标题",
        LocalDate.now(CLOCK).plusDays(20)), append(fields, integer("organizationId")))).isEmpty();
    String path = "/api/v1/postings/" + freshCall;
    JsonObject valid = ChallengeFixtures.challenge("修改后的榜单", LocalDate.now(CLOCK).plusDays(20))
        .put("version", version(path, issuer.token()));
    valid.remove("kind");
    assertThat(fuzz("PUT", path, issuer.token(), valid, text("title"), text("description"), text("domain"),
        text("deadline"), text("region"), list("requirements"), integer("budgetWan"), integer("version"))).isEmpty();
  }

  @Test
  @DisplayName("registration and organizations refuse hostile names, e-mails, passwords and credit codes")
  void accountsAndOrganizations() {
    JsonObject registration = new JsonObject().put("email", "fuzz-" + UUID.randomUUID() + "@example.cn")
        .put("password", Api.PASSWORD).put("displayName", "模糊测试").put("role", "provider").put("orgName", "青岛模糊新组织");
    assertThat(fuzz("POST", "/api/v1/auth/register", null, registration, text("email"), text("password"),
        text("displayName"), text("role"), text("orgName"), text("creditCode"), text("invitationCode"))).isEmpty();
    String path = "/api/v1/organizations/" + provider.organizationId();
    JsonObject valid = new JsonObject().put("region", "青岛市").put("version", version(path, provider.token()));
    assertThat(fuzz("PUT", path, provider.token(), valid, text("region"), text("creditCode"), integer("version")))
        .isEmpty();
  }

  @Test
  @DisplayName("a name that only looks like a verified organization's asks to join that organization, or is refused; never a second one")
  void lookAlikeOrganizations() {
    Account verified = ChallengeFixtures.verified(app, "provider", "青岛 ＡＩ 谷科技有限公司");
    assertThat(api.get("/api/v1/organizations/" + verified.organizationId(), null).json().getString("name"))
        .isEqualTo("青岛 AI 谷科技有限公司");
    for (String lookAlike : List.of("青岛　AI　谷科技有限公司", "青岛\u00A0ＡＩ\u00A0谷科技有限公司", " 青岛  AI 谷科技有限公司")) {
      Api.Response r = api.post("/api/v1/auth/register", null, new JsonObject()
          .put("email", "look-" + UUID.randomUUID() + "@example.cn").put("password", Api.PASSWORD)
          .put("displayName", "仿冒者").put("role", "provider").put("orgName", lookAlike));
      TALLY.count(r.status());
      assertThat(r.status()).as(lookAlike).isEqualTo(201);
      assertThat(r.json().getLong("organizationId")).as(lookAlike).isNull();
      assertThat(r.json().getLong("pendingOrganizationId")).as(lookAlike).isEqualTo(verified.organizationId());
    }
    for (String lookAlike : List.of("青岛 AI 谷\u200B科技有限公司", "青岛 AI 谷科技有限公司\u200D", "\u202E青岛 AI 谷科技有限公司",
        "青岛 AI 谷\u2060科技有限公司", "青岛 AI 谷\u00AD科技有限公司")) {
      Api.Response r = api.post("/api/v1/auth/register", null, new JsonObject()
          .put("email", "look-" + UUID.randomUUID() + "@example.cn").put("password", Api.PASSWORD)
          .put("displayName", "仿冒者").put("role", "provider").put("orgName", lookAlike));
      TALLY.count(r.status());
      assertThat(r.status()).as(lookAlike).isEqualTo(400);
      assertThat(r.error().getJsonObject("fields").getString("orgName")).as(lookAlike).contains("字符");
    }
    assertThat(app.count("SELECT count(*) FROM organizations WHERE name LIKE '%谷科技有限公司%'")).isEqualTo(1);
  }

  @Test
  @DisplayName("applications refuse hostile approaches, requirement answers, budgets, solution ids and versions")
  void applications() {
    Field[] fields = {text("approach"), text("schedule"), text("team"), text("requirementAnswers.0.requirement"),
        text("requirementAnswers.0.answer"), integer("budgetWan"), integer("solutionIds.0")};
    JsonObject proposal = ChallengeFixtures.proposal().put("solutionIds", new JsonArray().add(solution));
    assertThat(fuzz("POST", "/api/v1/postings/" + freshCall + "/applications", provider.token(), proposal, fields))
        .isEmpty();
    String path = "/api/v1/applications/" + application;
    JsonObject valid = proposal.copy().put("version", version(path, provider.token()));
    assertThat(fuzz("PUT", path, provider.token(), valid, append(fields, integer("version")))).isEmpty();
  }

  @Test
  @DisplayName("rubrics, rules, scores, reviewers, transitions and objections refuse hostile names, regions and numbers")
  void workflow() {
    String call = "/api/v1/postings/" + freshCall;
    assertThat(fuzz("PUT", call + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40),
        text("criteria.0.name"), integer("criteria.0.weight"))).isEmpty();
    JsonObject rules = new JsonObject().put("regions", new JsonArray().add("青岛市")).put("minMaturity", "试点应用")
        .put("maxApplicationsPerOrganization", 2);
    assertThat(fuzz("PUT", call + "/rules", issuer.token(), rules, list("regions"), text("minMaturity"),
        integer("maxApplicationsPerOrganization"), integer("endorsingOrganizationId"))).isEmpty();
    assertThat(fuzz("PUT", "/api/v1/applications/" + reviewedApplication + "/scores", reviewer.token(),
        ChallengeFixtures.scores(80, 70), text("scores.0.comment"), integer("scores.0.score"))).isEmpty();
    assertThat(fuzz("POST", call + "/reviewers", issuer.token(), new JsonObject().put("userId", reviewer.userId()),
        integer("userId"))).isEmpty();
    assertThat(fuzz("POST", call + "/transitions", issuer.token(), new JsonObject().put("to", "closed").put("note", "说明"),
        text("to"), text("note"))).isEmpty();
    assertThat(fuzz("POST", call + "/objections", provider.token(),
        new JsonObject().put("text", "揭榜单位的夜间准确率数据缺少第三方检测报告。"), text("text"))).isEmpty();
    assertThat(fuzz("POST", "/api/v1/admin/solutions/" + solution + "/reject", app.adminToken(),
        new JsonObject().put("reason", "材料不全"), text("reason"))).isEmpty();
  }

  @Test
  @DisplayName("saved searches, alert settings and contacts refuse hostile names, queries, filters and ids")
  void alertsAndContacts() {
    JsonObject search = new JsonObject().put("name", "港口订阅").put("query", "港口 视觉").put("target", "solutions")
        .put("filters", new JsonObject().put("region", "青岛市").put("track", "复杂算法软件研发"));
    assertThat(fuzz("POST", "/api/v1/saved-searches", provider.token(), search, text("name"), text("query"),
        text("target"), text("filters.region"), text("filters.track"))).isEmpty();
    assertThat(fuzz("PUT", "/api/v1/notification-settings", provider.token(),
        new JsonObject().put("delivery", "daily").put("digestHour", 8), text("delivery"), integer("digestHour")))
        .isEmpty();
    assertThat(fuzz("POST", "/api/v1/postings/" + openCall + "/contacts", provider.token(),
        new JsonObject().put("solutionId", solution), integer("solutionId"))).isEmpty();
  }

  @Test
  @DisplayName("a body over the limit is a 413 and hostile keys are refused like hostile values")
  void limitsAndKeys() {
    Api.Response over = api.post("/api/v1/solutions", provider.token(),
        Fixtures.solution("超大").put("description", Hostile.OVER_LIMIT));
    TALLY.count(over.status());
    assertThat(over.status()).isEqualTo(413);
    JsonObject body = Fixtures.solution("键名").put("extra", new JsonObject().put("a\u0000b", 1));
    Api.Response key = api.post("/api/v1/solutions", provider.token(), body);
    TALLY.count(key.status());
    assertThat(key.status()).isEqualTo(400);
    assertThat(key.error().getJsonObject("fields").getString("extra")).contains("控制字符");
  }

  @Test
  @DisplayName("a by-ref path with NUL, a bidi override or only invisible characters is a 400, not a database error")
  void byRefPaths() {
    for (String ref : List.of("%00", "REF%00X", "%E2%80%AEREF", "%E2%80%8B%E2%80%8B", "%C2%A0")) {
      Api.Response r = api.get("/api/v1/postings/by-ref/" + ref, null);
      TALLY.count(r.status());
      assertThat(r.status()).as(ref).isEqualTo(400);
      assertThat(r.error().getJsonObject("fields").containsKey("ref")).as(ref).isTrue();
    }
    Api.Response unknown = api.get("/api/v1/postings/by-ref/NO-SUCH-REF", null);
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a search of only invisible characters, lone combining marks or undecodable bytes finds nothing (200); NUL in a query is a 400 naming q")
  void invisibleQueries() {
    for (String q : List.of("\u00A0", "\u200B", "\uFEFF", "\u202E", "\u200D", "\u3000\u200B\u00A0", "\u2067\u2069",
        "\uFFFD", "\u0301\u0308")) {
      for (String type : List.of("solutions", "postings")) {
        Api.Response r = api.get("/api/v1/search?type=" + type + "&q=" + enc(q), null);
        TALLY.count(r.status());
        assertThat(r.status()).as(q).isEqualTo(200);
        assertThat(r.json().getLong("total")).isZero();
        assertThat(r.json().getJsonArray("items")).isEmpty();
      }
      Api.Response suggest = api.get("/api/v1/search/suggest?q=" + enc(q), null);
      TALLY.count(suggest.status());
      assertThat(suggest.status()).as(q).isEqualTo(200);
      Api.Response page = api.get("/solutions?q=" + enc(q), null);
      TALLY.count(page.status());
      assertThat(page.status()).as(q).isEqualTo(200);
    }
    assertThat(api.get("/api/v1/search?q=" + enc("模糊测试"), null).json().getLong("total")).isPositive();
    for (String q : List.of("焊缝\u0000检测", "\u0000", "焊缝\u202E检测")) {
      Api.Response r = api.get("/api/v1/search?q=" + enc(q), null);
      TALLY.count(r.status());
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.error().getJsonObject("fields").containsKey("q")).isTrue();
      Api.Response page = api.get("/solutions?q=" + enc(q), null);
      TALLY.count(page.status());
      assertThat(page.status()).as(q).isEqualTo(400);
    }
    Api.Response long200 = api.get("/api/v1/search?q=" + enc(distinctWords(200)), null);
    TALLY.count(long200.status());
    assertThat(long200.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("every query parameter of the lists, searches and pages answers hostile values with a 200 or a 400, never a 5xx")
  void queryParameters() {
    List<String> values = new ArrayList<>(Hostile.strings().stream()
        .filter(v -> !v.label().equals("lone surrogate") && !v.label().equals("900 KB")).map(v -> enc((String) v.json()))
        .toList());
    values.addAll(List.of("%ED%A0%80", "%FF%FE", "%CC%81", "%00", "1.5", "-1", "99999999999999999999", "%E2%80%AE1"));
    List<String> common = List.of("q", "type", "kind", "status", "region", "domain", "track", "maturity", "sort", "mode",
        "page", "pageSize", "limit", "organizationId", "deadlineFrom", "deadlineTo", "minBudgetWan", "maxBudgetWan",
        "verified", "lang");
    List<String> wrong = new ArrayList<>();
    for (String path : List.of("/api/v1/search", "/api/v1/search/suggest", "/api/v1/postings", "/api/v1/solutions",
        "/api/v1/organizations", "/api/v1/results", "/api/v1/notifications", "/", "/solutions",
        "/challenges", "/demands", "/results", "/login", "/register")) {
      for (String param : path.equals("/login") ? List.of("next") : path.equals("/register") ? List.of("role") : common) {
        for (String value : values) {
          Api.Response r = api.get(path + "?" + param + "=" + value, provider.token());
          TALLY.count(r.status());
          if (r.status() != 200 && r.status() != 400) {
            wrong.add(path + "?" + param + "=" + value + ": " + r.status());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  @DisplayName("a signed token whose exp, iat, nbf, sub, role or jti has the wrong type is a 401 like any invalid token")
  void wronglyTypedClaims() throws Exception {
    long exp = CLOCK.instant().getEpochSecond() + 3600;
    JsonObject valid = new JsonObject().put("sub", String.valueOf(provider.userId())).put("role", "provider")
        .put("jti", UUID.randomUUID().toString()).put("iss", "scenariohub").put("aud", "scenariohub-api").put("exp", exp);
    assertThat(api.get("/api/v1/auth/me", sign(valid)).status()).isEqualTo(200);
    List<JsonObject> forged = List.of(valid.copy().put("exp", String.valueOf(exp)), valid.copy().put("exp", true),
        valid.copy().put("exp", new JsonObject()), valid.copy().put("exp", new JsonArray().add(exp)),
        valid.copy().put("iat", "yesterday"), valid.copy().put("nbf", "now"), valid.copy().put("sub", 7),
        valid.copy().put("sub", "not-a-number"), valid.copy().put("role", 3), valid.copy().put("jti", 5),
        valid.copy().put("jti", "not-a-uuid"), valid.copy().put("org", "one"), valid.copy().put("aud", 1),
        valid.copy().put("iss", new JsonArray()));
    for (JsonObject claims : forged) {
      Api.Response r = api.get("/api/v1/auth/me", sign(claims));
      TALLY.count(r.status());
      assertThat(r.status()).as(claims.encode()).isEqualTo(401);
    }
  }

  private static String distinctWords(int length) {
    StringBuilder text = new StringBuilder();
    for (int c = 0x4E00; text.length() < length; c += 7) {
      text.appendCodePoint(c);
    }
    return text.toString();
  }

  /** An HS256 token over exactly these claims, signed with the test app's secret. */
  private static String sign(JsonObject claims) throws Exception {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return head + "." + b64.encodeToString(mac.doFinal(head.getBytes(StandardCharsets.UTF_8)));
  }

  private static Field[] append(Field[] fields, Field more) {
    Field[] all = java.util.Arrays.copyOf(fields, fields.length + 1);
    all[fields.length] = more;
    return all;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
