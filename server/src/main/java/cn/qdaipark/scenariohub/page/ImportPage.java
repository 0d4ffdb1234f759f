package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.importer.ImportService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The admin's bulk import: upload a JSONL or CSV file of solutions or postings and see each bad line or row. */
final class ImportPage {
  private final Views views;
  private final ImportService importer;
  private final Vertx vertx;

  ImportPage(Views views, ImportService importer, Vertx vertx) {
    this.views = views;
    this.importer = importer;
    this.vertx = vertx;
  }

  record LineError(Object line, String message) {
  }

  void form(RoutingContext ctx) {
    CurrentUser.requireRole(ctx, Role.ADMIN);
    show(ctx, 200, "solutions", Map.of());
  }

  void upload(RoutingContext ctx) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    Messages m = Views.messages(ctx);
    String kind = "postings".equals(ctx.request().getFormAttribute("kind")) ? "postings" : "solutions";
    List<FileUpload> files = ctx.fileUploads();
    if (files.isEmpty() || files.get(0).size() == 0) {
      show(ctx, 400, kind, Map.of("error", m.get("import_no_file")));
      return;
    }
    FileUpload file = files.get(0);
    boolean csv = CsvImport.isCsv(file.fileName(), file.contentType());
    vertx.fileSystem().readFile(file.uploadedFileName())
        .onSuccess(content -> {
          if (!csv) {
            run(ctx, admin, kind, content.toString(), null);
            return;
          }
          CsvImport.Converted converted = CsvImport.convert(CsvImport.decode(content.getBytes()), "postings".equals(kind));
          if (!converted.problems().isEmpty()) {
            show(ctx, 400, kind, Map.of("error", m.format("import_csv_failed", converted.problems().size()), "csv", true,
                "lines", converted.problems().stream()
                    .map(p -> new LineError(p.row(), m.format(p.key(), p.args()))).toList()));
            return;
          }
          run(ctx, admin, kind, converted.ndjson(), converted);
        })
        .onFailure(ctx::fail);
  }

  /** Imports NDJSON; for a converted CSV file the service's line numbers are shown as CSV rows. */
  private void run(RoutingContext ctx, CurrentUser admin, String kind, String ndjson, CsvImport.Converted csv) {
    Messages m = Views.messages(ctx);
    ("postings".equals(kind) ? importer.importPostings(admin.id(), ndjson) : importer.importSolutions(admin.id(), ndjson))
        .onSuccess(count -> show(ctx, 200, kind, Map.of("imported", m.format("import_done", count))))
        .onFailure(failure -> rejected(ctx, kind, failure, csv));
  }

  private void rejected(RoutingContext ctx, String kind, Throwable failure, CsvImport.Converted csv) {
    if (!(failure instanceof ApiException api) || api.status() != 400) {
      ctx.fail(failure);
      return;
    }
    Messages m = Views.messages(ctx);
    JsonObject error = api.toJson().getJsonObject("error");
    JsonArray lines = error.getJsonArray("lines", new JsonArray());
    Map<String, Object> result = new HashMap<>();
    result.put("error", MessageTranslator.translate(error.getString("message"), m));
    result.put("csv", csv != null);
    result.put("lines", lines.stream().map(JsonObject.class::cast)
        .map(l -> new LineError(csv == null || !(l.getValue("line") instanceof Number n) ? l.getValue("line")
            : csv.rowOf(n.intValue()), MessageTranslator.translate(l.getString("message"), m))).toList());
    show(ctx, 400, kind, result);
  }

  private void show(RoutingContext ctx, int status, String kind, Map<String, Object> result) {
    Messages m = Views.messages(ctx);
    Map<String, Object> model = new HashMap<>(result);
    model.put("kinds", List.of(new Forms.Option("solutions", m.get("import_solutions"), "solutions".equals(kind)),
        new Forms.Option("postings", m.get("import_postings"), "postings".equals(kind))));
    views.render(ctx, status, "import", m.get("import_title"), model);
  }
}
