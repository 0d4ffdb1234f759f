package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

public final class ImportRoutes {
  private final ImportService service;

  public ImportRoutes(ImportService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.post("/admin/import/solutions").handler(ctx -> run(ctx, service::importSolutions));
    api.post("/admin/import/postings").handler(ctx -> run(ctx, service::importPostings));
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

  private void run(RoutingContext ctx, BiFunction<Long, String, Future<ImportReport>> importer) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("导入内容为空：每行应是一条 JSON 记录");
    }
    importer.apply(admin.id(), body)
        .onSuccess(report -> Responses.json(ctx, 200, report.toJson()))
        .onFailure(ctx::fail);
  }
}
