package cn.qdaipark.scenariohub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every member of an organization hears how its listings were moderated and how its verification ended. */
class ModerationOutcomeNotificationTest {
  private static TestApp app;
  private static Api api;
  private static String admin;
  private static Account bystander;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    admin = app.adminToken();
    bystander = ChallengeFixtures.verified(app, "provider", "青岛旁观审核科技有限公司");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Two members of one new, unverified organization (the second moved in, as a join would). */
  private static List<Account> members(String role, String orgName) {
    Account first = ChallengeFixtures.unverified(app, role, orgName);
    Account second = ChallengeFixtures.unverified(app, role, orgName + "同事临时单位");
    app.pool().query("UPDATE users SET organization_id = " + first.organizationId() + " WHERE id = " + second.userId())
        .execute().await();
    return List.of(first, new Account(second.token(), second.userId(), first.organizationId()));
  }

  private static List<JsonObject> told(Account who, String kind) {
    return api.get("/api/v1/notifications?pageSize=100", who.token()).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  @Test
  @DisplayName("rejecting a solution needs a reason and tells every member of the provider, with the reason; approving tells them too")
  void solutionModeration() {
    List<Account> members = members("provider", "青岛待审核方案科技有限公司");
    long rejected = api.post("/api/v1/solutions", members.get(0).token(), Fixtures.solution("待驳回的方案")).json().getLong("id");
    long approved = api.post("/api/v1/solutions", members.get(0).token(), Fixtures.solution("待通过的方案")).json().getLong("id");
    assertThat(api.post("/api/v1/admin/solutions/" + rejected + "/reject", admin, new JsonObject()).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/admin/solutions/" + rejected + "/reject", admin, new JsonObject().put("reason", " ")).status())
        .isEqualTo(400);
    assertThat(told(members.get(0), "moderation")).as("a refused rejection tells nobody").isEmpty();
    assertThat(api.post("/api/v1/admin/solutions/" + rejected + "/reject", members.get(0).token(),
        new JsonObject().put("reason", "自己驳回")).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/admin/solutions/" + rejected + "/reject", admin,
        new JsonObject().put("reason", "缺少部署案例")).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/admin/solutions/" + approved + "/approve", admin, null).status()).isEqualTo(200);
    for (Account member : members) {
      List<JsonObject> news = told(member, "moderation");
      assertThat(news).hasSize(2);
      JsonObject rejection = news.stream().filter(n -> n.getString("title").contains("未通过")).findFirst().orElseThrow();
      assertThat(rejection.getString("title")).contains("待驳回的方案");
      assertThat(rejection.getString("body")).contains("缺少部署案例");
      assertThat(rejection.getString("link")).isEqualTo("/solutions/" + rejected + "/edit");
      assertThat(news).anyMatch(n -> n.getString("title").contains("已通过审核") && n.getString("title").contains("待通过的方案"));
    }
    assertThat(told(bystander, "moderation")).isEmpty();
  }

  @Test
  @DisplayName("approving or rejecting a posting tells every member of the issuing organization, the rejection with its reason")
  void postingModeration() {
    List<Account> members = members("buyer", "青岛待审核需求单位");
    long rejected = api.post("/api/v1/postings", members.get(0).token(), Fixtures.posting("demand", "待驳回的需求"))
        .json().getLong("id");
    long approved = api.post("/api/v1/postings", members.get(1).token(), Fixtures.posting("demand", "待通过的需求"))
        .json().getLong("id");
    assertThat(api.get("/api/v1/postings/" + rejected, members.get(0).token()).json().getString("status")).isEqualTo("pending");
    assertThat(api.post("/api/v1/admin/postings/" + rejected + "/reject", admin, null).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/admin/postings/" + rejected + "/reject", admin,
        new JsonObject().put("reason", "预算信息不完整")).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/admin/postings/" + approved + "/approve", admin, null).status()).isEqualTo(200);
    for (Account member : members) {
      List<JsonObject> news = told(member, "moderation");
      assertThat(news).extracting(n -> n.getLong("postingId")).containsExactlyInAnyOrder(rejected, approved);
      assertThat(news).anyMatch(n -> Long.valueOf(rejected).equals(n.getLong("postingId")) && n.getString("body").contains("预算信息不完整"));
    }
    assertThat(told(bystander, "moderation")).isEmpty();
  }

  @Test
  @DisplayName("refusing verification needs a reason and tells every member why; verifying tells every member too")
  void verificationOutcome() {
    List<Account> members = members("provider", "青岛待认证科技有限公司");
    long org = members.get(0).organizationId();
    assertThat(api.post("/api/v1/admin/organizations/" + org + "/unverify", admin, null).status()).isEqualTo(400);
    Api.Response tooShort = api.post("/api/v1/admin/organizations/" + org + "/unverify", admin, new JsonObject().put("reason", "否"));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.error().getJsonObject("fields").getString("reason")).contains("至少 2 个字");
    assertThat(api.post("/api/v1/admin/organizations/" + org + "/unverify", members.get(0).token(),
        new JsonObject().put("reason", "自己撤销")).status()).isEqualTo(403);
    assertThat(told(members.get(0), "verification")).isEmpty();
    assertThat(api.post("/api/v1/admin/organizations/" + org + "/unverify", admin,
        new JsonObject().put("reason", "统一社会信用代码与营业执照不符")).status()).isEqualTo(200);
    for (Account member : members) {
      assertThat(told(member, "verification")).singleElement()
          .satisfies(n -> assertThat(n.getString("body")).contains("统一社会信用代码与营业执照不符"));
    }
    assertThat(told(bystander, "verification")).as("another organization's verification").isEmpty();
    app.pool().query("UPDATE organizations SET credit_code = '" + Fixtures.creditCode("91370211MA3C99001")
        + "' WHERE id = " + org).execute().await();
    assertThat(api.post("/api/v1/admin/organizations/" + org + "/verify", admin, null).status()).isEqualTo(200);
    for (Account member : members) {
      assertThat(told(member, "verification")).anyMatch(n -> n.getString("title").contains("已通过平台认证"));
    }
  }
}
