package cn.qdaipark.scenariohub.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;

/** Calls brought to acceptance (验收中), panels, sheets of verdicts and demands in pilot, for the acceptance tests. */
public final class AcceptanceFixtures {
  /** The 考核指标 of {@link Fixtures#posting}. */
  public static final String ACCURACY = "夜间识别准确率≥95%";
  public static final String LATENCY = "告警延迟≤2秒";

  private AcceptanceFixtures() {
  }

  /** A call in acceptance, its winning application and its open acceptance round. */
  public record InAcceptance(long callId, long applicationId, long roundId) {
  }

  /**
   * The ONE place the tests bring a call to acceptance: the lead (with the partner, if any, confirmed in its
   * consortium) wins the call, which is delivered with an accepted plan whose milestones were all reported on and
   * accepted ({@link DeliveryFixtures#readyForAcceptance}), and the issuer requests acceptance.
   */
  public static InAcceptance callInAcceptance(TestApp app, MutableClock clock, Account issuer, Account lead,
                                              Account partner, String title) {
    Api api = app.api;
    long call = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock));
    long application = ChallengeFixtures.apply(api, lead, call).getLong("id");
    if (partner != null) {
      ok(api.post("/api/v1/applications/" + application + "/partners", lead.token(),
          new JsonObject().put("organizationId", partner.organizationId())));
      ok(api.post("/api/v1/applications/" + application + "/partners/" + partner.organizationId() + "/confirm",
          partner.token(), null));
    }
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    ok(api.post("/api/v1/applications/" + application + "/award", issuer.token(),
        new JsonObject().put("confirmIncomplete", true)));
    DeliveryFixtures.readyForAcceptance(app, clock, issuer, lead, call);
    ok(move(api, issuer, call, "acceptance"));
    return new InAcceptance(call, application, openRound(api, issuer, call));
  }

  /** The id of the call's latest acceptance round. */
  public static long openRound(Api api, Account issuer, long call) {
    JsonArray rounds = api.get("/api/v1/postings/" + call + "/acceptance", issuer.token()).json().getJsonArray("rounds");
    return rounds.getJsonObject(rounds.size() - 1).getLong("id");
  }

  public static Api.Response move(Api api, Account who, long posting, String to) {
    return api.post("/api/v1/postings/" + posting + "/transitions", who.token(), new JsonObject().put("to", to));
  }

  public static Api.Response appoint(Api api, Account issuer, long round, Account member) {
    return api.post("/api/v1/acceptances/" + round + "/panel", issuer.token(), new JsonObject().put("userId", member.userId()));
  }

  /** A sheet for the two requirements of {@link Fixtures#posting}. */
  public static JsonObject sheet(String accuracy, String latency) {
    return new JsonObject().put("scores", new JsonArray()
        .add(new JsonObject().put("requirement", ACCURACY).put("verdict", accuracy).put("comment", comment(accuracy)))
        .add(new JsonObject().put("requirement", LATENCY).put("verdict", latency).put("comment", comment(latency))));
  }

  private static String comment(String verdict) {
    return switch (verdict) {
      case "met" -> "第三方检测报告显示指标达到要求";
      case "partly" -> "夜间雨雾天气下指标略低于要求，需补充测试";
      default -> "现场复测未达到合同约定的指标";
    };
  }

  public static Api.Response score(Api api, Account member, long round, JsonObject sheet) {
    return api.put("/api/v1/acceptances/" + round + "/scores", member.token(), sheet);
  }

  public static Api.Response conclude(Api api, Account who, long round, String outcome, String summary) {
    return api.post("/api/v1/acceptances/" + round + "/conclusion", who.token(),
        new JsonObject().put("outcome", outcome).put("summary", summary));
  }

  /** A buyer's acceptance of a demand's pilot with these verdicts for the two requirements. */
  public static JsonObject demandAcceptance(String conclusion, String accuracy, String latency, String summary) {
    return sheet(accuracy, latency).put("conclusion", conclusion).put("summary", summary);
  }

  /** A passing acceptance of a demand's pilot (what landing a demand needs). */
  public static JsonObject passedDemandAcceptance() {
    return demandAcceptance("passed", "met", "met", "试点效果良好，同意转为正式采购");
  }

  public static void ok(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
