package cn.qdaipark.scenariohub.support;

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
import java.util.Map;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client posting forms the way a browser does, without following redirects. */
public final class PageClient {
  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  public PageClient(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** Posts a form with the CSRF token of this client's cookie, as every page form does. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("_csrf", cookie("sh_csrf"));
    return postRaw(path, withToken);
  }

  public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Uploads one file in a multipart form, with the CSRF token, as the import page does. */
  public HttpResponse<String> upload(String path, Map<String, String> fields, String fileField, String fileName, String content) {
    return multipart(path, fields, fileField, fileName, "application/x-ndjson", content.getBytes(StandardCharsets.UTF_8));
  }

  /** Uploads one binary file (e.g. an .xlsx workbook) in a multipart form, with the CSRF token. */
  public HttpResponse<String> uploadBytes(String path, Map<String, String> fields, String fileName, String contentType,
                                   byte[] content) {
    return multipart(path, fields, "file", fileName, contentType, content);
  }

  private HttpResponse<String> multipart(String path, Map<String, String> fields, String fileField, String fileName,
                                         String contentType, byte[] content) {
    String boundary = "----scenariohub" + System.nanoTime();
    StringBuilder head = new StringBuilder();
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("_csrf", cookie("sh_csrf"));
    withToken.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"").append(fileName)
        .append("\"\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A page session of an account the test fixtures registered. */
  public static PageClient as(TestApp app, ChallengeFixtures.Account account) {
    return new PageClient(app.api.base()).login(ChallengeFixtures.email(app, account), Api.PASSWORD);
  }

  /** Logs in through the login form (fetching it first for the CSRF cookie). */
  public PageClient login(String email, String password) {
    get("/login");
    HttpResponse<String> r = post("/login", Map.of("email", email, "password", password, "next", "/workspace"));
    if (r.statusCode() != 303) {
      throw new IllegalStateException("page login of " + email + " failed: " + r.statusCode());
    }
    return this;
  }

  /** A file download, as bytes. */
  public HttpResponse<byte[]> download(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The session's cookies as a Cookie header, for a request sent by other means. */
  public String cookieHeader() {
    return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), body);
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
