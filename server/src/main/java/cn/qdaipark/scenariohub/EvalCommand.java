package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.index.MatchEvaluation;
import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code eval DIR}: imports a labelled collection (shared/eval/FORMAT.md) into a fresh temporary database and
 * index through the same import and matching code the server runs, then prints nDCG@10, Recall@10 and MRR of
 * the top 10 for BM25 only, vectors only and the shipped hybrid, side by side.
 */
final class EvalCommand {
  private static final int CUTOFF = 10;

  private EvalCommand() {
  }

  static int run(String[] args) {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0], "qrels.tsv"))) {
      System.err.println("usage: java -jar scenariohub-all.jar eval DIR   (DIR holds solutions.jsonl, demands.jsonl, qrels.tsv)");
      return 2;
    }
    Path dir = Path.of(args[0]);
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("scenariohub-eval");
      AppConfig config = AppConfig.from(Map.of("DATA_DIR", scratch.toString(), "DEMO_DATA", "false",
          "ADMIN_EMAIL", "eval@localhost", "ADMIN_PASSWORD", "Eval#" + UUID.randomUUID()));
      try (Database database = Database.open(config)) {
        database.migrate();
        Vertx vertx = Vertx.vertx();
        Pool pool = database.pool(vertx, config);
        App app = new App(vertx, config, pool, database.connectOptions(), new BgeSmallZhEmbedder(), null,
            Clock.systemDefaultZone());
        try {
          System.out.print(evaluate(app, pool, dir));
          return 0;
        } finally {
          Resources.close(app, pool, vertx);
        }
      }
    } catch (Exception e) {
      System.err.println("eval failed: " + e);
      return 1;
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static String evaluate(App app, Pool pool, Path dir) throws Exception {
    app.bootstrap().await();
    app.startIndexing().await();
    long started = System.nanoTime();
    int solutions = app.importer().importSolutions(null, Files.readString(dir.resolve("solutions.jsonl"), StandardCharsets.UTF_8))
        .await(1, TimeUnit.HOURS).imported();
    int demands = app.importer().importPostings(null, Files.readString(dir.resolve("demands.jsonl"), StandardCharsets.UTF_8))
        .await(1, TimeUnit.HOURS).imported();
    awaitIndexCaughtUp(pool);
    System.err.printf("imported %d solutions and %d demands, indexed in %.1f s%n", solutions, demands,
        (System.nanoTime() - started) / 1e9);

    Map<String, Map<String, Integer>> qrels = MatchEvaluation.readQrels(dir.resolve("qrels.tsv"));
    PostingRepository postings = new PostingRepository();
    Map<MatchMode, List<MatchEvaluation.Metrics>> perMode = new EnumMap<>(MatchMode.class);
    for (Map.Entry<String, Map<String, Integer>> judged : qrels.entrySet()) {
      long postingId = postings.findBySourceRef(pool, judged.getKey()).await().orElseThrow(
          () -> new IllegalStateException("qrels name an unknown demand " + judged.getKey())).id();
      for (MatchMode mode : MatchMode.values()) {
        JsonObject result = app.matching().solutionsFor(Optional.empty(), postingId, CUTOFF, mode).await();
        List<String> ranked = result.getJsonArray("items").stream()
            .map(o -> ((JsonObject) o).getJsonObject("solution").getString("sourceRef")).toList();
        perMode.computeIfAbsent(mode, m -> new ArrayList<>()).add(MatchEvaluation.metrics(ranked, judged.getValue()));
      }
    }
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-8s %8s %10s %8s   (%d demands)%n",
        "mode", "nDCG@10", "Recall@10", "MRR", qrels.size()));
    perMode.forEach((mode, list) -> table.append(String.format(Locale.ROOT, "%-8s %8.4f %10.4f %8.4f%n", mode,
        list.stream().mapToDouble(MatchEvaluation.Metrics::ndcgAt10).average().orElse(0),
        list.stream().mapToDouble(MatchEvaluation.Metrics::recallAt10).average().orElse(0),
        list.stream().mapToDouble(MatchEvaluation.Metrics::mrr).average().orElse(0))));
    return table.toString();
  }

  /** Waits until this instance's replica reports the newest outbox entry as applied. */
  private static void awaitIndexCaughtUp(Pool pool) throws InterruptedException {
    String sql = "SELECT (SELECT COALESCE(max(last_applied), 0) FROM index_replicas) >= (SELECT COALESCE(max(id), 0) FROM outbox)";
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (!pool.query(sql).execute().await().iterator().next().getBoolean(0)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the index did not catch up with the imported records");
      }
      Thread.sleep(100);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
