package cn.qdaipark.scenariohub.export;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Open-data CSV streamed from one cursor")
class StreamingExportTest {
  /** About 14 MB of CSV: more than the kernel buffers of a client that stops reading take in. */
  private static final int COPIES = 40_000;
  private static TestApp app;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start();
    String provider = Fixtures.verifiedAccount(app, "stream@example.cn", "provider", "青岛流式导出科技有限公司",
        "91370211MA3CXTR01");
    long seed = app.api.post("/api/v1/solutions", provider, Fixtures.solution("流式导出种子方案")).json().getLong("id");
    try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO solutions (organization_id, title, summary, description, domains, track, tags, maturity, "
          + "region, cases, price_range, status, embedding) SELECT organization_id, '流式导出方案 ' || n, summary, "
          + "description, domains, track, tags, maturity, region, cases, price_range, status, embedding "
          + "FROM solutions, generate_series(1, " + COPIES + ") AS n WHERE id = " + seed);
      s.execute("INSERT INTO solutions (organization_id, title, summary, description, domains, track, tags, maturity, "
          + "region, cases, price_range, status) SELECT organization_id, '流式导出的草稿', summary, description, domains, "
          + "track, tags, maturity, region, cases, price_range, 'draft' FROM solutions WHERE id = " + seed);
      // the export reads PostgreSQL only: keeping the copies out of the index spares the test a long indexing run
      s.execute("DELETE FROM outbox WHERE entity = 'solution' AND entity_id > " + seed);
      c.commit();
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> download() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.api.base() + "/api/v1/open-data/solutions.csv"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("every published solution arrives exactly once, in creation order, as a chunked response; drafts stay out")
  void completeAndChunked() throws Exception {
    HttpResponse<String> response = download();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    String body = response.body();
    assertThat(body).startsWith("\uFEFF编号,");
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(body.substring(1))).getRecords();
    long published;
    try (Connection c = app.jdbc(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT count(*) FROM solutions WHERE status = 'published'")) {
      r.next();
      published = r.getLong(1);
    }
    assertThat(published).isGreaterThan(COPIES);
    assertThat(rows).hasSize((int) published);
    List<Long> ids = rows.stream().map(r -> Long.parseLong(r.get("编号"))).toList();
    assertThat(ids).doesNotHaveDuplicates().isSorted();
    assertThat(rows).extracting(r -> r.get("方案名称")).doesNotContain("流式导出的草稿");
  }

  @Test
  @DisplayName("clients that stop reading hold at most four streams: a fifth download waits its turn, answers 503 with "
      + "Retry-After when none frees in time, and once they hang up downloads work again")
  void stalledClientsAreCapped() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    URI base = URI.create(app.api.base());
    try {
      for (int i = 0; i < 4; i++) {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/open-data/solutions.csv HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stalled.add(socket);
      }
      for (Socket socket : stalled) {
        byte[] head = new byte[15];
        int read = 0;
        while (read < head.length) {
          read += socket.getInputStream().read(head, read, head.length - read);
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).as("each stalled download has started")
            .isEqualTo("HTTP/1.1 200 OK");
      }
      long start = System.nanoTime();
      HttpResponse<String> refused = download();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited for a stream to finish first")
          .isGreaterThan(Duration.ofSeconds(5));
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
    assertThat(awaitStatus(200).body()).startsWith("\uFEFF编号,");
  }

  private static HttpResponse<String> awaitStatus(int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<String> response = download();
    while (response.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(200);
      response = download();
    }
    assertThat(response.statusCode()).isEqualTo(status);
    return response;
  }
}
