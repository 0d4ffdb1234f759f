package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A consortium invitation names the lead and the call, and the invited partner may decline it. */
class PartnerInvitationApiTest {
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account lead;
  private static Account partner;
  private static Account stranger;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市邀请测试发布局");
    lead = ChallengeFixtures.verified(app, "provider", "青岛牵头科技有限公司");
    partner = ChallengeFixtures.verified(app, "provider", "青岛受邀伙伴科技有限公司");
    stranger = ChallengeFixtures.verified(app, "provider", "青岛无关科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private record Invitation(long call, long application) {
  }

  private static Invitation invited(String title) {
    long call = ChallengeFixtures.call(api, issuer, title, LocalDate.now().plusDays(5));
    long application = ChallengeFixtures.apply(api, lead, call).getLong("id");
    Api.Response invitedNow = api.post("/api/v1/applications/" + application + "/partners", lead.token(),
        new JsonObject().put("organizationId", partner.organizationId()));
    assertThat(invitedNow.status()).as(invitedNow.body()).isEqualTo(200);
    return new Invitation(call, application);
  }

  private static String path(Invitation i, String action) {
    return "/api/v1/applications/" + i.application() + "/partners/" + partner.organizationId() + "/" + action;
  }

  private static List<JsonObject> told(Account who, long call, String kind) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(n -> Long.valueOf(call).equals(n.getLong("postingId")))
        .filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  private static JsonObject partnerOf(long application, Account who) {
    return api.get("/api/v1/applications/" + application, who.token()).json().getJsonArray("partners").stream()
        .map(JsonObject.class::cast).filter(p -> p.getLong("organizationId") == partner.organizationId()).findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("the invitation tells the partner which lead organization invites it to which call, with a link to answer")
  void invitationNamesLeadAndCall() {
    Invitation i = invited("邀请说明揭榜");
    JsonObject notice = told(partner, i.call(), "partner_invited").get(0);
    assertThat(notice.getString("title")).contains("青岛牵头科技有限公司", "邀请说明揭榜");
    assertThat(notice.getString("body")).contains("青岛牵头科技有限公司", "邀请说明揭榜", "拒绝");
    assertThat(notice.getString("link")).isEqualTo("/applications/" + i.application() + "/invitation");
    assertThat(partnerOf(i.application(), lead).getString("state")).isEqualTo("invited");
  }

  @Test
  @DisplayName("only the invited organization declines, once, optionally with a reason; the lead alone is told and sees it declined")
  void declineOnce() {
    Invitation i = invited("拒绝邀请揭榜");
    assertThat(api.post(path(i, "decline"), stranger.token(), null).status()).isEqualTo(403);
    assertThat(api.post(path(i, "decline"), lead.token(), null).status()).as("the lead cannot decline for it").isEqualTo(403);
    assertThat(api.post(path(i, "decline"), null, null).status()).isEqualTo(401);
    assertThat(api.post(path(i, "decline"), partner.token(), new JsonObject().put("reason", "很".repeat(501))).status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/applications/" + i.application() + "/partners/" + stranger.organizationId() + "/decline",
        stranger.token(), null).status()).as("an organization never invited").isEqualTo(404);

    Api.Response declined = api.post(path(i, "decline"), partner.token(), new JsonObject().put("reason", "本季度产能已满"));
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    JsonObject seen = partnerOf(i.application(), lead);
    assertThat(seen.getString("state")).isEqualTo("declined");
    assertThat(seen.getString("declineReason")).isEqualTo("本季度产能已满");
    assertThat(seen.getBoolean("confirmed")).isFalse();
    Api.Response twice = api.post(path(i, "decline"), partner.token(), null);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error().getString("message")).contains("已拒绝过");

    List<JsonObject> leadTold = told(lead, i.call(), "invitation_declined");
    assertThat(leadTold).singleElement().satisfies(n -> {
      assertThat(n.getString("title")).contains("青岛受邀伙伴科技有限公司", "拒绝邀请揭榜");
      assertThat(n.getString("body")).contains("本季度产能已满");
    });
    assertThat(told(partner, i.call(), "invitation_declined")).isEmpty();
    assertThat(told(issuer, i.call(), "invitation_declined")).isEmpty();
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'application.partner.decline' AND entity_id = "
        + i.application())).isEqualTo(1);
  }

  @Test
  @DisplayName("a declined partner cannot confirm until the lead invites it again; a confirmed partner cannot decline")
  void confirmAfterDecline() {
    Invitation i = invited("拒绝后确认揭榜");
    assertThat(api.post(path(i, "decline"), partner.token(), null).status()).isEqualTo(200);
    assertThat(partnerOf(i.application(), lead).getValue("declineReason")).as("the reason is optional").isNull();
    Api.Response confirm = api.post(path(i, "confirm"), partner.token(), null);
    assertThat(confirm.status()).isEqualTo(409);
    assertThat(confirm.error().getString("message")).contains("重新邀请");
    assertThat(partnerOf(i.application(), lead).getString("state")).isEqualTo("declined");

    Api.Response again = api.post("/api/v1/applications/" + i.application() + "/partners", lead.token(),
        new JsonObject().put("organizationId", partner.organizationId()));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(partnerOf(i.application(), lead).getString("state")).isEqualTo("invited");
    assertThat(told(partner, i.call(), "partner_invited")).hasSize(2);
    assertThat(api.post("/api/v1/applications/" + i.application() + "/partners", lead.token(),
        new JsonObject().put("organizationId", partner.organizationId())).status())
        .as("inviting a partner not declined is still a conflict").isEqualTo(409);
    assertThat(api.post(path(i, "confirm"), partner.token(), null).status()).isEqualTo(200);
    assertThat(partnerOf(i.application(), lead).getString("state")).isEqualTo("confirmed");
    Api.Response late = api.post(path(i, "decline"), partner.token(), null);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error().getString("message")).contains("已确认参与");
  }
}
