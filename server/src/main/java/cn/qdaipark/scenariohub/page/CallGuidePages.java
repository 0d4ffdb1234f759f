package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.conversation.ContactDetails;
import cn.qdaipark.scenariohub.guide.CallGuide;
import cn.qdaipark.scenariohub.guide.CallGuideService;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The issuer sets a call's contact person and uploads its 申报指南 PDF on the call page; anyone who sees it downloads it. */
final class CallGuidePages {
  /** The guide as the call page shows it. */
  record GuideView(String contactName, String contactPhone, String contactEmail, String fileName, String size) {
    static GuideView of(CallGuide g) {
      return new GuideView(g.contact() == null ? null : g.contact().name(), g.contact() == null ? null : g.contact().phone(),
          g.contact() == null ? null : g.contact().email(), g.fileName(),
          g.sizeBytes() == null ? null : AttachmentPages.AttachmentView.size(g.sizeBytes()));
    }
  }

  private final Vertx vertx;
  private final CallGuideService guides;

  CallGuidePages(Vertx vertx, CallGuideService guides) {
    this.vertx = vertx;
    this.guides = guides;
  }

  void upload(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    Future.succeededFuture(ctx).map(AttachmentRoutes::singleFile)
        .compose(file -> PdfUpload.read(vertx, file))
        .compose(pdf -> guides.saveFile(user, id, pdf))
        .onSuccess(done -> Views.redirect(ctx, "/postings/" + id + "?notice=guide_saved#guide"))
        .onFailure(ctx::fail);
  }

  void contact(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    JsonObject form = Forms.read(ctx, List.of("name", "phone", "email"), List.of(), List.of(), List.of());
    Future.succeededFuture(form).map(ContactDetails::read)
        // the error page shows one message, so the fields' messages become that message
        .recover(failure -> Future.failedFuture(Forms.problems(failure)
            .<Throwable>map(fields -> new ApiException(400, "validation_failed", String.join("；", fields.values())))
            .orElse(failure)))
        .compose(contact -> guides.saveContact(user, id, contact))
        .onSuccess(done -> Views.redirect(ctx, "/postings/" + id + "?notice=contact_saved#guide"))
        .onFailure(ctx::fail);
  }

  void download(RoutingContext ctx) {
    guides.download(CurrentUser.of(ctx), PageRoutes.pathId(ctx))
        .onSuccess(file -> AttachmentRoutes.sendPdf(ctx, file.fileName(), file.sha256(), file.bytes()))
        .onFailure(ctx::fail);
  }
}
