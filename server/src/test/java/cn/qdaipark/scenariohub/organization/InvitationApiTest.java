package cn.qdaipark.scenariohub.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Invitation codes: how a colleague joins an existing organization at once")
class InvitationApiTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static TestApp app;
  private static Api api;
  private static Account bureau;

  @BeforeAll
  static void start() {
    app = TestApp.start(CLOCK);
    api = app.api;
    bureau = ChallengeFixtures.verified(app, "government", "青岛市邀请测试局");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Api.Response invite(Account member, long organizationId) {
    return api.post("/api/v1/organizations/" + organizationId + "/invitations", member == null ? null : member.token(), null);
  }

  private static String code(Account member) {
    Api.Response r = invite(member, member.organizationId());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("code");
  }

  private static Api.Response register(String role, String orgName, String invitationCode) {
    JsonObject body = new JsonObject().put("email", "colleague" + SEQUENCE.incrementAndGet() + "@example.cn")
        .put("password", "Str0ng#Password").put("displayName", "同事").put("role", role).put("orgName", orgName);
    if (invitationCode != null) {
      body.put("invitationCode", invitationCode);
    }
    return api.post("/api/v1/auth/register", null, body);
  }

  private static void assertRefusedCode(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().getJsonObject("fields").getString("invitationCode")).contains("邀请码无效");
  }

  @Test
  @DisplayName("a member's code lets a stranger register into the verified bureau, who can then act for it; the code works once")
  void memberInvitesColleague() {
    Api.Response made = invite(bureau, bureau.organizationId());
    assertThat(made.status()).isEqualTo(201);
    String code = made.json().getString("code");
    assertThat(code).matches("[A-Za-z0-9_-]{16,}");
    OffsetDateTime expiresAt = OffsetDateTime.parse(made.json().getString("expiresAt"));
    assertThat(Duration.between(CLOCK.instant(), expiresAt.toInstant())).isEqualTo(Duration.ofDays(7));
    // Only the hash is kept, and the invitation is in the audit log without the code.
    assertThat(app.count("SELECT count(*) FROM invitations WHERE code_hash = '" + InvitationCode.hash(code) + "'")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM invitations WHERE code_hash = '" + code + "'")).isZero();
    assertThat(app.count("SELECT count(*) FROM audit_log WHERE action = 'organization.invite' AND entity_id = "
        + bureau.organizationId() + " AND detail::text NOT LIKE '%" + code + "%'")).isGreaterThanOrEqualTo(1);

    Api.Response joined = register("government", "青岛市邀请测试局", code);
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    assertThat(joined.json().getLong("organizationId")).isEqualTo(bureau.organizationId());
    String token = api.login(joined.json().getString("email"), "Str0ng#Password");
    assertThat(api.get("/api/v1/organizations/" + bureau.organizationId() + "/members", token).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/organizations/" + bureau.organizationId() + "/invitations", token, null).status())
        .isEqualTo(201);

    assertRefusedCode(register("government", "青岛市邀请测试局", code));
  }

  @Test
  @DisplayName("a code of another verified organization, an unknown code, or a code for the wrong role's kind is refused and creates nobody")
  void otherOrganizationsCode() {
    Account other = ChallengeFixtures.verified(app, "government", "青岛市另一邀请测试局");
    long users = app.count("SELECT count(*) FROM users");
    assertRefusedCode(register("government", "青岛市邀请测试局", code(other)));
    assertRefusedCode(register("government", "青岛市邀请测试局", "no-such-invitation-code-1234"));
    Api.Response wrongKind = register("provider", "青岛市邀请测试局", code(bureau));
    assertThat(wrongKind.status()).isEqualTo(400);
    assertThat(wrongKind.error().getJsonObject("fields").getString("orgName")).contains("其他类型");
    assertThat(app.count("SELECT count(*) FROM users")).isEqualTo(users);
  }

  @Test
  @DisplayName("without a code the verified organization is not joined: the account waits for a member's approval")
  void noCode() {
    Api.Response r = register("government", "青岛市邀请测试局", null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getLong("organizationId")).isNull();
    assertThat(r.json().getLong("pendingOrganizationId")).isEqualTo(bureau.organizationId());
  }

  @Test
  @DisplayName("a code is refused once its 7 days have passed")
  void expired() {
    String code = code(bureau);
    CLOCK.advance(Duration.ofDays(7).plusMinutes(1));
    assertRefusedCode(register("government", "青岛市邀请测试局", code));
  }

  @Test
  @DisplayName("the same code sent by two registrations at once joins exactly one of them")
  void concurrentUse() {
    String code = code(bureau);
    List<CompletableFuture<Api.Response>> both = List.of(
        CompletableFuture.supplyAsync(() -> register("government", "青岛市邀请测试局", code)),
        CompletableFuture.supplyAsync(() -> register("government", "青岛市邀请测试局", code)));
    List<Integer> statuses = both.stream().map(CompletableFuture::join).map(Api.Response::status).sorted().toList();
    assertThat(statuses).containsExactly(201, 400);
    assertThat(app.count("SELECT count(*) FROM invitations WHERE used_by IS NOT NULL AND code_hash = '"
        + InvitationCode.hash(code) + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("a non-member gets 403, no token 401, an unknown organization 404, and nothing is stored")
  void refusedCallers() {
    Account stranger = ChallengeFixtures.verified(app, "provider", "青岛邀请测试无关科技有限公司");
    long before = app.count("SELECT count(*) FROM invitations");
    assertThat(invite(stranger, bureau.organizationId()).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/organizations/" + bureau.organizationId() + "/invitations", app.adminToken(), null)
        .status()).isEqualTo(403);
    assertThat(invite(null, bureau.organizationId()).status()).isEqualTo(401);
    assertThat(invite(stranger, 987654321L).status()).isEqualTo(404);
    assertThat(app.count("SELECT count(*) FROM invitations")).isEqualTo(before);
  }

  @Test
  @DisplayName("an unverified organization's member gets a code too, which joins a colleague at once")
  void unverifiedOrganization() {
    Account open = ChallengeFixtures.unverified(app, "buyer", "青岛邀请测试未认证企业");
    Api.Response joined = register("buyer", "青岛邀请测试未认证企业", code(open));
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    assertThat(joined.json().getLong("organizationId")).isEqualTo(open.organizationId());
  }
}
