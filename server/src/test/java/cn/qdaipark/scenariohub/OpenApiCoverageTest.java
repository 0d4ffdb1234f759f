package cn.qdaipark.scenariohub;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.http.OpenApiDocument;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpenApiCoverageTest {
  private static final Pattern PATH = Pattern.compile("^  (/[^:\\s]*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|post|put|delete|patch):\\s*$");
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** path → methods, read from the document's {@code paths:} section. */
  private static Map<String, List<String>> documented() {
    Map<String, List<String>> paths = new HashMap<>();
    String current = null;
    boolean inPaths = false;
    for (String line : OpenApiDocument.text().split("\n")) {
      if (line.startsWith("paths:")) {
        inPaths = true;
        continue;
      }
      if (inPaths && !line.isBlank() && !line.startsWith(" ")) {
        break;
      }
      Matcher p = PATH.matcher(line);
      Matcher m = METHOD.matcher(line);
      if (inPaths && p.matches()) {
        current = p.group(1);
        paths.put(current, new ArrayList<>());
      } else if (inPaths && current != null && m.matches()) {
        paths.get(current).add(m.group(1));
      }
    }
    return paths;
  }

  @Test
  @DisplayName("every endpoint mounted under /api/v1 is described in the OpenAPI document with its method")
  void everyRouteDocumented() {
    Map<String, List<String>> doc = documented();
    int checked = 0;
    for (Route route : app.app().apiRouter().getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      String path = route.getPath().replaceAll(":(\\w+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        assertThat(doc).as("documented paths").containsKey(path);
        assertThat(doc.get(path)).as(method + " " + path).contains(method.name().toLowerCase());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(25);
  }
}
