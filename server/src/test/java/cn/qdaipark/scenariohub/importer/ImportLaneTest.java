package cn.qdaipark.scenariohub.importer;

import static cn.qdaipark.scenariohub.importer.ImportApiTest.solutionLine;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.index.Embedder;
import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.SharedEmbedder;
import cn.qdaipark.scenariohub.support.TestApp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImportLaneTest {
  /** Holds every text of the import (they all name the gated provider's tag) until the test opens the gate. */
  private static final class GatedEmbedder implements Embedder {
    private final Embedder model = SharedEmbedder.get();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public float[] embed(String text) {
      if (text.contains("闸门标签")) {
        entered.countDown();
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return model.embed(text);
    }

    @Override
    public int dimension() {
      return model.dimension();
    }
  }

  /** Starts an import of {@code count} solutions whose texts the embedder holds, and returns once it is held there. */
  private static CompletableFuture<Api.Response> gatedImport(TestApp app, GatedEmbedder embedder, String keyPrefix,
                                                             int count) throws InterruptedException {
    String admin = app.adminToken();
    String body = IntStream.range(0, count)
        .mapToObj(i -> solutionLine(keyPrefix + i, "批量车道方案" + keyPrefix + i, "青岛批量车道科技有限公司")
            .put("tags", new io.vertx.core.json.JsonArray().add("闸门标签")).encode())
        .collect(Collectors.joining("\n"));
    CompletableFuture<Api.Response> running = CompletableFuture.supplyAsync(
        () -> app.api.postRaw("/api/v1/admin/import/solutions", admin, body, "application/x-ndjson"));
    assertThat(embedder.entered.await(30, TimeUnit.SECONDS)).as("the import reached the model").isTrue();
    return running;
  }

  @Test
  @DisplayName("a provider's new solution is stored while a bulk import is still computing its vectors")
  void interactiveWriteDoesNotWaitBehindAnImport() throws Exception {
    GatedEmbedder embedder = new GatedEmbedder();
    try (TestApp app = TestApp.start(embedder)) {
      Api api = app.api;
      String admin = app.adminToken();
      String provider = api.register("lane-prov@example.cn", "provider", "青岛车道科技有限公司", null);
      CompletableFuture<Api.Response> bulk = gatedImport(app, embedder, "LANE-", 40);

      Api.Response single = api.post("/api/v1/solutions", provider, Fixtures.solution("导入期间新发布的方案"));
      boolean importStillRunning = !bulk.isDone();
      embedder.gate.countDown();

      assertThat(single.status()).as(single.body()).isEqualTo(201);
      assertThat(importStillRunning).as("the single write finished before the import").isTrue();
      Api.Response imported = bulk.get(60, TimeUnit.SECONDS);
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      assertThat(imported.json().getInteger("imported")).isEqualTo(40);
    }
  }

  @Test
  @DisplayName("while an import computes its vectors a second one is answered 503 with Retry-After, solutions or "
      + "postings; once it has ended, a refused file and then a good one are each taken in turn")
  void oneImportAtATime() throws Exception {
    GatedEmbedder embedder = new GatedEmbedder();
    try (TestApp app = TestApp.start(embedder)) {
      Api api = app.api;
      String admin = app.adminToken();
      CompletableFuture<Api.Response> first = gatedImport(app, embedder, "ONE-", 20);

      Api.Response second = api.postRaw("/api/v1/admin/import/solutions", admin,
          solutionLine("TWO-1", "第二个导入的方案", "青岛第二导入科技有限公司").encode(), "application/x-ndjson");
      Api.Response postings = api.postRaw("/api/v1/admin/import/postings", admin, "{}", "application/x-ndjson");
      embedder.gate.countDown();

      for (Api.Response refused : new Api.Response[] {second, postings}) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.error().getString("message")).contains("另一个批量导入正在进行");
      }
      assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref = 'TWO-1'")).isZero();

      Api.Response bad = api.postRaw("/api/v1/admin/import/solutions", admin, "{\"key\":\"BAD\"}",
          "application/x-ndjson");
      assertThat(bad.status()).isEqualTo(400);
      Api.Response again = api.postRaw("/api/v1/admin/import/solutions", admin,
          solutionLine("TWO-1", "第二个导入的方案", "青岛第二导入科技有限公司").encode(), "application/x-ndjson");
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().getInteger("imported")).isEqualTo(1);
    }
  }
}
