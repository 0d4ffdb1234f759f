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

/** The admin's bulk import: upload a JSONL file of solutions or postings and see each bad line. */
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
    String kind = "postings".equals(ctx.request().getFormAttribute("kind")) ? "postings" : "solutions";
    List<FileUpload> files = ctx.fileUploads();
    if (files.isEmpty() || files.get(0).size() == 0) {
      show(ctx, 400, kind, Map.of("error", Views.messages(ctx).get("import_no_file")));
      return;
    }
    vertx.fileSystem().readFile(files.get(0).uploadedFileName())
        .compose(content -> {
          String text = content.toString();
          return "postings".equals(kind) ? importer.importPostings(admin.id(), text) : importer.importSolutions(admin.id(), text);
        })
        .onSuccess(count -> show(ctx, 200, kind, Map.of("imported", Views.messages(ctx).format("import_done", count))))
        .onFailure(failure -> rejected(ctx, kind, failure));
  }

  private void rejected(RoutingContext ctx, String kind, Throwable failure) {
    if (!(failure instanceof ApiException api) || api.status() != 400) {
      ctx.fail(failure);
      return;
    }
    JsonObject error = api.toJson().getJsonObject("error");
    JsonArray lines = error.getJsonArray("lines", new JsonArray());
    show(ctx, 400, kind, Map.of("error", error.getString("message"), "lines", lines.stream().map(JsonObject.class::cast)
        .map(l -> new LineError(l.getValue("line"), l.getString("message"))).toList()));
  }

  private void show(RoutingContext ctx, int status, String kind, Map<String, Object> result) {
    Messages m = Views.messages(ctx);
    Map<String, Object> model = new HashMap<>(result);
    model.put("kinds", List.of(new Forms.Option("solutions", m.get("import_solutions"), "solutions".equals(kind)),
        new Forms.Option("postings", m.get("import_postings"), "postings".equals(kind))));
    views.render(ctx, status, "import", m.get("import_title"), model);
  }
}
