package cn.qdaipark.scenariohub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Self-registration cannot make a stranger a member of a verified organization")
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
  @DisplayName("registering with a verified bureau's name is refused on orgName and creates nobody")
  void verifiedOrganizationIsClosed() {
    ChallengeFixtures.Account issuer = ChallengeFixtures.verified(app, "government", "青岛市注册审查测试局");
    Api.Response joined = app.api.post("/api/v1/auth/register", null,
        registration("stranger@example.cn", "government", "青岛市注册审查测试局"));
    assertThat(joined.status()).isEqualTo(400);
    assertThat(joined.error().getJsonObject("fields").getString("orgName")).contains("已通过平台认证");

    // Nothing was half-written: the same e-mail can still open an account in an organization of its own.
    Api.Response own = app.api.post("/api/v1/auth/register", null,
        registration("stranger@example.cn", "government", "青岛市另一测试局"));
    assertThat(own.status()).isEqualTo(201);
    assertThat(own.json().getLong("organizationId")).isNotEqualTo(issuer.organizationId());
  }

  @Test
  @DisplayName("an organization nobody has verified yet can still be joined by registering with its name")
  void unverifiedOrganizationStaysOpen() {
    ChallengeFixtures.Account first = ChallengeFixtures.unverified(app, "buyer", "青岛注册审查测试企业");
    Api.Response second = app.api.post("/api/v1/auth/register", null,
        registration("colleague@example.cn", "buyer", "青岛注册审查测试企业"));
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().getLong("organizationId")).isEqualTo(first.organizationId());
  }
}
