package cn.qdaipark.scenariohub.health;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/metrics is for the scraper holding METRICS_TOKEN, never for strangers")
class MetricsAccessTest {
  private static final String TOKEN = "scrape-0123456789-abcdefghijkl";

  private static HttpResponse<String> metrics(TestApp app, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.api.base() + "/metrics")).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("without METRICS_TOKEN there is no /metrics: 404 for everyone, an admin included")
  void notServedByDefault() throws Exception {
    try (TestApp app = TestApp.start()) {
      assertThat(metrics(app, null).statusCode()).isEqualTo(404);
      assertThat(metrics(app, "Bearer " + app.adminToken()).statusCode()).isEqualTo(404);
    }
  }

  @Test
  @DisplayName("with METRICS_TOKEN: 401 without it, with a wrong one or with a user's token; the metrics with it")
  void onlyWithTheToken() throws Exception {
    try (TestApp app = TestApp.start(Map.of("METRICS_TOKEN", TOKEN))) {
      for (String stranger : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", TOKEN,
          "Bearer " + app.adminToken()}) {
        HttpResponse<String> r = metrics(app, stranger);
        assertThat(r.statusCode()).as(String.valueOf(stranger)).isEqualTo(401);
        assertThat(r.body()).as(String.valueOf(stranger)).isEmpty();
      }
      HttpResponse<String> scraper = metrics(app, "Bearer " + TOKEN);
      assertThat(scraper.statusCode()).isEqualTo(200);
      assertThat(scraper.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }
  }
}
