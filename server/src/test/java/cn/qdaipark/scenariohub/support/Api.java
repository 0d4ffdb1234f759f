package cn.qdaipark.scenariohub.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small blocking HTTP client for tests, speaking the JSON API. */
public final class Api {
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Api(String base) {
    this.base = base;
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonObject error() {
      return json().getJsonObject("error");
    }
  }

  public String base() {
    return base;
  }

  /** A download: status, content type, the raw bytes and the headers. */
  public record Download(int status, String contentType, byte[] bytes, java.net.http.HttpHeaders headers) {
  }

  public Download download(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  public Response post(String path, String token, Object body) {
    return send("POST", path, token, body == null ? null : Json.encode(body), "application/json");
  }

  public Response put(String path, String token, Object body) {
    return send("PUT", path, token, Json.encode(body), "application/json");
  }

  public Response postRaw(String path, String token, String body, String contentType) {
    return send("POST", path, token, body, contentType);
  }

  /** A multipart/form-data upload of one file in the field {@code file}, as a browser sends it. */
  public Response upload(String path, String token, String fileName, String contentType, byte[] bytes) {
    String boundary = "----scenariohub" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    return execute(b, token);
  }

  public String login(String email, String password) {
    Response r = post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
    if (r.status() != 200) {
      throw new IllegalStateException("login of " + email + " failed: " + r.status() + " " + r.body());
    }
    return r.json().getString("token");
  }

  /** The password of every account the tests register. */
  public static final String PASSWORD = "Str0ng#Password";

  /** Registers an account and returns its token. */
  public String register(String email, String role, String orgName, String creditCode) {
    JsonObject body = new JsonObject().put("email", email).put("password", PASSWORD).put("displayName", "测试用户")
        .put("role", role).put("orgName", orgName);
    if (creditCode != null) {
      body.put("creditCode", creditCode);
    }
    Response r = post("/api/v1/auth/register", null, body);
    if (r.status() != 201) {
      throw new IllegalStateException("register failed: " + r.status() + " " + r.body());
    }
    return login(email, PASSWORD);
  }

  public Response send(String method, String path, String token, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return execute(b, token);
  }

  private Response execute(HttpRequest.Builder b, String token) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
