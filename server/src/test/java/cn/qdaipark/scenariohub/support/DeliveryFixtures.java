package cn.qdaipark.scenariohub.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls through delivery (攻关): an awarded call, the same call in delivery with an accepted plan, and the one step
 * the acceptance (验收) tests need: {@link #readyForAcceptance}. Every helper asserts its own steps, so a test
 * starts from a known state. The clock is the test app's {@link MutableClock}: reaching delivery waits out the
 * 7-day objection period by advancing it.
 */
public final class DeliveryFixtures {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DeliveryFixtures() {
  }

  /** A call in delivery with an accepted plan whose milestones are all accepted. */
  public record Delivered(long callId, List<Long> milestoneIds) {
  }

  /** One evidence file of a multipart report. */
  public record Part(String fileName, String contentType, byte[] bytes) {
  }

  /**
   * Takes a call from awarded (see {@link #awarded}) to in delivery (攻关中) with an accepted two-milestone plan
   * (30 + 20 万元) whose milestones the lead reported on and the issuer accepted: the call may now move to
   * acceptance ({@code POST /api/v1/postings/{id}/transitions {"to": "acceptance"}}).
   *
   * @param issuer a member of the call's issuing organization
   * @param lead   a member of the awarded application's lead organization
   */
  public static Delivered readyForAcceptance(TestApp app, MutableClock clock, Account issuer, Account lead,
                                             long awardedCall) {
    List<Long> milestones = inDeliveryWithPlan(app, clock, issuer, lead, awardedCall);
    for (long milestone : milestones) {
      long report = report(app.api, lead, milestone, "按计划完成本里程碑的全部交付内容，测试报告见附件。", List.of());
      ok(app.api.post("/api/v1/milestone-reports/" + report + "/accept", issuer.token(), new JsonObject()), 200);
    }
    return new Delivered(awardedCall, milestones);
  }

  /** A new call of the issuer, applied to by the lead alone, past its deadline and awarded to the lead: its id. */
  public static long awarded(TestApp app, MutableClock clock, Account issuer, Account lead, String title) {
    long call = ChallengeFixtures.call(app.api, issuer, title, LocalDate.now(clock).plusDays(1));
    long application = ChallengeFixtures.apply(app.api, lead, call).getLong("id");
    clock.advance(Duration.ofDays(2));
    app.api.get("/api/v1/postings/" + call, issuer.token()); // a call found past its deadline moves into review
    ok(app.api.post("/api/v1/applications/" + application + "/award", issuer.token(), null), 200);
    return call;
  }

  /** Publishes the awarded call's result, waits out the objection period and moves it into delivery. */
  public static void toDelivery(TestApp app, MutableClock clock, Account issuer, long call) {
    move(app.api, issuer, call, "result_published");
    clock.advance(Duration.ofDays(8));
    move(app.api, issuer, call, "in_delivery");
  }

  /** The lead's plan of two milestones (30 + 20 万元, due in 30 and 60 days), accepted by the issuer: their ids. */
  public static List<Long> acceptedPlan(TestApp app, MutableClock clock, Account issuer, Account lead, long call) {
    Api.Response proposed = app.api.put("/api/v1/postings/" + call + "/delivery-plan", lead.token(), plan(clock));
    ok(proposed, 200);
    int version = proposed.json().getJsonObject("plan").getInteger("version");
    Api.Response accepted = app.api.post("/api/v1/postings/" + call + "/delivery-plan/accept", issuer.token(),
        new JsonObject().put("version", version));
    ok(accepted, 200);
    List<Long> ids = new ArrayList<>();
    accepted.json().getJsonArray("milestones").forEach(m -> ids.add(((JsonObject) m).getLong("id")));
    return ids;
  }

  /** {@link #toDelivery} and then {@link #acceptedPlan}: the milestone ids. */
  public static List<Long> inDeliveryWithPlan(TestApp app, MutableClock clock, Account issuer, Account lead, long call) {
    toDelivery(app, clock, issuer, call);
    return acceptedPlan(app, clock, issuer, lead, call);
  }

  /** A valid plan body: two milestones of 30 and 20 万元. */
  public static JsonObject plan(MutableClock clock) {
    return new JsonObject().put("milestones", new JsonArray()
        .add(milestone("完成设备部署与联调", LocalDate.now(clock).plusDays(30), 30))
        .add(milestone("完成试运行并提交测试报告", LocalDate.now(clock).plusDays(60), 20)));
  }

  public static JsonObject milestone(String title, LocalDate due, long fundingWan) {
    return new JsonObject().put("title", title).put("dueDate", due.toString())
        .put("deliverable", "部署清单、联调记录与阶段测试报告").put("fundingWan", fundingWan);
  }

  /** The lead reports on a milestone with the given evidence (201 asserted): the report's id. */
  public static long report(Api api, Account lead, long milestone, String text, List<Part> evidence) {
    Api.Response r = reportRaw(api, lead.token(), milestone, Map.of("text", text, "indicators",
        new JsonArray().add(new JsonObject().put("requirement", "夜间识别准确率≥95%").put("value", "96.8%")).encode()),
        evidence);
    ok(r, 201);
    return r.json().getLong("id");
  }

  /** A multipart report as a client sends it: text fields and files in the field {@code evidence}. */
  public static Api.Response reportRaw(Api api, String token, long milestone, Map<String, String> fields,
                                       List<Part> evidence) {
    return multipart(api, "/api/v1/milestones/" + milestone + "/reports", token, fields, "evidence", evidence, null);
  }

  /** A multipart POST with the given fields and files; {@code cookie} for the pages (with {@code _csrf} a field). */
  public static Api.Response multipart(Api api, String path, String token, Map<String, String> fields,
                                       String fileField, List<Part> files, String cookie) {
    String boundary = "----delivery" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    for (Part f : files) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
          + f.fileName() + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.bytes());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Api.Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A small valid PDF. */
  public static Part pdf(String name) {
    return new Part(name, "application/pdf",
        "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static void move(Api api, Account issuer, long call, String to) {
    ok(api.post("/api/v1/postings/" + call + "/transitions", issuer.token(), new JsonObject().put("to", to)), 200);
  }

  private static void ok(Api.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }
}
