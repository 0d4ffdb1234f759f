package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.application.Application.Endorsement;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.eligibility.ChallengeRules;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;

/**
 * Endorsement (推荐单位): when a call names an endorsing government body, each new application waits for that body's
 * members to endorse or decline it; until endorsed it does not count (the review hides it, it cannot be shortlisted
 * or awarded). The body decides once; the applicants hear of the decision.
 */
public final class EndorsementService {
  private final Pool pool;
  private final ApplicationRepository applications;
  private final EndorsementRepository endorsements = new EndorsementRepository();
  private final AuditLog audit;
  private final NotificationRepository notifications;

  public EndorsementService(Pool pool, ApplicationRepository applications, AuditLog audit,
                            NotificationRepository notifications) {
    this.pool = pool;
    this.applications = applications;
    this.audit = audit;
    this.notifications = notifications;
  }

  /** Queues a just-submitted application for the call's endorsing body, in the transaction that inserted it. */
  Future<Void> request(SqlClient db, long applicationId, Posting posting, ChallengeRules rules) {
    if (!rules.requiresEndorsement()) {
      return Future.succeededFuture();
    }
    return endorsements.await(db, applicationId, rules.endorsingOrganizationId())
        .compose(done -> notifications.notifyOrganizations(db, List.of(rules.endorsingOrganizationId()),
            "endorsement_requested", posting.id(), "待推荐的揭榜申报：" + posting.title(),
            "该榜单要求推荐单位推荐后申报方可参与评审，请在工作台出具推荐意见。", "/workspace"));
  }

  /** The live applications waiting for (or decided by) the caller's organization as the endorsing body. */
  public Future<List<Application>> list(CurrentUser user, String state) {
    if (user.role() != Role.GOVERNMENT || user.organizationId() == null) {
      return Future.failedFuture(ApiException.forbidden("只有推荐单位（政府部门）可以查看待推荐的申报"));
    }
    return applications.listByEndorser(pool, user.organizationId(), state);
  }

  public Future<Application> endorse(CurrentUser user, long applicationId, String note) {
    return decide(user, applicationId, Endorsement.ENDORSED, note);
  }

  public Future<Application> decline(CurrentUser user, long applicationId, String note) {
    return decide(user, applicationId, Endorsement.DECLINED, note);
  }

  private Future<Application> decide(CurrentUser user, long applicationId, String to, String note) {
    return pool.withTransaction(db -> applications.findByIdForUpdate(db, applicationId)
            .map(found -> found.orElseThrow(() -> ApiException.notFound("申报")))
            .compose(application -> decidable(user, application))
            .compose(application -> endorsements.decide(db, applicationId, to, user.id(), note)
                .compose(decided -> decided ? Future.succeededFuture()
                    : Future.failedFuture(ApiException.conflict("推荐单位已对该申报出具推荐意见，不能重复操作")))
                .compose(done -> audit.record(db, user.id(), "application.endorsement." + to, "application",
                    applicationId, new JsonObject().put("note", note)))
                .compose(done -> notifications.notifyOrganizations(db, application.memberOrganizations(),
                    "endorsement_" + to, application.postingId(), (Endorsement.ENDORSED.equals(to)
                        ? "您的揭榜申报已获推荐单位推荐：" : "推荐单位未推荐您的揭榜申报：") + application.postingTitle(),
                    Optional.ofNullable(note).orElse(""), "/postings/" + application.postingId()))))
        .compose(done -> applications.findById(pool, applicationId).map(Optional::orElseThrow));
  }

  private static Future<Application> decidable(CurrentUser user, Application application) {
    Long endorser = application.endorsement().organizationId();
    if (endorser == null || !user.belongsTo(endorser)) {
      return Future.failedFuture(ApiException.forbidden("只有该榜单指定的推荐单位可以出具推荐意见"));
    }
    if (Application.WITHDRAWN.equals(application.status())) {
      return Future.failedFuture(ApiException.conflict("该申报已撤回，无需推荐"));
    }
    // Only a submitted application is still in the running; one closed by the call's result or 流榜 is past deciding.
    if (!Application.SUBMITTED.equals(application.status())) {
      return Future.failedFuture(ApiException.conflict("申报当前状态为「" + ApplicationService.statusLabel(application.status())
          + "」，榜单已有结果，不能再出具推荐意见"));
    }
    return Future.succeededFuture(application);
  }
}
