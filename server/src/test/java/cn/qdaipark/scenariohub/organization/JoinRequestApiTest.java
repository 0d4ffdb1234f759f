package cn.qdaipark.scenariohub.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Joining an existing organization without an invitation code waits for a member's approval")
class JoinRequestApiTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A stranger registered with the organization's name and no code: its token and id. */
  private record Stranger(String token, long id) {
  }

  private static Stranger registerByName(String role, String orgName) {
    String email = "stranger" + SEQUENCE.incrementAndGet() + "@example.cn";
    String token = api.register(email, role, orgName, null);
    return new Stranger(token, api.get("/api/v1/auth/me", token).json().getLong("id"));
  }

  private static Api.Response createSolution(String token) {
    return api.post("/api/v1/solutions", token, Fixtures.solution("加入申请测试方案" + SEQUENCE.incrementAndGet()));
  }

  private static String path(Account org, String rest) {
    return "/api/v1/organizations/" + org.organizationId() + "/join-requests" + rest;
  }

  @Test
  @DisplayName("a stranger naming an unverified organization cannot act for it and is listed as a request; once a member approves, they can")
  void approve() {
    Account member = ChallengeFixtures.unverified(app, "provider", "青岛加入申请测试科技有限公司");
    Stranger stranger = registerByName("provider", "青岛加入申请测试科技有限公司");

    JsonObject me = api.get("/api/v1/auth/me", stranger.token()).json();
    assertThat(me.getLong("organizationId")).isNull();
    assertThat(me.getLong("pendingOrganizationId")).isEqualTo(member.organizationId());
    Api.Response refused = createSolution(stranger.token());
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.error().getString("message")).isEqualTo("等待本单位成员批准加入");
    assertThat(api.get("/api/v1/organizations/" + member.organizationId() + "/members", stranger.token()).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/organizations/" + member.organizationId() + "/invitations", stranger.token(), null)
        .status()).isEqualTo(403);

    Api.Response requests = api.get(path(member, ""), member.token());
    assertThat(requests.status()).as(requests.body()).isEqualTo(200);
    assertThat(requests.json().getJsonArray("items")).hasSize(1);
    assertThat(requests.json().getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(stranger.id());
    JsonObject notification = api.get("/api/v1/notifications", member.token()).json().getJsonArray("items").getJsonObject(0);
    assertThat(notification.getString("kind")).isEqualTo("join_request");
    assertThat(notification.getString("title")).contains("申请加入青岛加入申请测试科技有限公司");

    Api.Response approved = api.post(path(member, "/" + stranger.id() + "/approve"), member.token(), null);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().getLong("organizationId")).isEqualTo(member.organizationId());
    assertThat(createSolution(stranger.token()).status()).isEqualTo(201);
    assertThat(api.get(path(member, ""), member.token()).json().getJsonArray("items")).isEmpty();
    assertThat(api.post(path(member, "/" + stranger.id() + "/approve"), member.token(), null).status()).isEqualTo(404);
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'organization.join_approve' AND entity_id = "
        + member.organizationId())).isEqualTo(1);
  }

  @Test
  @DisplayName("a declined stranger is left without the organization and still cannot act for it")
  void decline() {
    Account member = ChallengeFixtures.unverified(app, "buyer", "青岛加入拒绝测试集团");
    Stranger stranger = registerByName("buyer", "青岛加入拒绝测试集团");

    Api.Response declined = api.post(path(member, "/" + stranger.id() + "/decline"), member.token(), null);
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    JsonObject me = api.get("/api/v1/auth/me", stranger.token()).json();
    assertThat(me.getLong("organizationId")).isNull();
    assertThat(me.getLong("pendingOrganizationId")).isNull();
    assertThat(api.get(path(member, ""), member.token()).json().getJsonArray("items")).isEmpty();
    Api.Response posting = api.post("/api/v1/postings", stranger.token(), Fixtures.posting("demand", "拒绝后的需求"));
    assertThat(posting.status()).as(posting.body()).isEqualTo(403);
    assertThat(api.post(path(member, "/" + stranger.id() + "/approve"), member.token(), null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a non-member, the stranger themself and a visitor can neither see nor approve requests; an admin can")
  void onlyMembersDecide() {
    Account member = ChallengeFixtures.unverified(app, "provider", "青岛加入权限测试科技有限公司");
    Account outsider = ChallengeFixtures.unverified(app, "provider", "青岛加入权限无关科技有限公司");
    Stranger stranger = registerByName("provider", "青岛加入权限测试科技有限公司");
    String approve = path(member, "/" + stranger.id() + "/approve");

    assertThat(api.get(path(member, ""), outsider.token()).status()).isEqualTo(403);
    assertThat(api.post(approve, outsider.token(), null).status()).isEqualTo(403);
    assertThat(api.post(approve, stranger.token(), null).status()).isEqualTo(403);
    assertThat(api.get(path(member, ""), null).status()).isEqualTo(401);
    assertThat(api.post(approve, null, null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", stranger.token()).json().getLong("organizationId")).isNull();
    // a request is settled only by the organization it was made to
    assertThat(api.post("/api/v1/organizations/" + outsider.organizationId() + "/join-requests/" + stranger.id()
        + "/approve", outsider.token(), null).status()).isEqualTo(404);

    assertThat(api.get(path(member, ""), app.adminToken()).json().getJsonArray("items")).hasSize(1);
    assertThat(api.post(approve, app.adminToken(), null).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/auth/me", stranger.token()).json().getLong("organizationId"))
        .isEqualTo(member.organizationId());
  }

  @Test
  @DisplayName("a verified organization named without a code is asked too, rather than refusing the registration")
  void verifiedOrganization() {
    Account member = ChallengeFixtures.verified(app, "government", "青岛市加入申请测试局");
    Stranger stranger = registerByName("government", "青岛市加入申请测试局");
    assertThat(api.get("/api/v1/auth/me", stranger.token()).json().getLong("pendingOrganizationId"))
        .isEqualTo(member.organizationId());
    Api.Response call = api.post("/api/v1/postings", stranger.token(), Fixtures.posting("challenge", "冒名榜单"));
    assertThat(call.status()).as(call.body()).isEqualTo(403);
    assertThat(api.get(path(member, ""), member.token()).json().getJsonArray("items")).hasSize(1);
  }

  @Test
  @DisplayName("with a member's invitation code an unverified organization is joined at once")
  void invitationJoinsAtOnce() {
    Account member = ChallengeFixtures.unverified(app, "provider", "青岛加入邀请测试科技有限公司");
    Api.Response invited = api.post("/api/v1/organizations/" + member.organizationId() + "/invitations", member.token(), null);
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    Api.Response joined = api.post("/api/v1/auth/register", null, new JsonObject()
        .put("email", "invited" + SEQUENCE.incrementAndGet() + "@example.cn").put("password", Api.PASSWORD)
        .put("displayName", "同事").put("role", "provider").put("orgName", "青岛加入邀请测试科技有限公司")
        .put("invitationCode", invited.json().getString("code")));
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    assertThat(joined.json().getLong("organizationId")).isEqualTo(member.organizationId());
    assertThat(joined.json().getLong("pendingOrganizationId")).isNull();
    String token = api.login(joined.json().getString("email"), Api.PASSWORD);
    assertThat(createSolution(token).status()).isEqualTo(201);
    assertThat(api.get(path(member, ""), member.token()).json().getJsonArray("items")).isEmpty();
  }
}
