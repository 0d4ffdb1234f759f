package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.http.RawConnection;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Uploads: no stranger parks a body on the server, and no temporary file outlives its request")
class UploadParkingTest {
  private static final int DECLARED = 8 * 1024 * 1024;
  private static final String BOUNDARY = "----parking";
  private static TestApp app;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("LONG_REQUEST_TIMEOUT_MS", "1500"));
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The request head and the start of a multipart body declaring an 8 MB PDF, of which only the start is sent. */
  private static String head(String path, String credentials) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + credentials
        + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + DECLARED + "\r\n\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n";
  }

  private static byte[] padding(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ' ');
    return bytes;
  }

  private static List<Path> parked() {
    List<Path> files = new ArrayList<>();
    for (Path uploads : List.of(app.dataDir().resolve("uploads"))) {
      if (Files.exists(uploads)) {
        try (Stream<Path> listing = Files.list(uploads)) {
          listing.forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }

  private static boolean nothingParked() {
    return parked().isEmpty();
  }

  private static void assertNothingParked() {
    try {
      Eventually.within(Duration.ofSeconds(5), UploadParkingTest::nothingParked);
    } catch (AssertionError e) {
      throw new AssertionError("still parked: " + parked(), e);
    }
  }

  /** Sends the head and 256 KB of an 8 MB body, then waits for the answer without sending the rest. */
  private static String refusedBeforeTheBody(String path, String credentials) {
    try (RawConnection c = new RawConnection(app.api.base())) {
      long started = System.nanoTime();
      c.send(head(path, credentials));
      c.send(padding(256 * 1024));
      String answer = c.awaitText("\r\n\r\n", Duration.ofSeconds(3));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path).isLessThan(Duration.ofSeconds(3));
      assertThat(c.closedWithin(Duration.ofSeconds(3))).as("connection closed after the refusal").isTrue();
      return answer;
    }
  }

  private static String revokedToken() {
    String token = app.adminToken();
    assertThat(app.api.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);
    return token;
  }

  @Test
  @DisplayName("an API upload with a bogus, foreign or revoked token is 401 before its 8 MB body is read; nothing lands in DATA_DIR/uploads")
  void apiUploadWithBadToken() {
    String foreign = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ";
    for (String token : new String[] {"bogus", foreign, revokedToken()}) {
      String answer = refusedBeforeTheBody("/api/v1/applications/1/attachments", "Authorization: Bearer " + token + "\r\n");
      assertThat(answer).as(token).startsWith("HTTP/1.1 401").contains("Connection: close");
    }
    assertNothingParked();
  }

  @Test
  @DisplayName("a bulk import with a bogus token is 401 before its body is read")
  void importWithBadToken() {
    String answer = refusedBeforeTheBody("/api/v1/admin/import/solutions", "Authorization: Bearer bogus\r\n");
    assertThat(answer).startsWith("HTTP/1.1 401");
  }

  @Test
  @DisplayName("an import by a signed-in account that is not an admin is 403 before its body is read, on the API and the page")
  void importByNonAdmin() {
    String provider = app.api.register("provider@parking.test", "provider", "停车测试科技有限公司", null);
    String api = refusedBeforeTheBody("/api/v1/admin/import/solutions", "Authorization: Bearer " + provider + "\r\n");
    assertThat(api).startsWith("HTTP/1.1 403").contains("Connection: close");
    String page = refusedBeforeTheBody("/workspace/import", "Cookie: sh_session=" + provider + "\r\n");
    assertThat(page).startsWith("HTTP/1.1 403");
  }

  @Test
  @DisplayName("the page upload form and the page import with a stale session cookie go to the login form before the body is read")
  void pageUploadWithBadCookie() {
    for (String path : new String[] {"/applications/1/attachments", "/workspace/import"}) {
      String answer = refusedBeforeTheBody(path, "Cookie: sh_session=bogus\r\n");
      assertThat(answer).as(path).startsWith("HTTP/1.1 303").contains("Location: /login");
    }
  }

  @Test
  @DisplayName("with a valid token the upload is read and answered as before (here 404: no such application), and its file deleted")
  void validTokenStillUploads() {
    byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(app.api.upload("/api/v1/applications/999999/attachments", admin, "a.pdf", "application/pdf", pdf)
        .status()).isEqualTo(404);
    assertNothingParked();
  }

  @Test
  @DisplayName("an upload its client abandons halfway leaves nothing in DATA_DIR/uploads")
  void abandonedUpload() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      c.send(head("/api/v1/applications/999999/attachments", "Authorization: Bearer " + admin + "\r\n"));
      c.send(padding(1024 * 1024));
      c.closedWithin(Duration.ofMillis(300));
    }
    assertNothingParked();
  }

  @Test
  @DisplayName("an upload stalled past the long deadline is 408, its connection closed and its file deleted")
  void stalledUpload() {
    try (RawConnection c = new RawConnection(app.api.base())) {
      c.send(head("/api/v1/applications/999999/attachments", "Authorization: Bearer " + admin + "\r\n"));
      c.send(padding(64 * 1024));
      assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
      assertThat(c.received()).startsWith("HTTP/1.1 408");
    }
    assertNothingParked();
  }
}
