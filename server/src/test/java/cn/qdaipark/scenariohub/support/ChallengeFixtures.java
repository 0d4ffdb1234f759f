package cn.qdaipark.scenariohub.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Accounts, calls, proposals and rubrics for the 揭榜挂帅 tests. */
public final class ChallengeFixtures {
  private static final AtomicInteger SEQUENCE = new AtomicInteger(10);

  private ChallengeFixtures() {
  }

  /** An account with its token, user id and organization id. */
  public record Account(String token, long userId, long organizationId) {
  }

  /** The e-mail an account was registered with. */
  public static String email(TestApp app, Account a) {
    return app.api.get("/api/v1/auth/me", a.token()).json().getString("email");
  }

  /** Sets the region of the account's organization (as its member). */
  public static void setRegion(Api api, Account who, String region) {
    String path = "/api/v1/organizations/" + who.organizationId();
    int version = api.get(path, who.token()).json().getInteger("version");
    Api.Response r = api.put(path, who.token(), new JsonObject().put("region", region).put("version", version));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** Registers an account in a new organization and has the admin verify the organization. */
  public static Account verified(TestApp app, String role, String orgName) {
    int n = SEQUENCE.incrementAndGet();
    String prefix = "government".equals(role) ? "11370200MB1C" : "91370211MA3C";
    String first17 = prefix + String.format("%0" + (17 - prefix.length()) + "d", n);
    String token = Fixtures.verifiedAccount(app, role + n + "@example.cn", role, orgName, first17);
    return me(app, token);
  }

  /** Registers an account in a new organization that nobody has verified. */
  public static Account unverified(TestApp app, String role, String orgName) {
    int n = SEQUENCE.incrementAndGet();
    return me(app, app.api.register(role + n + "@example.cn", role, orgName, null));
  }

  private static Account me(TestApp app, String token) {
    JsonObject me = app.api.get("/api/v1/auth/me", token).json();
    return new Account(token, me.getLong("id"), me.getLong("organizationId"));
  }

  /** A call whose last day to apply is {@code deadline}. */
  public static JsonObject challenge(String title, LocalDate deadline) {
    return Fixtures.posting("challenge", title).put("deadline", deadline.toString());
  }

  /** Publishes a call of the issuer whose last day to apply is {@code deadline}; answers its id. */
  public static long call(Api api, Account issuer, String title, LocalDate deadline) {
    Api.Response created = api.post("/api/v1/postings", issuer.token(), challenge(title, deadline));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getLong("id");
  }

  /** The issuer assigns a reviewer to its call. */
  public static void addReviewer(Api api, Account issuer, long call, Account reviewer) {
    Api.Response added = api.post("/api/v1/postings/" + call + "/reviewers", issuer.token(),
        new JsonObject().put("userId", reviewer.userId()));
    assertThat(added.status()).as(added.body()).isEqualTo(200);
  }

  /** The lead applies to the call with {@link #proposal()}; answers the application. */
  public static JsonObject apply(Api api, Account lead, long call) {
    Api.Response applied = api.post("/api/v1/postings/" + call + "/applications", lead.token(), proposal());
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    return applied.json();
  }

  /** A complete proposal answering the two requirements of {@link Fixtures#posting}. */
  public static JsonObject proposal() {
    return new JsonObject()
        .put("approach", "采用红外与可见光双光谱摄像机，结合目标检测与多目标跟踪模型，在边缘盒子上实时识别闯入人员。")
        .put("requirementAnswers", new JsonArray()
            .add(new JsonObject().put("requirement", "夜间识别准确率≥95%").put("answer", "双光谱融合，夜间实测准确率97.2%"))
            .add(new JsonObject().put("requirement", "告警延迟≤2秒").put("answer", "边缘推理，端到端延迟约0.8秒")))
        .put("schedule", "签约后3个月完成部署，6个月完成验收")
        .put("team", "算法工程师6人，实施工程师4人")
        .put("budgetWan", 100)
        .put("solutionIds", new JsonArray());
  }

  /** The same proposal as the fields of the page's application form (a mutable map, to spoil a field). */
  public static Map<String, String> proposalForm() {
    Map<String, String> form = new HashMap<>();
    form.put("approach", "采用红外与可见光双光谱摄像机，结合目标检测与多目标跟踪模型，在边缘盒子上实时识别闯入人员。");
    form.put("answer_0", "双光谱融合，夜间实测准确率97.2%");
    form.put("answer_1", "边缘推理，端到端延迟约0.8秒");
    form.put("schedule", "签约后3个月完成部署");
    form.put("team", "算法工程师6人");
    form.put("budgetWan", "90");
    return form;
  }

  public static JsonObject rubric(int... weights) {
    JsonArray criteria = new JsonArray();
    String[] names = {"技术方案", "实施能力", "经济性", "创新性"};
    for (int i = 0; i < weights.length; i++) {
      criteria.add(new JsonObject().put("name", names[i]).put("weight", weights[i]));
    }
    return new JsonObject().put("criteria", criteria);
  }

  /** A reviewer's sheet for the rubric {@code rubric(60, 40)}. */
  public static JsonObject scores(int technical, int delivery) {
    return new JsonObject().put("scores", new JsonArray()
        .add(new JsonObject().put("criterion", "技术方案").put("score", technical).put("comment", "方案完整"))
        .add(new JsonObject().put("criterion", "实施能力").put("score", delivery).put("comment", "团队经验充足")));
  }
}
