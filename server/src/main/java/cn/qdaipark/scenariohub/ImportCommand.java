package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.db.Database;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.importer.ImportReport;
import cn.qdaipark.scenariohub.importer.ImportService;
import cn.qdaipark.scenariohub.importer.ImportedVectors;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.PostingEventRepository;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code import solutions|postings FILE}: the bulk import of the API, from the command line, with progress. */
final class ImportCommand {
  private ImportCommand() {
  }

  static int run(AppConfig config, String[] args) {
    if (args.length != 2 || !(args[0].equals("solutions") || args[0].equals("postings"))) {
      System.err.println("usage: java -jar scenariohub-all.jar import solutions|postings FILE.jsonl");
      System.err.println("  a line may carry its vector, \"embedding\": {\"model\": \"" + BgeSmallZhEmbedder.MODEL_ID
          + "\", \"vector\": [" + BgeSmallZhEmbedder.DIMENSION + " numbers]} (as the admin NDJSON export writes it);"
          + " such a line is not embedded again");
      return 2;
    }
    String body;
    try {
      body = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("cannot read " + args[1] + ": " + e.getMessage());
      return 2;
    }
    try (Database database = Database.open(config)) {
      database.migrate();
      Vertx vertx = Vertx.vertx();
      Pool pool = database.pool(vertx, config);
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      WorkerExecutor workers = vertx.createSharedWorkerExecutor("embedding", threads);
      BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder();
      ImportService importer = new ImportService(pool, new SolutionRepository(), new PostingRepository(), new PostingEventRepository(),
          new OrganizationRepository(), new AuditLog(), new TextEmbeddings(embedder, workers, workers),
          ImportedVectors.of(embedder), workers, ImportService.Searchable.NOT_WAITING);
      ImportService.Progress progress = (phase, done, total) -> {
        if (done % 50 == 0 || done == total) {
          System.err.printf("\r  %-7s %d / %d records (%d%%)", phase, done, total, done * 100 / Math.max(1, total));
        }
      };
      try {
        Future<ImportReport> result = args[0].equals("solutions")
            ? importer.importSolutions(null, body, progress)
            : importer.importPostings(null, body, progress);
        ImportReport report = result.await(30, TimeUnit.MINUTES);
        System.err.println();
        System.out.println("imported " + report.imported() + " " + args[0] + " from " + args[1] + ", "
            + report.unchanged() + " unchanged");
        return 0;
      } catch (ApiException e) {
        System.err.println();
        JsonObject error = e.toJson().getJsonObject("error");
        System.err.println("import refused, nothing stored: " + error.getString("message"));
        if (error.getJsonArray("lines") != null) {
          error.getJsonArray("lines").forEach(l -> System.err.println("  line " + ((JsonObject) l).getInteger("line")
              + ": " + ((JsonObject) l).getString("message")));
        }
        return 1;
      } catch (Exception e) {
        System.err.println();
        System.err.println("import failed, nothing stored: " + e.getMessage());
        return 1;
      } finally {
        Resources.close(null, pool, vertx);
      }
    }
  }
}
