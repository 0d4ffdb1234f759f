package cn.qdaipark.scenariohub.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrganizationApiTest {
  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private long orgOf(String token) {
    return api.get("/api/v1/auth/me", token).json().getLong("organizationId");
  }

  @Test
  @DisplayName("an organization cannot be verified before it has a valid credit code; then the admin verifies it")
  void verificationNeedsCreditCode() {
    String member = api.register("org1@example.cn", "provider", "青岛无代码科技有限公司", null);
    long org = orgOf(member);
    Api.Response refused = api.post("/api/v1/admin/organizations/" + org + "/verify", admin, null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error().getJsonObject("fields").containsKey("creditCode")).isTrue();

    JsonObject current = api.get("/api/v1/organizations/" + org, null).json();
    Api.Response updated = api.put("/api/v1/organizations/" + org, member, new JsonObject()
        .put("creditCode", Fixtures.creditCode("91370213MA3CQR001")).put("version", current.getInteger("version")));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    Api.Response verified = api.post("/api/v1/admin/organizations/" + org + "/verify", admin, null);
    assertThat(verified.json().getBoolean("verified")).isTrue();
  }

  @Test
  @DisplayName("only admins verify, only members see the member list or edit the organization")
  void forbiddenPaths() {
    String member = api.register("org2@example.cn", "buyer", "青岛成员测试集团", Fixtures.creditCode("91370214MA3CQR002"));
    String outsider = api.register("org3@example.cn", "buyer", "青岛外人集团", null);
    long org = orgOf(member);
    assertThat(api.post("/api/v1/admin/organizations/" + org + "/verify", member, null).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/organizations/" + org + "/members", outsider).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/organizations/" + org + "/members", member).json().getJsonArray("items")).hasSize(1);
    assertThat(api.put("/api/v1/organizations/" + org, outsider, new JsonObject().put("region", "青岛市").put("version", 1)).status())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("registering into an existing organization of another kind is refused on the field")
  void kindMismatch() {
    api.register("gov1@example.cn", "government", "青岛市测试局", null);
    Api.Response r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", "imposter@example.cn")
        .put("password", "Str0ng#Password").put("displayName", "冒名").put("role", "provider").put("orgName", "青岛市测试局"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getJsonObject("fields").containsKey("orgName")).isTrue();
  }
}
