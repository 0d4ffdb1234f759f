package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.Application;
import cn.qdaipark.scenariohub.application.Attachment;
import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Params;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PDF attachments of an application on the pages: the lead uploads and deletes them from its application
 * form (a refused file comes back as a message next to the file field), and whoever may read the application
 * downloads them with their login cookie. The rules are the attachment service's.
 */
final class AttachmentPages {
  /** The refusals shown next to the file field rather than as an error page. */
  private static final Set<Integer> FIELD_STATUSES = Set.of(400, 409, 413, 415);

  record AttachmentView(long id, long applicationId, String name, String size, String sha256) {
    static AttachmentView of(Attachment a) {
      return new AttachmentView(a.id(), a.applicationId(), a.fileName(), size(a.size()), a.sha256());
    }

    static String size(int bytes) {
      return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / (1024.0 * 1024))
          : Math.max(1, Math.round(bytes / 1024.0)) + " KB";
    }
  }

  private final PageRoutes.Workflow w;
  private final ChallengePages challengeFlow;

  AttachmentPages(PageRoutes.Workflow w, ChallengePages challengeFlow) {
    this.w = w;
    this.challengeFlow = challengeFlow;
  }

  static List<AttachmentView> views(List<Attachment> attachments) {
    return attachments.stream().map(AttachmentView::of).toList();
  }

  void upload(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER);
    long id = PageRoutes.pathId(ctx);
    w.applications().get(user, id).compose(a -> Future.succeededFuture(ctx)
            .map(AttachmentRoutes::singleFile)
            .compose(file -> w.attachments().upload(user, id, file))
            .<Void>mapEmpty()
            .onSuccess(done -> Views.redirect(ctx, "/postings/" + a.postingId() + "/apply?notice=attached#attachments"))
            .recover(failure -> backToForm(ctx, user, a, failure)))
        .onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    long attachmentId = Params.pathId(ctx, "attachmentId");
    w.applications().get(user, id).compose(a -> w.attachments().delete(user, id, attachmentId)
            .onSuccess(done -> Views.redirect(ctx, "/postings/" + a.postingId()
                + "/apply?notice=attachment_deleted#attachments")))
        .onFailure(ctx::fail);
  }

  void download(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    w.attachments().download(user, PageRoutes.pathId(ctx), Params.pathId(ctx, "attachmentId"))
        .onSuccess(content -> AttachmentRoutes.send(ctx, content))
        .onFailure(ctx::fail);
  }

  private Future<Void> backToForm(RoutingContext ctx, CurrentUser user, Application a, Throwable failure) {
    if (!(failure instanceof ApiException api) || !FIELD_STATUSES.contains(api.status())) {
      return Future.failedFuture(failure);
    }
    JsonObject fields = api.toJson().getJsonObject("error").getJsonObject("fields");
    String message = fields != null && fields.containsKey("file") ? fields.getString("file") : api.getMessage();
    challengeFlow.showSaved(ctx, api.status(), user, a.postingId(), Map.of("file", message));
    return Future.succeededFuture();
  }
}
