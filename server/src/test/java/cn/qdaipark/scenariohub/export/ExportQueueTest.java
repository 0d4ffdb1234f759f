package cn.qdaipark.scenariohub.export;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A burst of open-data downloads is served in turn")
class ExportQueueTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    String provider = Fixtures.verifiedAccount(app, "burst@example.cn", "provider", "青岛并发下载科技有限公司",
        "91370211MA3CXTR02");
    for (int i = 0; i < 30; i++) {
      app.api.post("/api/v1/solutions", provider, Fixtures.solution("并发下载方案 " + i));
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("40 downloads at once, ten times the stream slots: every one completes with the whole file")
  void fortyAtOnce() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(app.api.base() + "/api/v1/open-data/solutions.csv"))
        .timeout(Duration.ofSeconds(60)).build();
    List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 40)
        .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))).toList();
    List<HttpResponse<String>> responses = burst.stream().map(CompletableFuture::join).toList();

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses).extracting(r -> r.body().lines().count()).containsOnly(31L);
  }
}
