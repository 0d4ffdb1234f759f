package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every response carries nosniff, a referrer policy and a strict Content-Security-Policy")
class SecurityHeadersTest {
  private static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|\\son[a-z]+\\s*=|javascript:",
      Pattern.CASE_INSENSITIVE);
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("pages, error pages, JSON answers and errors, static files and health all carry the headers")
  void everyResponse() {
    String token = app.adminToken();
    for (String path : List.of("/", "/login", "/solutions", "/no-such-page", "/api/v1/solutions", "/api/v1/auth/me",
        "/api/v1/no-such-thing", "/api/v1/openapi.yaml", "/css/site.css", "/js/site.js", "/img/logo.svg", "/health")) {
      Api.Response r = app.api.get(path, path.equals("/api/v1/auth/me") ? token : null);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
          .contains("script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
              "form-action 'self'")
          .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
    }
  }

  @Test
  @DisplayName("no template holds an inline script, an event handler attribute or a javascript: link, which the policy would block")
  void templatesHaveNoInlineScript() throws IOException, URISyntaxException {
    URI layout = getClass().getClassLoader().getResource("web/templates/layout.hbs").toURI();
    // The templates come from the web module's jar when the reactor built it, else from its classes directory.
    if (layout.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(layout, Map.of())) {
        assertNoInlineScript(jar.getPath("/web/templates"));
      }
    } else {
      assertNoInlineScript(Path.of(layout).getParent());
    }
  }

  private static void assertNoInlineScript(Path templates) throws IOException {
    List<Path> checked;
    try (Stream<Path> files = Files.walk(templates)) {
      checked = files.filter(f -> f.toString().endsWith(".hbs")).toList();
    }
    assertThat(checked).hasSizeGreaterThan(10);
    for (Path f : checked) {
      assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString()).doesNotContainPattern(INLINE);
    }
  }
}
