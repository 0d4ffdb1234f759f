package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.DeliveryFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A browser-like page session of one account: login cookie, CSRF token, forms and multipart forms, no redirects. */
final class PageSession {
  private final TestApp app;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  private PageSession(TestApp app) {
    this.app = app;
  }

  static PageSession visitor(TestApp app) {
    return new PageSession(app);
  }

  static PageSession as(TestApp app, ChallengeFixtures.Account account) {
    PageSession s = new PageSession(app);
    s.get("/login");
    HttpResponse<String> r = s.post("/login", Map.of("email", ChallengeFixtures.email(app, account),
        "password", Api.PASSWORD, "next", "/workspace"));
    if (r.statusCode() != 303) {
      throw new IllegalStateException("page login failed: " + r.statusCode());
    }
    return s;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(app.api.base() + path)).GET());
  }

  HttpResponse<byte[]> download(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(app.api.base() + path)).timeout(Duration.ofSeconds(60)).GET()
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("_csrf", cookie("sh_csrf"));
    String body = withToken.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(app.api.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart form with the CSRF token and the login cookie: status and body. */
  Api.Response multipart(String path, Map<String, String> fields, List<DeliveryFixtures.Part> files) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("_csrf", cookie("sh_csrf"));
    String cookieHeader = cookies.getCookieStore().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    return DeliveryFixtures.multipart(app.api, path, null, withToken, "evidence", files, cookieHeader);
  }

  String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
