package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("BODY_LIMIT_BYTES", "4096"));
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("malformed JSON answers 400 in the error shape, never a stack trace")
  void malformedJson() {
    Api.Response r = api.postRaw("/api/v1/auth/register", null, "{\"email\": ", "application/json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getString("code")).isEqualTo("bad_request");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.vertx");
    assertThat(api.postRaw("/api/v1/auth/login", null, "[1,2]", "application/json").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("an import sent as a form, with a field over the form limit, answers 413 naming the content type")
  void importSentAsForm() {
    String line = "{\"key\":\"F1\",\"title\":\"" + "长".repeat(5_000) + "\"}";
    Api.Response r = api.postRaw("/api/v1/admin/import/solutions", app.adminToken(), line,
        "application/x-www-form-urlencoded");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error().getString("code")).isEqualTo("payload_too_large");
    assertThat(r.error().getString("message")).contains("application/x-ndjson");
    assertThat(r.body()).doesNotContain("Exception");
  }

  @Test
  @DisplayName("a body over the configured limit answers 413")
  void bodyTooLarge() {
    Api.Response r = api.postRaw("/api/v1/auth/login", null, "{\"email\":\"" + "a".repeat(10_000) + "\"}", "application/json");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error().getString("code")).isEqualTo("payload_too_large");
  }

  @Test
  @DisplayName("unknown ids and unknown endpoints answer 404 in the error shape")
  void notFound() {
    assertThat(api.get("/api/v1/solutions/999999", null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/solutions/abc", null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/postings/by-ref/NO-SUCH-REF", null).status()).isEqualTo(404);
    Api.Response r = api.get("/api/v1/no/such/endpoint", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error().getString("code")).isEqualTo("not_found");
  }

  @Test
  @DisplayName("a request without a token to a protected endpoint is 401; a non-Bearer Authorization header is 401")
  void badAuthorizationHeader() throws Exception {
    assertThat(api.get("/api/v1/auth/me", null).status()).isEqualTo(401);
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/solutions"))
        .header("Authorization", "Basic YWRtaW46YWRtaW4=").build();
    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("health reports the database, the OpenAPI document is served")
  void healthAndOpenApi() {
    Api.Response health = api.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getJsonObject("database").getString("status")).isEqualTo("up");
    Api.Response doc = api.get("/api/v1/openapi.yaml", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.body()).startsWith("openapi: 3");
    assertThat(doc.headers().firstValue("Content-Type").orElse("")).contains("yaml");
  }
}
