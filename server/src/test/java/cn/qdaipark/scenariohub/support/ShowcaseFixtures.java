package cn.qdaipark.scenariohub.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls and demands taken all the way to a demonstration scenario, and pictures to upload. */
public final class ShowcaseFixtures {
  private static final JsonObject CONFIRM_INCOMPLETE = new JsonObject().put("confirmIncomplete", true);
  private static final AtomicInteger EXPERTS = new AtomicInteger();

  private ShowcaseFixtures() {
  }

  /** A call of the issuer taken to awarded: the lead (with its solutions and a confirmed partner, if any) wins. */
  public static long awardedCall(TestApp app, MutableClock clock, Account issuer, Account lead, Account partner,
                                 String title, long... solutions) {
    Api api = app.api;
    long call = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock));
    JsonArray ids = new JsonArray();
    for (long s : solutions) {
      ids.add(s);
    }
    Api.Response applied = api.post("/api/v1/postings/" + call + "/applications", lead.token(),
        ChallengeFixtures.proposal().put("solutionIds", ids));
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    long application = applied.json().getLong("id");
    if (partner != null) {
      Api.Response invited = api.post("/api/v1/applications/" + application + "/partners", lead.token(),
          new JsonObject().put("organizationId", partner.organizationId()));
      assertThat(invited.status()).as(invited.body()).isEqualTo(200);
      Api.Response confirmed = api.post("/api/v1/applications/" + application + "/partners/"
          + partner.organizationId() + "/confirm", partner.token(), null);
      assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    }
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    Api.Response awarded = api.post("/api/v1/applications/" + application + "/award", issuer.token(), CONFIRM_INCOMPLETE);
    assertThat(awarded.status()).as(awarded.body()).isEqualTo(200);
    return call;
  }

  /**
   * A call taken to accepted (已验收): awarded, delivered with an accepted plan ({@link DeliveryFixtures}), and passed
   * by an acceptance panel of three government experts who found every 考核指标 met.
   */
  public static long acceptedCall(TestApp app, MutableClock clock, Account issuer, Account lead, Account partner,
                                  String title, long... solutions) {
    long call = awardedCall(app, clock, issuer, lead, partner, title, solutions);
    DeliveryFixtures.readyForAcceptance(app, clock, issuer, lead, call);
    move(app, issuer, call, "acceptance");
    long round = AcceptanceFixtures.openRound(app.api, issuer, call);
    for (int i = 1; i <= 3; i++) {
      Account expert = ChallengeFixtures.verified(app, "government", "青岛市验收专家单位" + EXPERTS.incrementAndGet());
      AcceptanceFixtures.ok(AcceptanceFixtures.appoint(app.api, issuer, round, expert));
      AcceptanceFixtures.ok(AcceptanceFixtures.score(app.api, expert, round, AcceptanceFixtures.sheet("met", "met")));
    }
    AcceptanceFixtures.ok(AcceptanceFixtures.conclude(app.api, issuer, round, "accepted", "各项考核指标均已达到，同意通过验收。"));
    return call;
  }

  public static void move(TestApp app, Account issuer, long posting, String to) {
    Api.Response moved = app.api.post("/api/v1/postings/" + posting + "/transitions", issuer.token(),
        new JsonObject().put("to", to));
    assertThat(moved.status()).as(to + ": " + moved.body()).isEqualTo(200);
  }

  /** A demand of the buyer that lands with the provider's response (shortlisted, piloted, landed). */
  public static long landedDemand(TestApp app, Account buyer, Account provider, String title, long solution) {
    Api api = app.api;
    Api.Response created = api.post("/api/v1/postings", buyer.token(), Fixtures.posting("demand", title)
        .put("domain", "工业智能").put("region", "青岛市城阳区"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long demand = created.json().getLong("id");
    Api.Response responded = api.post("/api/v1/postings/" + demand + "/responses", provider.token(),
        new JsonObject().put("proposal", "我们可在两周内完成现场部署，夜间识别准确率不低于95%。")
            .put("solutionIds", new JsonArray().add(solution)));
    assertThat(responded.status()).as(responded.body()).isEqualTo(201);
    long response = responded.json().getLong("id");
    for (String action : new String[] {"shortlist", "pilot", "landed"}) {
      JsonObject body = "landed".equals(action) ? AcceptanceFixtures.passedDemandAcceptance() : new JsonObject();
      Api.Response r = api.post("/api/v1/responses/" + response + "/" + action, buyer.token(), body);
      assertThat(r.status()).as(action + ": " + r.body()).isEqualTo(200);
    }
    return demand;
  }

  /** The scenario of a posting (its id), read from the database. */
  public static long scenarioOf(TestApp app, long posting) {
    return app.count("SELECT id FROM scenarios WHERE posting_id = " + posting);
  }
}
