package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EndorsementApiTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account endorser;
  private static Account otherGovernment;
  private static Account reviewer;
  private static Account first;
  private static Account second;
  private static Account partner;
  private static Account invitee;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市科学技术局");
    endorser = ChallengeFixtures.verified(app, "government", "青岛西海岸新区科技创新局");
    otherGovernment = ChallengeFixtures.verified(app, "government", "青岛市城阳区科技局");
    reviewer = ChallengeFixtures.verified(app, "government", "青岛市软件行业协会");
    first = ChallengeFixtures.verified(app, "provider", "青岛蓝谷视觉科技有限公司");
    second = ChallengeFixtures.verified(app, "provider", "青岛北岸数据科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛联合推荐伙伴科技有限公司");
    invitee = ChallengeFixtures.verified(app, "provider", "青岛未确认伙伴科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A call closing today whose applications the endorsing body must endorse, with a rubric and a reviewer. */
  private static long endorsedCall(String title) {
    long id = ChallengeFixtures.call(api, issuer, title, LocalDate.now(clock));
    Api.Response rules = api.put("/api/v1/postings/" + id + "/rules", issuer.token(),
        new JsonObject().put("endorsingOrganizationId", endorser.organizationId()));
    assertThat(rules.status()).as(rules.body()).isEqualTo(200);
    assertThat(api.put("/api/v1/postings/" + id + "/rubric", issuer.token(), ChallengeFixtures.rubric(60, 40)).status())
        .isEqualTo(200);
    ChallengeFixtures.addReviewer(api, issuer, id, reviewer);
    return id;
  }

  private static Api.Response endorse(Account who, long application, String note) {
    return api.post("/api/v1/applications/" + application + "/endorse", who.token(),
        note == null ? null : new JsonObject().put("note", note));
  }

  private static Api.Response decline(Account who, long application, String note) {
    return api.post("/api/v1/applications/" + application + "/decline", who.token(), new JsonObject().put("note", note));
  }

  private static void passDeadline() {
    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
  }

  private static List<Long> ranked(long call) {
    return api.get("/api/v1/postings/" + call + "/review", issuer.token()).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("applicationId")).toList();
  }

  private static List<Long> listedFor(Account who, long call) {
    return api.get("/api/v1/postings/" + call + "/applications", who.token()).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private static List<Long> pending(Account who) {
    return api.get("/api/v1/endorsements?status=pending", who.token()).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private static List<String> kinds(Account who, long postingId) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(n -> Long.valueOf(postingId).equals(n.getLong("postingId"))).map(n -> n.getString("kind")).toList();
  }

  @Test
  @DisplayName("an application to a call with an endorsing body waits for it: listed and notified to that body only")
  void applicationWaitsForEndorsement() {
    long call = endorsedCall("推荐单位待推荐测试");
    JsonObject a = ChallengeFixtures.apply(api, first, call);
    assertThat(a.getString("endorsement")).isEqualTo("pending");
    assertThat(a.getLong("endorsingOrganizationId")).isEqualTo(endorser.organizationId());
    assertThat(pending(endorser)).contains(a.getLong("id"));
    assertThat(pending(otherGovernment)).doesNotContain(a.getLong("id"));
    assertThat(api.get("/api/v1/endorsements", first.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/endorsements?status=maybe", endorser.token()).status()).isEqualTo(400);
    assertThat(kinds(endorser, call)).containsExactly("endorsement_requested");
    assertThat(kinds(otherGovernment, call)).isEmpty();
    assertThat(api.get("/api/v1/applications/" + a.getLong("id"), endorser.token()).status())
        .as("the endorsing body reads the proposal it endorses").isEqualTo(200);
  }

  @Test
  @DisplayName("a pending application is not in the review list, cannot be scored or shortlisted; endorsed by its body it counts")
  void endorsedApplicationCounts() {
    long call = endorsedCall("推荐后参与评审测试");
    long id = ChallengeFixtures.apply(api, first, call).getLong("id");
    for (Account member : List.of(partner, invitee)) {
      assertThat(api.post("/api/v1/applications/" + id + "/partners", first.token(),
          new JsonObject().put("organizationId", member.organizationId())).status()).isEqualTo(200);
    }
    assertThat(api.post("/api/v1/applications/" + id + "/partners/" + partner.organizationId() + "/confirm",
        partner.token(), null).status()).isEqualTo(200);
    passDeadline();
    assertThat(ranked(call)).doesNotContain(id);
    assertThat(listedFor(reviewer, call)).as("reviewers do not see it").doesNotContain(id);
    assertThat(listedFor(issuer, call)).as("the issuer does").contains(id);
    Api.Response shortlist = api.post("/api/v1/applications/" + id + "/shortlist", issuer.token(), null);
    assertThat(shortlist.status()).isEqualTo(409);
    assertThat(shortlist.error().getString("message")).contains("尚未获得推荐单位推荐");
    assertThat(api.get("/api/v1/applications/" + id, reviewer.token()).status())
        .as("a reviewer cannot open what the review list hides").isEqualTo(404);
    assertThat(api.get("/api/v1/applications/" + id + "/attachments", reviewer.token()).status()).isEqualTo(404);
    assertThat(api.put("/api/v1/applications/" + id + "/scores", reviewer.token(), ChallengeFixtures.scores(80, 70))
        .status()).isEqualTo(409);

    assertThat(endorse(otherGovernment, id, null).status()).isEqualTo(403);
    assertThat(endorse(issuer, id, null).status()).as("the issuer is not the endorsing body").isEqualTo(403);
    assertThat(endorse(first, id, null).status()).isEqualTo(403);
    Api.Response endorsed = endorse(endorser, id, "该企业在本区落地项目多，推荐");
    assertThat(endorsed.status()).as(endorsed.body()).isEqualTo(200);
    assertThat(endorsed.json().getString("endorsement")).isEqualTo("endorsed");
    assertThat(endorsed.json().getString("endorsementNote")).isEqualTo("该企业在本区落地项目多，推荐");
    assertThat(endorse(endorser, id, null).status()).isEqualTo(409);
    assertThat(decline(endorser, id, "改变主意").status()).isEqualTo(409);
    assertThat(kinds(first, call)).contains("endorsement_endorsed");
    assertThat(kinds(partner, call)).as("a confirmed partner").contains("endorsement_endorsed");
    assertThat(kinds(invitee, call)).as("an invitation never confirmed").doesNotContain("endorsement_endorsed");
    assertThat(api.get("/api/v1/applications/" + id, reviewer.token()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/applications/" + id + "/attachments", reviewer.token()).status()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.endorsement.endorsed' "
        + "AND entity_id = " + id)).isEqualTo(1);

    assertThat(ranked(call)).containsExactly(id);
    assertThat(listedFor(reviewer, call)).containsExactly(id);
    assertThat(api.put("/api/v1/applications/" + id + "/scores", reviewer.token(), ChallengeFixtures.scores(80, 70))
        .status()).isEqualTo(200);
    assertThat(api.post("/api/v1/applications/" + id + "/shortlist", issuer.token(), null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a declined application never counts, and its applicant hears why")
  void declinedApplicationDoesNotCount() {
    long call = endorsedCall("不予推荐测试");
    long declinedId = ChallengeFixtures.apply(api, first, call).getLong("id");
    long endorsedId = ChallengeFixtures.apply(api, second, call).getLong("id");
    Api.Response declined = decline(endorser, declinedId, "不符合本区产业方向");
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    assertThat(declined.json().getString("endorsement")).isEqualTo("declined");
    assertThat(endorse(endorser, declinedId, null).status()).isEqualTo(409);
    assertThat(endorse(endorser, endorsedId, null).status()).isEqualTo(200);
    assertThat(pending(endorser)).doesNotContain(declinedId, endorsedId);
    assertThat(api.get("/api/v1/endorsements?status=declined", endorser.token()).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id")).toList()).contains(declinedId);
    JsonObject note = api.get("/api/v1/notifications?pageSize=100", first.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(n -> "endorsement_declined".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(note.getString("body")).isEqualTo("不符合本区产业方向");
    passDeadline();
    assertThat(ranked(call)).containsExactly(endorsedId);
    assertThat(api.post("/api/v1/applications/" + declinedId + "/award", issuer.token(), null).status()).isEqualTo(409);
  }

  @Test
  @DisplayName("applications to calls without an endorsing body need none; a withdrawn one cannot be endorsed; a long note is 400")
  void noEndorsementNeeded() {
    long plain = ChallengeFixtures.call(api, issuer, "无需推荐测试", LocalDate.now(clock).plusDays(5));
    long id = ChallengeFixtures.apply(api, first, plain).getLong("id");
    assertThat(api.get("/api/v1/applications/" + id, first.token()).json().getString("endorsement"))
        .isEqualTo("not_required");
    assertThat(endorse(endorser, id, null).status()).isEqualTo(403);

    long call = endorsedCall("撤回后推荐测试");
    long withdrawn = ChallengeFixtures.apply(api, second, call).getLong("id");
    assertThat(decline(endorser, withdrawn, "x".repeat(501)).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/applications/" + withdrawn + "/withdraw", second.token(), null).status()).isEqualTo(200);
    assertThat(endorse(endorser, withdrawn, null).status()).isEqualTo(409);
    assertThat(pending(endorser)).doesNotContain(withdrawn);
  }

  @Test
  @DisplayName("once the call is decided (流榜 here) a still pending application can no longer be endorsed or declined")
  void noDecisionAfterTheCallIsDecided() {
    long call = endorsedCall("流榜后推荐测试");
    long id = ChallengeFixtures.apply(api, first, call).getLong("id");
    passDeadline();
    Api.Response closed = api.post("/api/v1/postings/" + call + "/transitions", issuer.token(),
        new JsonObject().put("to", "unawarded").put("note", "无合适方案"));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    Api.Response late = endorse(endorser, id, "迟到的推荐");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error().getString("message")).contains("未中选");
    assertThat(decline(endorser, id, "迟到的意见").status()).isEqualTo(409);
    assertThat(api.get("/api/v1/applications/" + id, first.token()).json().getString("endorsement")).isEqualTo("pending");
    assertThat(kinds(first, call)).doesNotContain("endorsement_endorsed", "endorsement_declined");
  }
}
