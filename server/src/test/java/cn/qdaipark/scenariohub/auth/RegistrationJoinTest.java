package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Self-registration cannot make a stranger a member of an existing organization")
class RegistrationJoinTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject registration(String email, String role, String orgName) {
    return new JsonObject().put("email", email).put("password", "Str0ng#Password").put("displayName", "陌生人")
        .put("role", role).put("orgName", orgName);
  }

  @Test
  @DisplayName("registering with a verified bureau's name makes no member: the account only asks to join")
  void verifiedOrganizationIsClosed() {
    ChallengeFixtures.Account issuer = ChallengeFixtures.verified(app, "government", "青岛市注册审查测试局");
    Api.Response joined = app.api.post("/api/v1/auth/register", null,
        registration("stranger@example.cn", "government", "青岛市注册审查测试局"));
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    assertThat(joined.json().getLong("organizationId")).isNull();
    assertThat(joined.json().getLong("pendingOrganizationId")).isEqualTo(issuer.organizationId());
  }

  @Test
  @DisplayName("an organization nobody has verified yet is not joined by typing its name either: the stranger cannot edit it")
  void unverifiedOrganizationIsClosedToo() {
    ChallengeFixtures.Account first = ChallengeFixtures.unverified(app, "buyer", "青岛注册审查测试企业");
    Api.Response second = app.api.post("/api/v1/auth/register", null,
        registration("colleague@example.cn", "buyer", "青岛注册审查测试企业"));
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().getLong("organizationId")).isNull();
    assertThat(second.json().getLong("pendingOrganizationId")).isEqualTo(first.organizationId());
    String token = app.api.login("colleague@example.cn", "Str0ng#Password");
    String path = "/api/v1/organizations/" + first.organizationId();
    int version = app.api.get(path, token).json().getInteger("version");
    Api.Response edited = app.api.put(path, token, new JsonObject().put("region", "冒名修改").put("version", version));
    assertThat(edited.status()).isEqualTo(403);
    Api.Response demand = app.api.post("/api/v1/postings", token,
        Fixtures.posting("demand", "冒名发布的需求"));
    assertThat(demand.status()).isEqualTo(403);
    assertThat(demand.error().getString("message")).isEqualTo(CurrentUser.AWAITING_APPROVAL);
  }
}
