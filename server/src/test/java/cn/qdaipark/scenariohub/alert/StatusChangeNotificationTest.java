package cn.qdaipark.scenariohub.alert;

import static cn.qdaipark.scenariohub.alert.SavedSearchApiTest.notifications;
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

class StatusChangeNotificationTest {
  private static final MutableClock clock = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account bystander;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市大数据发展管理局");
    bystander = ChallengeFixtures.verified(app, "provider", "青岛旁观者科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long call(String title, LocalDate deadline) {
    Api.Response r = api.post("/api/v1/postings", issuer.token(), ChallengeFixtures.challenge(title, deadline));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  private static long apply(Account lead, long call, Account... partners) {
    Api.Response r = api.post("/api/v1/postings/" + call + "/applications", lead.token(), ChallengeFixtures.proposal());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().getLong("id");
    for (Account p : partners) {
      Api.Response added = api.post("/api/v1/applications/" + id + "/partners", lead.token(),
          new JsonObject().put("organizationId", p.organizationId()));
      assertThat(added.status()).as(added.body()).isEqualTo(200);
    }
    return id;
  }

  private static List<JsonObject> about(Account who, String kind, long call) {
    return notifications(api, who, kind).stream().filter(n -> Long.valueOf(call).equals(n.getLong("postingId"))).toList();
  }

  @Test
  @DisplayName("an invited partner is asked to confirm; a withdrawal reaches the partners and the issuer, nobody else")
  void invitationAndWithdrawal() {
    Account lead = ChallengeFixtures.verified(app, "provider", "青岛牵头科技有限公司");
    Account partner = ChallengeFixtures.verified(app, "provider", "青岛联合体成员科技有限公司");
    long call = call("港区人员入侵识别揭榜", LocalDate.now(clock).plusDays(30));
    long id = apply(lead, call, partner);

    List<JsonObject> invited = about(partner, "partner_invited", call);
    assertThat(invited).hasSize(1);
    assertThat(invited.get(0).getString("title")).contains("港区人员入侵识别揭榜");
    assertThat(about(lead, "partner_invited", call)).isEmpty();
    assertThat(about(bystander, "partner_invited", call)).isEmpty();

    Api.Response withdrawn = api.post("/api/v1/applications/" + id + "/withdraw", lead.token(), null);
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(about(issuer, "application_withdrawn", call)).hasSize(1);
    assertThat(about(partner, "application_withdrawn", call)).hasSize(1);
    assertThat(about(lead, "application_withdrawn", call)).isEmpty();
    assertThat(about(bystander, "application_withdrawn", call)).isEmpty();

    assertThat(api.post("/api/v1/applications/" + id + "/withdraw", lead.token(), null).status()).isEqualTo(409);
    assertThat(about(issuer, "application_withdrawn", call)).as("a refused withdrawal tells nobody").hasSize(1);
  }

  @Test
  @DisplayName("a call closed without award (流榜) tells every applicant organization, confirmed partners included, "
      + "and nobody else")
  void unawardedTellsApplicants() {
    Account lead = ChallengeFixtures.verified(app, "provider", "青岛流榜牵头科技有限公司");
    Account partner = ChallengeFixtures.verified(app, "provider", "青岛流榜成员科技有限公司");
    Account invitee = ChallengeFixtures.verified(app, "provider", "青岛流榜未确认科技有限公司");
    Account solo = ChallengeFixtures.verified(app, "provider", "青岛独立申报科技有限公司");
    long call = call("城市视频智能分析揭榜", LocalDate.now(clock));
    long consortium = apply(lead, call, partner, invitee);
    Api.Response confirmed = api.post("/api/v1/applications/" + consortium + "/partners/" + partner.organizationId()
        + "/confirm", partner.token(), null);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    apply(solo, call);

    clock.advance(Duration.ofDays(1));
    app.app().closeExpiredChallenges().await();
    Api.Response moved = api.post("/api/v1/postings/" + call + "/transitions", issuer.token(),
        new JsonObject().put("to", "unawarded").put("note", "无合适方案"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    for (Account applicant : List.of(lead, partner, solo)) {
      List<JsonObject> closed = about(applicant, "application_not_awarded", call);
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0).getString("title")).contains("流榜").contains("城市视频智能分析揭榜");
    }
    assertThat(about(invitee, "application_not_awarded", call)).as("an invitation never confirmed").isEmpty();
    assertThat(about(bystander, "application_not_awarded", call)).isEmpty();
    assertThat(about(issuer, "application_not_awarded", call)).isEmpty();
  }
}
