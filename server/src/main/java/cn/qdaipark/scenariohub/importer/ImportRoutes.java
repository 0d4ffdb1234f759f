package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.http.ClosingAnswer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

public final class ImportRoutes {
  private final ImportService service;

  public ImportRoutes(ImportService service) {
    this.service = service;
  }

  /**
   * Mounted before the body handler: while another import runs, a new one is answered 503 at once instead of after
   * its whole file has been uploaded (and refused by the service all the same).
   */
  public static Handler<RoutingContext> refusedWhileBusy(ImportService service) {
    return ctx -> {
      if (ctx.request().method() == HttpMethod.POST && service.busy()) {
        ClosingAnswer.lingerAfter(ctx);
        ctx.fail(ApiException.unavailable(ImportService.BUSY));
      } else {
        ctx.next();
      }
    };
  }

  public void mount(Router api) {
    api.post("/admin/import/solutions").handler(ctx -> run(ctx, "solutions", service::importSolutions));
    api.post("/admin/import/postings").handler(ctx -> run(ctx, "postings", service::importPostings));
    api.post("/admin/import/postings.xlsx").handler(this::postingsFromXlsx);
    api.get("/admin/import/postings-template.xlsx").handler(this::template);
  }

  /** The body is the .xlsx file itself; reading the workbook runs on a worker, the import as for NDJSON. */
  private void postingsFromXlsx(RoutingContext ctx) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("导入内容为空：请求体应是 .xlsx 文件");
    }
    ctx.vertx().executeBlocking(() -> XlsxPostings.toNdjson(bytes), false)
        .compose(ndjson -> service.importPostings(admin.id(), ndjson).recover(e -> Future.failedFuture(XlsxPostings.namingRows(e))))
        .onSuccess(report -> Responses.json(ctx, 200, report.toJson()))
        .onFailure(ctx::fail);
  }

  private void template(RoutingContext ctx) {
    CurrentUser.requireRole(ctx, Role.ADMIN);
    XlsxTemplate.send(ctx);
  }

  private interface Importer {
    Future<ImportReport> apply(Long actorId, String ndjson, ImportService.Progress progress);
  }

  private void run(RoutingContext ctx, String what, Importer importer) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("导入内容为空：每行应是一条 JSON 记录");
    }
    ImportProgressLog progress = new ImportProgressLog(what);
    importer.apply(admin.id(), body, progress)
        .onSuccess(progress::answered)
        .onSuccess(report -> Responses.json(ctx, 200, report.toJson()))
        .onFailure(ctx::fail);
  }
}
