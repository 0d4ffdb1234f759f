package cn.qdaipark.scenariohub.mail;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/** For admins: the e-mail outbox by status (failed ones first of all) with the counts of each status. */
public final class MailRoutes {
  private final Pool pool;
  private final EmailOutbox outbox = new EmailOutbox();

  public MailRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router api) {
    api.get("/admin/email-outbox").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    CurrentUser.requireRole(ctx, Role.ADMIN);
    String status = Params.oneOf(ctx, "status", Set.of("pending", "sent", "failed"));
    PageRequest page = PageRequest.from(ctx);
    outbox.counts(pool)
        .compose(counts -> outbox.list(pool, status == null ? "failed" : status, page)
            .map(rows -> rows.toJson(page, row -> row).put("counts", counts)))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }
}
