package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The PDF attachments of an application: its lead adds (at most 3) and removes them while it may still edit the
 * application; whoever may read the application (its consortium, the issuer, the call's reviewers, admins) lists
 * and downloads them.
 */
public final class AttachmentService {
  public static final int MAX_ATTACHMENTS = 3;

  private final Vertx vertx;
  private final Pool pool;
  private final ApplicationService applications;
  private final AttachmentRepository attachments;
  private final AuditLog audit;

  public AttachmentService(Vertx vertx, Pool pool, ApplicationService applications, AttachmentRepository attachments,
                           AuditLog audit) {
    this.vertx = vertx;
    this.pool = pool;
    this.applications = applications;
    this.attachments = attachments;
    this.audit = audit;
  }

  /** Stores one uploaded file; the lead's right to edit is checked before the file is even read. */
  public Future<Attachment> upload(CurrentUser user, long applicationId, FileUpload upload) {
    return upload(user, applicationId, upload, InTransaction.nothing());
  }

  /** As above, running {@code alsoInTransaction} with the new attachment before the transaction commits. */
  public Future<Attachment> upload(CurrentUser user, long applicationId, FileUpload upload,
                                   InTransaction<Attachment> alsoInTransaction) {
    return applications.leadAction(user, applicationId)
        .compose(editable -> PdfUpload.read(vertx, upload))
        .compose(file -> pool.withTransaction(db -> attachments.lockApplication(db, applicationId)
            .compose(status -> Application.SUBMITTED.equals(status.orElse(null)) ? attachments.count(db, applicationId)
                : Future.failedFuture(ApiException.conflict("申报已不是「已提交」状态，不能再上传附件")))
            .compose(n -> n < MAX_ATTACHMENTS ? attachments.insert(db, applicationId, file, user.id())
                : Future.failedFuture(ApiException.conflict("每份申报最多 " + MAX_ATTACHMENTS + " 个附件，请先删除不需要的附件")))
            .compose(a -> audit.record(db, user.id(), "application.attachment.add", "application", applicationId,
                detail(a)).map(a))
            .compose(a -> alsoInTransaction.run(db, a).map(a))));
  }

  public Future<List<Attachment>> list(CurrentUser user, long applicationId) {
    return applications.get(user, applicationId)
        .compose(a -> attachments.list(pool, List.of(applicationId)))
        .map(byApplication -> byApplication.getOrDefault(applicationId, List.of()));
  }

  public Future<AttachmentRepository.Content> download(CurrentUser user, long applicationId, long attachmentId) {
    return applications.get(user, applicationId)
        .compose(a -> attachments.content(pool, applicationId, attachmentId))
        .map(found -> found.orElseThrow(() -> ApiException.notFound("附件")));
  }

  public Future<Attachment> delete(CurrentUser user, long applicationId, long attachmentId) {
    return applications.leadAction(user, applicationId)
        .compose(editable -> pool.withTransaction(db -> attachments.delete(db, applicationId, attachmentId)
            .map(found -> found.orElseThrow(() -> ApiException.notFound("附件")))
            .compose(a -> audit.record(db, user.id(), "application.attachment.delete", "application", applicationId,
                detail(a)).map(a))));
  }

  private static JsonObject detail(Attachment a) {
    return new JsonObject().put("attachmentId", a.id()).put("fileName", a.fileName()).put("size", a.size())
        .put("sha256", a.sha256());
  }
}
