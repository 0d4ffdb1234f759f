package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Text responses are compressed for a client that asks; downloads still arrive intact")
class CompressionTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestApp app;
  private static Account issuer;
  private static long call;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    issuer = ChallengeFixtures.verified(app, "government", "青岛市压缩测试局");
    Account provider = ChallengeFixtures.verified(app, "provider", "青岛压缩测试科技有限公司");
    call = ChallengeFixtures.call(app.api, issuer, "压缩测试榜单", LocalDate.now().plusDays(30));
    ChallengeFixtures.apply(app.api, provider, call);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<byte[]> get(String path, String acceptEncoding, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.api.base() + path)).GET();
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("a page asked for with Accept-Encoding: gzip comes gzipped, with its meta description, and is less than half the size")
  void pageGzipped() throws Exception {
    HttpResponse<byte[]> plain = get("/challenges", null, null);
    HttpResponse<byte[]> zipped = get("/challenges", "gzip", null);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String html = gunzip(zipped.body());
    assertThat(html).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8)).contains("<meta name=\"description\"");
    assertThat(zipped.body().length * 2).isLessThan(plain.body().length);
  }

  @Test
  @DisplayName("the API description and an export CSV are gzipped when asked, and the CSV reads the same")
  void apiAndCsvGzipped() throws Exception {
    assertThat(get("/api/v1/openapi.yaml", "gzip", null).headers().firstValue("Content-Encoding")).hasValue("gzip");
    HttpResponse<byte[]> csv = get("/api/v1/postings/" + call + "/applications/export.csv", "gzip", issuer.token());
    assertThat(csv.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> plainCsv = get("/api/v1/postings/" + call + "/applications/export.csv", null, issuer.token());
    String text = csv.headers().firstValue("Content-Encoding").isPresent() ? gunzip(csv.body())
        : new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(new String(plainCsv.body(), StandardCharsets.UTF_8)).contains("青岛压缩测试科技有限公司");
  }

  @Test
  @DisplayName("an XLSX export is sent as it is (a zip already), a valid workbook even when gzip was offered")
  void workbookNotCompressedTwice() throws Exception {
    HttpResponse<byte[]> xlsx = get("/api/v1/postings/" + call + "/applications/export.xlsx", "gzip", issuer.token());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Encoding").filter(e -> e.contains("gzip"))).isEmpty();
    assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
  }

  @Test
  @DisplayName("the stylesheet and scripts come gzipped too, with an ETag that answers a revalidation with 304 and no "
      + "body, and an unknown asset is 404")
  void assetsGzippedAndRevalidated() throws Exception {
    HttpResponse<byte[]> plain = get("/css/site.css", null, null);
    HttpResponse<byte[]> zipped = get("/css/site.css", "gzip", null);
    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(zipped.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(zipped.body())).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
    assertThat(zipped.body().length * 3).isLessThan(plain.body().length);
    assertThat(get("/js/site.js", "gzip", null).headers().firstValue("Content-Encoding")).hasValue("gzip");
    String etag = plain.headers().firstValue("ETag").orElseThrow();
    assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
    HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(URI.create(app.api.base() + "/css/site.css"))
        .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/css/other.css", null, null).statusCode()).isEqualTo(404);
  }
}
