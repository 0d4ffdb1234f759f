package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.Hostile;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's visit to the page forms: every field gets NUL and other control characters, bidi overrides, only
 * invisible characters and a huge text, and each form comes back as a 400 with the message next to the field.
 */
@DisplayName("Hostile input in page forms: the form again with a 400 and the field's message, never a 5xx")
class HostileFormsTest {
  private static final Hostile TALLY = new Hostile();
  /** A browser cannot send half a surrogate pair in a form, so the form values are the rest of the strings. */
  private static final List<Hostile.Value> VALUES = Hostile.strings().stream()
      .filter(v -> !v.label().equals("lone surrogate") && !v.label().equals("900 KB")).toList();
  private static TestApp app;
  private static Account provider;
  private static Account issuer;
  private static PageClient providerPages;
  private static PageClient issuerPages;
  private static long solution;
  private static long call;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    provider = ChallengeFixtures.verified(app, "provider", "青岛表单模糊科技有限公司");
    issuer = ChallengeFixtures.verified(app, "government", "青岛市表单模糊局");
    providerPages = PageClient.as(app, provider);
    issuerPages = PageClient.as(app, issuer);
    Api.Response created = app.api.post("/api/v1/solutions", provider.token(), Fixtures.solution("表单模糊方案"));
    solution = created.json().getLong("id");
    call = ChallengeFixtures.call(app.api, issuer, "表单模糊榜单", LocalDate.now().plusDays(30));
  }

  @AfterAll
  static void stop() {
    System.out.printf("HostileFormsTest: %d requests, statuses %s, 5xx %d%n", TALLY.requests(), TALLY.statuses(),
        TALLY.serverErrors());
    app.close();
    assertThat(TALLY.serverErrors()).as("5xx answers to hostile requests").isZero();
  }

  /** A form field and the id of the element that shows its message (null: the form has no place for it). */
  private record Field(String name, String errorId) {
  }

  private static Field field(String name) {
    return new Field(name, name + "-error");
  }

  /** Posts the valid form with each hostile value in each field; collects what was not a 400 with the message shown. */
  private static List<String> fuzz(PageClient client, String path, Map<String, String> valid, Field... fields) {
    List<String> wrong = new ArrayList<>();
    for (Field field : fields) {
      List<Hostile.Value> values = new ArrayList<>(VALUES);
      values.add(new Hostile.Value("100 000 characters", "长".repeat(100_000)));
      for (Hostile.Value value : values) {
        Map<String, String> form = new HashMap<>(valid);
        form.put(field.name(), (String) value.json());
        HttpResponse<String> r = client.post(path, form);
        TALLY.count(r.statusCode());
        boolean shown = field.errorId() == null || r.body().contains("id=\"" + field.errorId() + "\"");
        if (r.statusCode() != 400 || !shown) {
          wrong.add(path + " " + field.name() + " <- " + value.label() + ": " + r.statusCode());
        }
      }
    }
    return wrong;
  }

  private static Map<String, String> solutionForm() {
    return Map.of("title", "表单新方案", "summary", "基于深度学习的焊缝缺陷识别",
        "description", "面向钢结构焊接产线，采集焊缝图像，使用缺陷分割模型识别气孔、裂纹等缺陷。", "domains", "工业智能",
        "track", "复杂算法软件研发", "maturity", "试点应用", "region", "青岛市", "priceRange", "40-80万元",
        "tags", "焊缝检测\n机器视觉", "cases", "某船舶配套企业试点");
  }

  @Test
  @DisplayName("the solution forms, new and edit")
  void solutionForms() {
    Field[] fields = {field("title"), field("summary"), field("description"), field("domains"), field("track"),
        field("maturity"), field("region"), field("priceRange"), field("tags"), field("cases")};
    assertThat(fuzz(providerPages, "/solutions/new", solutionForm(), fields)).isEmpty();
    Map<String, String> edit = new HashMap<>(solutionForm());
    edit.put("version", "1");
    assertThat(fuzz(providerPages, "/solutions/" + solution + "/edit", edit, fields)).isEmpty();
    edit.put("version", "1.5");
    HttpResponse<String> fraction = providerPages.post("/solutions/" + solution + "/edit", edit);
    TALLY.count(fraction.statusCode());
    assertThat(fraction.statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("a description at its limit of 5,000 characters (15 KB of UTF-8, over the decoder's default 8 KB a field) is saved")
  void longestDescriptionSaved() {
    Map<String, String> form = new HashMap<>(solutionForm());
    form.put("title", "表单最长描述方案");
    form.put("description", "长".repeat(5_000));
    HttpResponse<String> r = providerPages.post("/solutions/new", form);
    TALLY.count(r.statusCode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(app.count("SELECT count(*) FROM solutions WHERE title = '表单最长描述方案' AND length(description) = 5000"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("the posting form")
  void postingForm() {
    Map<String, String> valid = Map.of("kind", "challenge", "title", "表单新榜单",
        "description", "港区集装箱堆场夜间作业照明不足，需要一套全天候的人员入侵识别与告警方案。", "domain", "空天地海",
        "budgetWan", "100", "deadline", LocalDate.now().plusDays(20).toString(), "requirements", "夜间识别准确率≥95%",
        "region", "青岛市");
    assertThat(fuzz(issuerPages, "/postings/new", valid, field("kind"), field("title"), field("description"),
        field("domain"), field("budgetWan"), field("deadline"), field("requirements"), field("region"))).isEmpty();
    Map<String, String> fraction = new HashMap<>(valid);
    fraction.put("budgetWan", "1.5");
    HttpResponse<String> r = issuerPages.post("/postings/new", fraction);
    TALLY.count(r.statusCode());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"budgetWan-error\"");
  }

  @Test
  @DisplayName("the registration form")
  void registrationForm() {
    PageClient visitor = new PageClient(app.api.base());
    visitor.get("/register");
    Map<String, String> valid = Map.of("email", "page-fuzz@example.cn", "password", Api.PASSWORD,
        "displayName", "表单用户", "role", "provider", "orgName", "青岛表单新组织");
    assertThat(fuzz(visitor, "/register", valid, field("email"), field("password"), field("displayName"),
        field("role"), field("orgName"), field("creditCode"), field("invitationCode"))).isEmpty();
  }

  @Test
  @DisplayName("the application form: approach, requirement answers, schedule, team, budget and partners")
  void applicationForm() {
    Map<String, String> valid = new HashMap<>(ChallengeFixtures.proposalForm());
    assertThat(fuzz(providerPages, "/postings/" + call + "/apply", valid, field("approach"),
        new Field("answer_0", "requirementAnswers-error"), field("schedule"), field("team"), field("budgetWan"),
        new Field("partner_0", "partners-error"))).isEmpty();
  }

  @Test
  @DisplayName("the review page's rubric, rules and reviewer forms")
  void reviewForms() {
    String base = "/postings/" + call;
    assertThat(fuzz(issuerPages, base + "/rubric", Map.of("name_0", "技术方案", "weight_0", "60", "name_1", "实施能力",
        "weight_1", "40"), new Field("name_0", "criteria-error"), new Field("weight_0", "criteria-error"))).isEmpty();
    assertThat(fuzz(issuerPages, base + "/rules", Map.of("regions", "青岛市", "minMaturity", "试点应用",
        "maxApplicationsPerOrganization", "2"), field("regions"), field("minMaturity"),
        new Field("maxApplicationsPerOrganization", "limit-error"), new Field("endorsingOrganization", "endorsing-error")))
        .isEmpty();
    assertThat(fuzz(issuerPages, base + "/reviewers", Map.of("email", "nobody@example.cn"),
        new Field("email", "reviewer-error"))).isEmpty();
  }

  @Test
  @DisplayName("the saved-search form and the objection form")
  void alertAndObjectionForms() {
    assertThat(fuzz(providerPages, "/alerts/saved-searches", Map.of("name", "表单订阅", "query", "焊缝 检测",
        "target", "solutions"), field("name"), field("query"), new Field("target", null),
        new Field("region", null))).isEmpty();
    assertThat(fuzz(providerPages, "/postings/" + call + "/objections",
        Map.of("text", "揭榜单位的夜间准确率数据缺少第三方检测报告。"), new Field("text", null))).isEmpty();
  }

  @Test
  @DisplayName("the login form answers NUL and bidi characters in the e-mail without a server error")
  void loginForm() {
    for (Hostile.Value value : VALUES) {
      PageClient visitor = new PageClient(app.api.base());
      visitor.get("/login");
      HttpResponse<String> r = visitor.post("/login", Map.of("email", (String) value.json(), "password", Api.PASSWORD));
      TALLY.count(r.statusCode());
      assertThat(r.statusCode()).as(value.label()).isLessThan(500);
    }
  }
}
