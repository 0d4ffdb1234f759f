package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.TestApp;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages: where the login form redirects to, who may frame a page, who may join an organization")
class PageSecurityTest {
  private static final String PROVIDER = "provider@demo.scenariohub.cn";
  private static final String PROVIDER_PASSWORD = TestApp.DEMO_PASSWORD;

  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("DEMO_DATA", "true"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("login?next= with a tab or line break before a second slash (another site once the browser drops it) goes to the workspace")
  void loginNextWithControlCharacters() {
    for (String next : new String[] {"/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\evil.example",
        "//evil.example"}) {
      PageClient page = new PageClient(app.api.base());
      page.get("/login");
      HttpResponse<String> r = page.post("/login", Map.of("email", PROVIDER, "password", PROVIDER_PASSWORD, "next", next));
      assertThat(r.statusCode()).as(next).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(next).hasValue("/workspace");
    }
    PageClient page = new PageClient(app.api.base());
    page.get("/login");
    HttpResponse<String> local = page.post("/login",
        Map.of("email", PROVIDER, "password", PROVIDER_PASSWORD, "next", "/solutions?q=a%20b"));
    assertThat(local.headers().firstValue("Location")).hasValue("/solutions?q=a%20b");
  }

  @Test
  @DisplayName("the login form does not carry a next with a tab into its hidden field")
  void loginFormNext() {
    HttpResponse<String> r = new PageClient(app.api.base()).get("/login?next=%2F%09%2Fevil.example");
    assertThat(r.body()).contains("name=\"next\" value=\"/workspace\"");
  }

  @Test
  @DisplayName("pages, error pages included, forbid being framed by another site")
  void framing() {
    PageClient visitor = new PageClient(app.api.base());
    for (String path : new String[] {"/", "/login", "/solutions", "/no-such-page"}) {
      HttpResponse<String> r = visitor.get(path);
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path).contains("frame-ancestors 'none'");
    }
  }

  @Test
  @DisplayName("a path starting with two slashes or a backslash does not turn the language switch into a link to another site")
  void languageSwitchStaysOnSite() throws Exception {
    for (String path : new String[] {"//evil.example/x", "//evil.example", "/\\evil.example"}) {
      String page = rawGet(path);
      assertThat(page).as(path).startsWith("HTTP/1.1 404")
          .contains("class=\"lang-switch\" href=\"/")
          .doesNotContain("href=\"//", "href=\"/\\");
    }
  }

  /** A GET sent as typed, since HttpClient refuses a backslash in a URI. */
  private static String rawGet(String path) throws Exception {
    URI base = URI.create(app.api.base());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("registering with an existing organization's name without a code: the workspace says the request awaits approval, in English too, until a member approves it on the organization's page")
  void registerIntoExistingOrganization() {
    PageClient stranger = new PageClient(app.api.base());
    stranger.get("/register?lang=en");
    HttpResponse<String> r = stranger.post("/register", Map.of("role", "provider", "orgName", "青岛澜汐视觉智能科技有限公司",
        "displayName", "Stranger", "email", "stranger-page@example.cn", "password", "Str0ng#Password"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(stranger.get("/workspace").body()).contains("id=\"awaiting-join\"", "awaits the approval")
        .doesNotContain("id=\"org-join\"");
    String token = app.api.login("stranger-page@example.cn", "Str0ng#Password");
    long strangerId = app.api.get("/api/v1/auth/me", token).json().getLong("id");
    long orgId = app.api.get("/api/v1/auth/me", token).json().getLong("pendingOrganizationId");
    assertThat(stranger.get("/organizations/" + orgId).body()).doesNotContain("join-request-", "invite-submit");

    PageClient member = new PageClient(app.api.base()).login(PROVIDER, PROVIDER_PASSWORD);
    assertThat(member.get("/organizations/" + orgId).body()).contains("id=\"join-request-" + strangerId + "\"",
        "stranger-page@example.cn");
    HttpResponse<String> approved = member.post("/organizations/" + orgId + "/join-requests/" + strangerId + "/approve",
        Map.of());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
    assertThat(member.get("/organizations/" + orgId).body()).doesNotContain("join-request-" + strangerId);
    assertThat(stranger.get("/workspace").body()).doesNotContain("awaiting-join");
    assertThat(app.api.get("/api/v1/auth/me", token).json().getLong("organizationId")).isEqualTo(orgId);
  }

  @Test
  @DisplayName("a member makes an invitation code on the organization page; the register form refuses a bad code next to the field and accepts the good one")
  void invitationCodeOnPages() {
    String token = app.api.login(PROVIDER, PROVIDER_PASSWORD);
    long orgId = app.api.get("/api/v1/auth/me", token).json().getLong("organizationId");
    String orgName = app.api.get("/api/v1/organizations/" + orgId, null).json().getString("name");
    PageClient member = new PageClient(app.api.base()).login(PROVIDER, PROVIDER_PASSWORD);
    assertThat(member.get("/organizations/" + orgId).body()).contains("邀请同事加入", "id=\"invite-submit\"");
    assertThat(new PageClient(app.api.base()).get("/organizations/" + orgId).body()).doesNotContain("invite-submit");

    HttpResponse<String> made = member.post("/organizations/" + orgId + "/invitations", Map.of());
    assertThat(made.statusCode()).isEqualTo(200);
    Matcher code = Pattern.compile("id=\"invitation-code\">([A-Za-z0-9_-]{16,})<").matcher(made.body());
    assertThat(code.find()).as(made.body()).isTrue();
    assertThat(made.body()).containsPattern("id=\"invitation-expires\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}<");

    PageClient colleague = new PageClient(app.api.base());
    colleague.get("/register");
    Map<String, String> form = new java.util.HashMap<>(Map.of("role", "provider", "orgName", orgName,
        "displayName", "同事", "email", "invited-page@example.cn", "password", "Str0ng#Password"));
    form.put("invitationCode", "not-a-real-invitation-code");
    HttpResponse<String> refused = colleague.post("/register", form);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"invitationCode-error\">邀请码无效");
    PageClient english = new PageClient(app.api.base());
    english.get("/register?lang=en");
    assertThat(english.post("/register", form).body())
        .contains("id=\"invitationCode-error\">This invitation code is unknown").doesNotContain("邀请码无效");
    form.put("invitationCode", code.group(1));
    HttpResponse<String> joined = colleague.post("/register", form);
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(303);
    String joinedToken = app.api.login("invited-page@example.cn", "Str0ng#Password");
    assertThat(app.api.get("/api/v1/auth/me", joinedToken).json().getLong("organizationId")).isEqualTo(orgId);
  }
}
