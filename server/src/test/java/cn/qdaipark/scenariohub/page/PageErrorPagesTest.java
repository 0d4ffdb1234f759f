package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The 500 page")
class PageErrorPagesTest {
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router root = Router.router(vertx);
    PageErrors errors = new PageErrors(new Views(vertx));
    root.get("/page").handler(ctx -> ctx.fail(new IllegalStateException("jdbc:postgresql://db/secret password=hunter2")))
        .failureHandler(errors);
    root.get("/elsewhere").handler(ctx -> {
      throw new IllegalStateException("SELECT password_hash FROM users");
    });
    root.errorHandler(500, errors);
    server = vertx.createHttpServer().requestHandler(root).listen(0).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("a failing page and a failure outside the pages both get the styled page with a reference, no internals")
  void noInternals() throws Exception {
    for (String path : new String[] {"/page", "/elsewhere"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(500);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
      assertThat(r.body()).as(path).contains("系统繁忙", "error-code\">500", "class=\"mainnav\"")
          .containsPattern("编号 [0-9a-f]{8}")
          .doesNotContain("jdbc", "hunter2", "SELECT", "IllegalStateException", "at cn.");
    }
    assertThat(get("/page?lang=en").body()).contains("Server error", "quote reference");
  }
}
