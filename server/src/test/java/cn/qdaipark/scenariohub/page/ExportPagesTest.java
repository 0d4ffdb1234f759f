package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.support.PageClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exports from the pages: the issuer's session downloads its applications, open data from 数据看板")
class ExportPagesTest {
  private static TestApp app;
  private static Api api;
  private static Account issuer;
  private static Account otherGov;
  private static Account provider;
  private static long call;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    issuer = ChallengeFixtures.verified(app, "government", "青岛市导出测试局");
    otherGov = ChallengeFixtures.verified(app, "government", "青岛市另一导出测试局");
    provider = ChallengeFixtures.verified(app, "provider", "青岛导出申报科技有限公司");
    call = ChallengeFixtures.call(api, issuer, "导出测试榜单", LocalDate.now().plusDays(30));
    ChallengeFixtures.apply(api, provider, call);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String csv(long id) {
    return "/api/v1/postings/" + id + "/applications/export.csv";
  }

  @Test
  @DisplayName("the review page links the exports, and the issuer's browser session downloads them")
  void issuerDownloadsWithSession() {
    PageClient me = PageClient.as(app, issuer);
    assertThat(me.get("/postings/" + call + "/review").body())
        .contains("href=\"" + csv(call) + "\"", "href=\"/api/v1/postings/" + call + "/applications/export.xlsx\"");
    HttpResponse<String> download = me.get(csv(call));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(download.body()).contains("青岛导出申报科技有限公司");
    HttpResponse<String> xlsx = me.get("/api/v1/postings/" + call + "/applications/export.xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(".xlsx"));
  }

  @Test
  @DisplayName("a session is held to the same access rules as a token: another department and a provider get 403, a visitor 401")
  void sessionAccessControl() {
    assertThat(PageClient.as(app, otherGov).get(csv(call)).statusCode()).isEqualTo(403);
    assertThat(PageClient.as(app, provider).get(csv(call)).statusCode()).isEqualTo(403);
    assertThat(new PageClient(api.base()).get(csv(call)).statusCode()).isEqualTo(401);
    assertThat(api.download(csv(call), otherGov.token()).status()).isEqualTo(403);
    assertThat(api.download(csv(call), issuer.token()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a stale session cookie on an export is a visitor's request, refused with 401")
  void staleCookie() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + csv(call)))
        .header("Cookie", "sh_session=not-a-token").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("数据看板 links the open-data downloads, and they answer a visitor with CSV")
  void openDataLinks() {
    PageClient visitor = new PageClient(api.base());
    assertThat(visitor.get("/stats").body()).contains("id=\"open-data\"", "href=\"/api/v1/open-data/solutions.csv\"",
        "href=\"/api/v1/open-data/postings.csv\"", "href=\"/api/v1/open-data/results.csv\"");
    assertThat(visitor.get("/stats?lang=en").body()).contains("Open data");
    HttpResponse<String> postings = visitor.get("/api/v1/open-data/postings.csv");
    assertThat(postings.statusCode()).isEqualTo(200);
    assertThat(postings.body()).contains("导出测试榜单");
  }
}
