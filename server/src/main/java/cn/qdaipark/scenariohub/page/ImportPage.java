package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.importer.ImportService;
import cn.qdaipark.scenariohub.importer.XlsxPostings;
import cn.qdaipark.scenariohub.importer.XlsxTemplate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The admin's bulk import: upload a JSONL or CSV file of solutions or postings, or a 场景清单 XLSX workbook of
 * postings, and see each bad line or row.
 */
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
    boolean xlsx = isXlsx(file);
    if (xlsx && !"postings".equals(kind)) {
      show(ctx, 400, kind, Map.of("error", m.get("import_xlsx_postings_only")));
      return;
    }
    vertx.fileSystem().readFile(file.uploadedFileName())
        .onSuccess(content -> {
          if (xlsx) {
            // line N of the converted text is row N of the sheet, so the service's line numbers are already rows
            vertx.executeBlocking(() -> XlsxPostings.toNdjson(content.getBytes()), false)
                .onSuccess(ndjson -> run(ctx, admin, kind, ndjson, IntUnaryOperator.identity()))
                .onFailure(failure -> rejected(ctx, kind, failure, IntUnaryOperator.identity()));
            return;
          }
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
          run(ctx, admin, kind, converted.ndjson(), converted::rowOf);
        })
        .onFailure(ctx::fail);
  }

  /** The 场景清单 template, as the API serves it, for an admin signed in on the pages. */
  void template(RoutingContext ctx) {
    CurrentUser.requireRole(ctx, Role.ADMIN);
    XlsxTemplate.send(ctx);
  }

  private static boolean isXlsx(FileUpload file) {
    return file.fileName() != null && file.fileName().toLowerCase(Locale.ROOT).endsWith(".xlsx")
        || XlsxPostings.CONTENT_TYPE.equals(file.contentType());
  }

  /**
   * Imports NDJSON; for a converted spreadsheet {@code rowOf} turns the service's line numbers into the rows the
   * spreadsheet shows (null for a JSONL file, whose lines are shown as they are).
   */
  private void run(RoutingContext ctx, CurrentUser admin, String kind, String ndjson, IntUnaryOperator rowOf) {
    Messages m = Views.messages(ctx);
    ("postings".equals(kind) ? importer.importPostings(admin.id(), ndjson) : importer.importSolutions(admin.id(), ndjson))
        .onSuccess(report -> show(ctx, 200, kind, Map.of("imported", report.unchanged() == 0
            ? m.format("import_done", report.imported())
            : m.format("import_done_unchanged", report.imported(), report.unchanged()))))
        .onFailure(failure -> rejected(ctx, kind, failure, rowOf));
  }

  private void rejected(RoutingContext ctx, String kind, Throwable failure, IntUnaryOperator rowOf) {
    if (!(failure instanceof ApiException api) || api.status() != 400) {
      ctx.fail(failure);
      return;
    }
    Messages m = Views.messages(ctx);
    JsonObject error = api.toJson().getJsonObject("error");
    JsonArray lines = error.getJsonArray("lines", new JsonArray());
    Map<String, Object> result = new HashMap<>();
    result.put("error", MessageTranslator.translate(error.getString("message"), m));
    result.put("csv", rowOf != null);
    result.put("lines", lines.stream().map(JsonObject.class::cast)
        .map(l -> new LineError(rowOf == null || !(l.getValue("line") instanceof Number n) ? l.getValue("line")
            : rowOf.applyAsInt(n.intValue()), MessageTranslator.translate(l.getString("message"), m))).toList());
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
