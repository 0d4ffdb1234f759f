package cn.qdaipark.scenariohub.showcase;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.DeliveryFixtures;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.ResponseFixtures;
import cn.qdaipark.scenariohub.support.ShowcaseFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShowcaseApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account outsider;
  private static Account lead;
  private static Account partner;
  private static Account buyer;
  private static Account provider;
  private static long leadSolution;
  private static long call;
  private static long scenario;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市海洋发展局");
    outsider = ChallengeFixtures.verified(app, "government", "青岛市城市管理局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛深海视觉科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛海算数据科技有限公司");
    buyer = ChallengeFixtures.verified(app, "buyer", "青岛前湾集装箱码头有限公司");
    provider = ChallengeFixtures.verified(app, "provider", "青岛海视智能科技有限公司");
    leadSolution = solution(lead, ResponseFixtures.intrusion("港区夜间人员入侵识别系统"));
    call = ShowcaseFixtures.acceptedCall(app, clock, issuer, lead, partner, "港区夜间入侵识别示范", leadSolution);
    scenario = ShowcaseFixtures.scenarioOf(app, call);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long solution(Account owner, JsonObject body) {
    Api.Response created = api.post("/api/v1/solutions", owner.token(), body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static JsonObject read(long id) {
    Api.Response r = api.get("/api/v1/scenarios/" + id, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonObject edit(JsonObject current) {
    return new JsonObject().put("title", current.getString("title")).put("summary", current.getString("summary"))
        .put("indicators", current.getJsonArray("indicators")).put("version", current.getInteger("version"));
  }

  @Test
  @DisplayName("a call that reaches 已验收 becomes a scenario in the same move, with its snapshot; not before")
  void acceptedCallBecomesScenario() {
    JsonObject s = read(scenario);
    assertThat(s.getLong("postingId")).isEqualTo(call);
    assertThat(s.getString("kind")).isEqualTo("challenge");
    assertThat(s.getString("title")).isEqualTo("港区夜间入侵识别示范");
    assertThat(s.getString("problem")).startsWith("港区集装箱堆场夜间作业照明不足");
    assertThat(s.getString("district")).isEqualTo("青岛市黄岛区");
    assertThat(s.getString("domain")).isEqualTo("空天地海");
    assertThat(s.getJsonArray("tracks")).containsExactly("复杂算法软件研发");
    assertThat(s.getJsonArray("consortium").stream().map(o -> ((JsonObject) o).getLong("organizationId")))
        .containsExactly(lead.organizationId(), partner.organizationId());
    assertThat(s.getJsonArray("solutions").getJsonObject(0).getLong("id")).isEqualTo(leadSolution);
    assertThat(s.getJsonArray("indicators").stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("夜间识别准确率≥95%", "告警延迟≤2秒");
    assertThat(s.getInteger("year"))
        .isEqualTo(java.time.OffsetDateTime.parse(s.getString("acceptedAt")).atZoneSameInstant(ShowcaseService.ZONE).getYear());

    long inAcceptance = ShowcaseFixtures.awardedCall(app, clock, issuer, lead, null, "尚在验收的任务", leadSolution);
    DeliveryFixtures.readyForAcceptance(app, clock, issuer, lead, inAcceptance);
    ShowcaseFixtures.move(app, issuer, inAcceptance, "acceptance");
    assertThat(app.count("SELECT count(*) FROM scenarios WHERE posting_id = " + inAcceptance)).isZero();
  }

  @Test
  @DisplayName("a demand that lands becomes a scenario delivered by the organization whose response landed")
  void landedDemandBecomesScenario() {
    long solution = solution(provider, ResponseFixtures.intrusion("红外热成像周界告警"));
    long demand = ShowcaseFixtures.landedDemand(app, buyer, provider, "码头周界入侵告警落地", solution);
    JsonObject s = read(ShowcaseFixtures.scenarioOf(app, demand));
    assertThat(s.getString("kind")).isEqualTo("demand");
    assertThat(s.getString("district")).isEqualTo("青岛市城阳区");
    assertThat(s.getString("domain")).isEqualTo("工业智能");
    assertThat(s.getJsonArray("consortium").getJsonObject(0).getLong("organizationId")).isEqualTo(provider.organizationId());
    assertThat(s.getJsonArray("solutions").getJsonObject(0).getLong("id")).isEqualTo(solution);
  }

  @Test
  @DisplayName("the migration's backfill makes a scenario of a posting that landed before the showcase, dated by its move")
  void backfill() throws IOException {
    long solution = solution(provider, ResponseFixtures.intrusion("堆场周界告警回填方案"));
    long demand = ShowcaseFixtures.landedDemand(app, buyer, provider, "回填测试：堆场周界告警", solution);
    app.pool().query("DELETE FROM scenarios WHERE posting_id = " + demand).execute().await();
    String migration;
    try (var in = getClass().getClassLoader().getResourceAsStream("db/migration/V28__showcase_scenarios.sql")) {
      migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String backfill = migration.substring(migration.lastIndexOf("SELECT create_scenario"));
    app.pool().query(backfill).execute().await();
    app.pool().query(backfill).execute().await();
    assertThat(app.count("SELECT count(*) FROM scenarios WHERE posting_id = " + demand)).isEqualTo(1);
    JsonObject s = read(ShowcaseFixtures.scenarioOf(app, demand));
    assertThat(s.getJsonArray("consortium").getJsonObject(0).getLong("organizationId")).isEqualTo(provider.organizationId());
    assertThat(app.count("SELECT count(*) FROM scenarios s JOIN posting_events e ON e.posting_id = s.posting_id "
        + "AND e.to_status = 'landed' AND e.created_at = s.accepted_at WHERE s.posting_id = " + demand)).isEqualTo(1);
  }

  @Test
  @DisplayName("the issuer edits the title, story and indicators with optimistic versioning, audit-logged")
  void issuerEdits() {
    long own = ShowcaseFixtures.scenarioOf(app, ShowcaseFixtures.acceptedCall(app, clock, issuer, lead, null,
        "编辑测试示范场景", leadSolution));
    JsonObject before = read(own);
    JsonObject body = edit(before).put("summary", "两台边缘盒子覆盖全部堆场，夜间闯入告警由人工巡查改为自动推送。")
        .put("indicators", new JsonArray()
            .add(new JsonObject().put("name", "夜间识别准确率").put("before", "78").put("after", "97.2").put("unit", "%"))
            .add(new JsonObject().put("name", "告警延迟").put("before", "—").put("after", "0.8").put("unit", "秒")));
    Api.Response saved = api.put("/api/v1/scenarios/" + own, issuer.token(), body);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().getInteger("version")).isEqualTo(before.getInteger("version") + 1);
    assertThat(saved.json().getJsonArray("indicators").getJsonObject(0).getString("after")).isEqualTo("97.2");
    Api.Response stale = api.put("/api/v1/scenarios/" + own, issuer.token(), body);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'scenario.update' AND entity_id = " + own))
        .isEqualTo(1);
    Api.Response admin = api.put("/api/v1/scenarios/" + own, app.adminToken(),
        edit(saved.json()).put("title", "编辑测试示范场景（管理员修改）"));
    assertThat(admin.status()).as(admin.body()).isEqualTo(200);
  }

  @Test
  @DisplayName("refused edits: the consortium, another organization, no login, bad indicators, hostile text")
  void refusedEdits() {
    JsonObject body = edit(read(scenario));
    assertThat(api.put("/api/v1/scenarios/" + scenario, lead.token(), body).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/scenarios/" + scenario, partner.token(), body).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/scenarios/" + scenario, outsider.token(), body).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/scenarios/" + scenario, null, body).status()).isEqualTo(401);
    assertThat(api.put("/api/v1/scenarios/999999", issuer.token(), body).status()).isEqualTo(404);

    JsonArray eleven = new JsonArray();
    for (int i = 0; i < 11; i++) {
      eleven.add(new JsonObject().put("name", "指标" + i));
    }
    Api.Response tooMany = api.put("/api/v1/scenarios/" + scenario, issuer.token(), body.copy().put("indicators", eleven));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.error().getJsonObject("fields").getString("indicators")).contains("10");
    Api.Response longName = api.put("/api/v1/scenarios/" + scenario, issuer.token(), body.copy().put("indicators",
        new JsonArray().add(new JsonObject().put("name", "长".repeat(61)).put("after", "1".repeat(41)))));
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.error().getJsonObject("fields").fieldNames())
        .contains("indicators[0].name", "indicators[0].after");
    Api.Response longStory = api.put("/api/v1/scenarios/" + scenario, issuer.token(),
        body.copy().put("summary", "长".repeat(2001)));
    assertThat(longStory.status()).isEqualTo(400);

    for (Hostile.Value value : Hostile.texts()) {
      for (String field : new String[] {"title", "summary"}) {
        Api.Response r = api.send("PUT", "/api/v1/scenarios/" + scenario, issuer.token(),
            Hostile.encode(body.copy().put(field, value.json())), "application/json");
        assertThat(r.status()).as(field + " " + value.label() + ": " + r.body()).isEqualTo(400);
      }
      Api.Response r = api.send("PUT", "/api/v1/scenarios/" + scenario, issuer.token(), Hostile.encode(body.copy()
          .put("indicators", new JsonArray().add(new JsonObject().put("name", value.json())))), "application/json");
      assertThat(r.status()).as("indicator " + value.label() + ": " + r.body()).isEqualTo(400);
    }
    assertThat(read(scenario).getInteger("version")).isEqualTo(body.getInteger("version"));
  }

  @Test
  @DisplayName("pictures: re-encoded without metadata, served with type, nosniff and a long cache; refused uploads")
  void pictures() throws IOException {
    long own = ShowcaseFixtures.scenarioOf(app, ShowcaseFixtures.acceptedCall(app, clock, issuer, lead, null,
        "图片测试示范场景", leadSolution));
    String path = "/api/v1/scenarios/" + own + "/images";
    byte[] jpeg = withExif(picture("jpg", 800, 450));
    Api.Response added = api.upload(path, issuer.token(), "site.jpg", "image/jpeg", jpeg);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String url = added.json().getString("url");
    Api.Download full = api.download(url, null);
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.contentType()).isEqualTo("image/jpeg");
    assertThat(full.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(full.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
    assertThat(new String(full.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("GPS-SECRET-36.07N");
    String etag = full.headers().firstValue("ETag").orElseThrow();
    Api.Response again = api.send("GET", url, null, null, null);
    assertThat(again.status()).isEqualTo(200);
    java.net.http.HttpResponse<byte[]> revalidated = revalidate(url, etag);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    Api.Download thumb = api.download(url + "/thumb", null);
    assertThat(thumb.contentType()).isEqualTo("image/jpeg");
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumb.bytes())).getWidth()).isLessThanOrEqualTo(480);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'scenario.image_add' AND entity_id = " + own))
        .isEqualTo(1);

    byte[] png = picture("png", 320, 200);
    assertThat(api.upload(path, lead.token(), "a.png", "image/png", png).status()).isEqualTo(403);
    assertThat(api.upload(path, outsider.token(), "a.png", "image/png", png).status()).isEqualTo(403);
    assertThat(api.upload(path, null, "a.png", "image/png", png).status()).isEqualTo(401);
    Api.Response text = api.upload(path, issuer.token(), "fake.png", "image/png",
        "<svg onload=alert(1)>not a picture</svg>".getBytes(StandardCharsets.UTF_8));
    assertThat(text.status()).isEqualTo(415);
    byte[] oversized = new byte[8 * 1024 * 1024 + 1];
    System.arraycopy(png, 0, oversized, 0, png.length);
    assertThat(api.upload(path, issuer.token(), "big.png", "image/png", oversized).status()).isEqualTo(413);
    Api.Response bomb = api.upload(path, issuer.token(), "bomb.png", "image/png", pngHeader(100_000, 100_000));
    assertThat(bomb.status()).as(bomb.body()).isEqualTo(413);
    assertThat(api.upload(path, issuer.token(), "empty.png", "image/png", new byte[0]).status()).isEqualTo(400);

    for (int i = 1; i < 8; i++) {
      assertThat(api.upload(path, issuer.token(), "p" + i + ".png", "image/png", png).status()).isEqualTo(201);
    }
    Api.Response ninth = api.upload(path, issuer.token(), "p9.png", "image/png", png);
    assertThat(ninth.status()).isEqualTo(409);
    assertThat(ninth.error().getString("message")).contains("最多 8 张");
    assertThat(app.count("SELECT count(*) FROM scenario_images WHERE scenario_id = " + own)).isEqualTo(8);

    long imageId = added.json().getLong("id");
    assertThat(api.send("DELETE", path + "/" + imageId, lead.token(), null, null).status()).isEqualTo(403);
    assertThat(api.send("DELETE", path + "/" + imageId, issuer.token(), null, null).status()).isEqualTo(204);
    assertThat(api.download(url, null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("the list filters by domain, district, track and year and searches the text; unknown values are 400")
  void listFilters() {
    JsonObject all = api.get("/api/v1/scenarios", null).json();
    assertThat(all.getLong("total")).isGreaterThanOrEqualTo(1);
    assertThat(ids("/api/v1/scenarios?domain=空天地海&district=青岛市黄岛区&track=复杂算法软件研发")).contains(scenario);
    assertThat(ids("/api/v1/scenarios?domain=智能家居")).doesNotContain(scenario);
    assertThat(ids("/api/v1/scenarios?q=入侵识别")).contains(scenario);
    assertThat(ids("/api/v1/scenarios?q=%25")).isEmpty();
    assertThat(ids("/api/v1/scenarios?year=2001")).isEmpty();
    assertThat(api.get("/api/v1/scenarios?domain=火星", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/scenarios?sort=random", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/scenarios?year=abc", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the open-data CSV lists the scenarios with neutralised cells")
  void openDataCsv() {
    long formula = ShowcaseFixtures.scenarioOf(app, ShowcaseFixtures.acceptedCall(app, clock, issuer, lead, null,
        "=HYPERLINK(\"http://example.com\",\"点我\")", leadSolution));
    Api.Download csv = api.download("/api/v1/open-data/scenarios.csv", null);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String text = new String(csv.bytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF编号,榜单或需求编号,类型,场景名称");
    assertThat(text).contains("港区夜间入侵识别", "青岛深海视觉科技有限公司", "青岛海算数据科技有限公司", "/showcase/" + scenario);
    assertThat(text).contains("'=HYPERLINK").contains("/showcase/" + formula);
  }

  private static java.util.List<Long> ids(String path) {
    Api.Response r = api.get(path, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private static java.net.http.HttpResponse<byte[]> revalidate(String url, String etag) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(api.base() + url)).header("If-None-Match", etag).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] picture(String format, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(0x1d3a5f));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x9fc7b6));
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** The JPEG with an APP1 (EXIF) segment holding a made-up position, right after its start marker. */
  static byte[] withExif(byte[] jpeg) {
    byte[] payload = "Exif\0\0GPS-SECRET-36.07N-120.38E".getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + payload.length + 4);
    out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
    out.put(jpeg, 2, jpeg.length - 2);
    return out.array();
  }

  /** A PNG that claims width × height pixels: its signature and header only. */
  static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
        .putInt((int) crc.getValue());
    png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
    return png.array();
  }
}
