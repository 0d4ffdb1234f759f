package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
  }

  private void run(RoutingContext ctx, BiFunction<Long, String, Future<Integer>> importer) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("导入内容为空：每行应是一条 JSON 记录");
    }
    importer.apply(admin.id(), body)
        .onSuccess(count -> Responses.json(ctx, 200, new JsonObject().put("imported", count)))
        .onFailure(ctx::fail);
  }
}
