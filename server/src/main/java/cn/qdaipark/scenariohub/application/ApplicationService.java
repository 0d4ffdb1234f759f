package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.conversation.ConversationService;
import cn.qdaipark.scenariohub.eligibility.RulesService;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of applying (揭榜申报): providers apply to an open call before its deadline within the call's
 * 申报条件 (verified by default; see {@link RulesService}), one live application per lead organization, a consortium
 * of the lead and at most 4 partners who each confirm; the lead edits or withdraws until the deadline and never after.
 */
public final class ApplicationService {
  static final int MAX_PARTNERS = 4;
  /** The issuer would judge (and could award) its own consortium. */
  public static final String PARTNER_INVITED = "partner_invited";
  public static final String INVITATION_DECLINED = "invitation_declined";
  private static final String DECLINED_CONFIRM = "您已拒绝该联合体邀请，需牵头单位重新邀请后才能确认";
  private static final String ISSUER_AS_PARTNER = "发布单位不能加入申报本单位榜单的联合体";

  private final Pool pool;
  private final ApplicationRepository applications;
  private final PostingRepository postingRepository;
  private final PostingService postings;
  private final OrganizationRepository organizations;
  private final SolutionRepository solutions;
  private final AuditLog audit;
  private final NotificationRepository notifications;
  private final RulesService rules;
  private final EndorsementService endorsements;
  private final ConversationService conversations;

  public ApplicationService(Pool pool, ApplicationRepository applications, PostingRepository postingRepository,
                            PostingService postings, OrganizationRepository organizations, SolutionRepository solutions,
                            AuditLog audit,
                            NotificationRepository notifications, RulesService rules, EndorsementService endorsements,
                            ConversationService conversations) {
    this.pool = pool;
    this.applications = applications;
    this.postingRepository = postingRepository;
    this.postings = postings;
    this.organizations = organizations;
    this.solutions = solutions;
    this.audit = audit;
    this.notifications = notifications;
    this.rules = rules;
    this.endorsements = endorsements;
    this.conversations = conversations;
  }

  public Future<Application> submit(CurrentUser user, long postingId, JsonObject body) {
    return submit(user, postingId, body, InTransaction.nothing());
  }

  /** As above, running {@code alsoInTransaction} with the new application before the transaction commits. */
  public Future<Application> submit(CurrentUser user, long postingId, JsonObject body,
                                    InTransaction<Application> alsoInTransaction) {
    if (user.role() != Role.PROVIDER) {
      return Future.failedFuture(ApiException.forbidden("只有供应商账号可以揭榜申报"));
    }
    long orgId = user.organization();
    return postings.get(Optional.of(user), postingId)
        .compose(this::openForApplying)
        .compose(posting -> {
          ProposalInput input = ProposalInput.read(body, posting);
          return pool.withTransaction(db -> applications.hasLiveApplication(db, postingId, orgId)
              .compose(exists -> exists ? Future.failedFuture(duplicate()) : offeredSolutions(db, orgId, input))
              .compose(ok -> organizations.findById(db, orgId))
              .compose(org -> rules.checkApplicant(db, posting, org.orElseThrow(), input.solutionIds()))
              .compose(callRules -> applications.insert(db, postingId, orgId, user.id(), input.toJson(posting),
                      input.solutionIds())
                  .compose(id -> endorsements.request(db, id, posting, callRules).map(id)))
              .compose(id -> audit.record(db, user.id(), "application.submit", "application", id,
                  new JsonObject().put("postingId", postingId)).map(id))
              .compose(id -> notifications.notifyOrganizations(db, List.of(posting.organizationId()),
                  "application_received", postingId, "收到新的揭榜申报：" + posting.title(),
                  "揭榜单位已提交申报，截止后可在评审页查看。", "/postings/" + postingId + "/review").map(id))
              .compose(id -> conversations.open(db, postingId, null, orgId, posting.organizationId()).map(id))
              .compose(id -> applications.findById(db, id).map(Optional::orElseThrow))
              .compose(created -> alsoInTransaction.run(db, created).map(created)));
        })
        .recover(ApplicationService::duplicateAsConflict);
  }

  /**
   * The applications to a call the caller may see: all for the issuer and admins, those that count (not waiting for
   * an endorsement) for reviewers; otherwise its own.
   */
  public Future<List<Application>> list(CurrentUser user, long postingId) {
    return postings.get(Optional.of(user), postingId)
        .compose(posting -> applications.isReviewer(pool, postingId, user.id()).compose(reviewer -> {
          boolean issuer = user.isAdmin() || user.belongsTo(posting.organizationId());
          return applications.listForPosting(pool, postingId, issuer || reviewer, user.organizationId(), !reviewer || issuer)
              .map(list -> issuer ? list
                  : list.stream().filter(a -> a.counts() || a.involves(user.organizationId())).toList());
        }));
  }

  public Future<Application> get(CurrentUser user, long id) {
    return applications.findById(pool, id)
        .compose(found -> found.map(a -> mayRead(pool, user, a).map(ok -> ok ? a : null))
            .orElse(Future.succeededFuture()))
        .compose(a -> a == null ? Future.failedFuture(ApiException.notFound("申报")) : Future.succeededFuture(a));
  }

  public Future<Application> update(CurrentUser user, long id, int version, JsonObject body) {
    return leadAction(user, id).compose(found -> {
      ProposalInput input = ProposalInput.read(body, found.posting());
      return pool.withTransaction(db -> offeredSolutions(db, found.application().leadOrganizationId(), input)
          .compose(ok -> rules.checkOffer(db, found.posting().id(), input.solutionIds()))
          .compose(ok -> applications.update(db, id, version, input.toJson(found.posting()), input.solutionIds()))
          .compose(updated -> updated
              ? audit.record(db, user.id(), "application.update", "application", id, new JsonObject().put("version", version))
              : Future.failedFuture(ApiException.conflict("申报书已被他人修改，请刷新后再编辑"))));
    }).compose(done -> load(id));
  }

  /** Withdraws the application; its partners and the issuer are told. */
  public Future<Application> withdraw(CurrentUser user, long id) {
    return leadAction(user, id)
        .compose(found -> pool.withTransaction(db -> applications.setStatus(db, id, Application.SUBMITTED, Application.WITHDRAWN)
            .compose(done -> audit.record(db, user.id(), "application.withdraw", "application", id, null))
            .compose(done -> notifyWithdrawal(db, found))))
        .compose(done -> load(id));
  }

  private Future<Void> notifyWithdrawal(SqlClient db, LeadAction found) {
    Posting posting = found.posting();
    // Every invited partner, confirmed or not (unlike memberOrganizations()): its invitation becomes void too.
    List<Long> partners = found.application().partners().stream().map(Application.Partner::organizationId).toList();
    String link = "/postings/" + posting.id();
    return notifications.notifyOrganizations(db, List.of(posting.organizationId()), "application_withdrawn",
            posting.id(), "揭榜申报已撤回：" + posting.title(), "一家揭榜单位撤回了申报。", link + "/review")
        .compose(done -> partners.isEmpty() ? Future.succeededFuture()
            : notifications.notifyOrganizations(db, partners, "application_withdrawn", posting.id(),
                "牵头单位已撤回联合申报：" + posting.title(), "您所在联合体的申报已被牵头单位撤回。", link));
  }

  public Future<Application> addPartner(CurrentUser user, long id, long partnerOrgId) {
    return leadAction(user, id)
        .compose(found -> pool.withTransaction(db -> applications.findByIdForUpdate(db, id)
            .compose(locked -> partnerAllowed(db, locked.orElseThrow(), partnerOrgId))
            .compose(ok -> rules.checkPartner(db, found.posting().id(), partnerOrgId, true))
            .compose(ok -> applications.addPartner(db, id, partnerOrgId))
            .compose(added -> added ? Future.succeededFuture()
                : Future.failedFuture(ApiException.conflict("该单位已在联合体中")))
            .compose(done -> notifications.notifyOrganizations(db, List.of(partnerOrgId), PARTNER_INVITED,
                found.posting().id(), "联合体邀请待确认：" + found.application().leadOrganization() + " 邀请贵单位联合申报「"
                    + found.posting().title() + "」",
                "牵头单位「" + found.application().leadOrganization() + "」邀请贵单位作为联合体成员，共同申报揭榜榜单「"
                    + found.posting().title() + "」（申报截止 " + found.posting().deadline() + "）。请在截止前确认参与或拒绝邀请。",
                "/applications/" + id + "/invitation"))
            .compose(done -> audit.record(db, user.id(), "application.partner.add", "application", id,
                new JsonObject().put("organizationId", partnerOrgId)))))
        .recover(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(ApiException.conflict("该单位已在联合体中"))
            : Future.failedFuture(failure))
        .compose(done -> load(id));
  }

  public Future<Application> confirmPartner(CurrentUser user, long id, long partnerOrgId) {
    if (!user.belongsTo(partnerOrgId)) {
      return Future.failedFuture(ApiException.forbidden("只有联合体成员单位本身可以确认参与"));
    }
    return applications.findById(pool, id)
        .map(found -> found.filter(a -> a.partners().stream().anyMatch(p -> p.organizationId() == partnerOrgId))
            .orElseThrow(() -> ApiException.notFound("联合体邀请")))
        .compose(a -> invitationOf(a, partnerOrgId).declinedAt() != null
            ? Future.<Application>failedFuture(ApiException.conflict(DECLINED_CONFIRM)) : Future.succeededFuture(a))
        .compose(a -> partnerOrgId == a.postingOrganizationId()
            ? Future.<Application>failedFuture(ApiException.forbidden(ISSUER_AS_PARTNER)) : Future.succeededFuture(a))
        .compose(a -> postingRepository.findById(pool, a.postingId()).map(Optional::orElseThrow))
        .compose(this::openForApplying)
        .compose(posting -> pool.withTransaction(db -> rules.checkPartner(db, posting.id(), partnerOrgId, false)
            .compose(ok -> applications.confirmPartner(db, id, partnerOrgId, user.id()))
            .compose(confirmed -> confirmed
                ? audit.record(db, user.id(), "application.partner.confirm", "application", id,
                    new JsonObject().put("organizationId", partnerOrgId))
                : Future.succeededFuture())))
        .compose(done -> load(id));
  }

  /**
   * The invited partner declines, with an optional reason: the lead organization is told and sees the invitation as
   * declined; the partner can take part again only if the lead invites it anew.
   */
  public Future<Application> declinePartner(CurrentUser user, long id, long partnerOrgId, String reason) {
    if (!user.belongsTo(partnerOrgId)) {
      return Future.failedFuture(ApiException.forbidden("只有受邀单位本身可以拒绝邀请"));
    }
    return pool.withTransaction(db -> applications.findByIdForUpdate(db, id)
            .map(found -> found.filter(a -> a.partners().stream().anyMatch(p -> p.organizationId() == partnerOrgId))
                .orElseThrow(() -> ApiException.notFound("联合体邀请")))
            .compose(a -> {
              Application.Partner invitation = invitationOf(a, partnerOrgId);
              if (Application.WITHDRAWN.equals(a.status())) {
                return Future.failedFuture(ApiException.conflict("该申报已撤回，邀请已失效"));
              }
              if (invitation.confirmedAt() != null) {
                return Future.failedFuture(ApiException.conflict("已确认参与联合体，不能再拒绝邀请"));
              }
              if (invitation.declinedAt() != null) {
                return Future.failedFuture(ApiException.conflict("您已拒绝过该联合体邀请"));
              }
              return applications.declinePartner(db, id, partnerOrgId, user.id(), reason)
                  .compose(declined -> declined ? Future.succeededFuture()
                      : Future.failedFuture(ApiException.conflict("您已拒绝过该联合体邀请")))
                  .compose(done -> audit.record(db, user.id(), "application.partner.decline", "application", id,
                      new JsonObject().put("organizationId", partnerOrgId).put("reason", reason)))
                  .compose(done -> notifications.notifyOrganizations(db, List.of(a.leadOrganizationId()),
                      INVITATION_DECLINED, a.postingId(), invitation.name() + " 拒绝了联合申报邀请：" + a.postingTitle(),
                      "受邀单位「" + invitation.name() + "」拒绝加入您牵头的联合申报。"
                          + (reason == null ? "" : "理由：" + reason), "/postings/" + a.postingId() + "/apply"));
            }))
        .compose(done -> load(id));
  }

  private static Application.Partner invitationOf(Application a, long partnerOrgId) {
    return a.partners().stream().filter(p -> p.organizationId() == partnerOrgId).findFirst().orElseThrow();
  }

  record LeadAction(Application application, Posting posting) {
  }

  /** An application its lead may still change: submitted, to a call still open, before the deadline. */
  Future<LeadAction> leadAction(CurrentUser user, long id) {
    return get(user, id)
        .compose(a -> {
          if (!user.belongsTo(a.leadOrganizationId())) {
            return Future.failedFuture(ApiException.forbidden("只有牵头单位可以修改、撤回申报或邀请联合体成员"));
          }
          if (!Application.SUBMITTED.equals(a.status())) {
            return Future.failedFuture(ApiException.conflict("申报当前状态为「" + statusLabel(a.status()) + "」，不能再修改"));
          }
          return postingRepository.findById(pool, a.postingId())
              .compose(p -> openForApplying(p.orElseThrow()))
              .map(p -> new LeadAction(a, p));
        });
  }

  private Future<Posting> openForApplying(Posting posting) {
    if (!"challenge".equals(posting.kind())) {
      return Future.failedFuture(ApiException.conflict("只有揭榜挂帅榜单接受申报"));
    }
    if (postings.isExpired(posting) || PostingStatus.REVIEW.equals(posting.status())) {
      return Future.failedFuture(ApiException.conflict("申报已于 " + posting.deadline() + " 截止，不能再申报、修改或撤回"));
    }
    if (!PostingStatus.OPEN.equals(posting.status())) {
      return Future.failedFuture(ApiException.conflict("该榜单当前为「" + PostingStatus.label(posting.kind(), posting.status())
          + "」，不接受申报"));
    }
    return Future.succeededFuture(posting);
  }

  private Future<Void> offeredSolutions(SqlClient db, long orgId, ProposalInput input) {
    if (input.solutionIds().isEmpty()) {
      return Future.succeededFuture();
    }
    return solutions.findByIds(db, input.solutionIds()).compose(found -> {
      boolean allOwnPublished = found.size() == input.solutionIds().size()
          && found.stream().allMatch(s -> s.organizationId() == orgId && s.isPublished());
      return allOwnPublished ? Future.succeededFuture()
          : Future.failedFuture(ApiException.validation(Map.of("solutionIds", "只能提供本单位已发布的方案")));
    });
  }

  private Future<Void> partnerAllowed(SqlClient db, Application application, long partnerOrgId) {
    if (partnerOrgId == application.leadOrganizationId()) {
      return Future.failedFuture(ApiException.validation(Map.of("organizationId", "牵头单位不能同时作为联合体成员")));
    }
    if (partnerOrgId == application.postingOrganizationId()) {
      return Future.failedFuture(ApiException.validation(Map.of("organizationId", ISSUER_AS_PARTNER)));
    }
    if (application.partners().stream().filter(p -> p.declinedAt() == null && p.organizationId() != partnerOrgId)
        .count() >= MAX_PARTNERS) {
      return Future.failedFuture(ApiException.conflict("联合体除牵头单位外最多 " + MAX_PARTNERS + " 家成员单位，已达上限"));
    }
    return organizations.findById(db, partnerOrgId).compose(org -> org.isPresent() ? Future.succeededFuture()
        : Future.failedFuture(ApiException.validation(Map.of("organizationId", "该组织不存在"))));
  }

  private Future<Boolean> mayRead(SqlClient db, CurrentUser user, Application a) {
    if (user.isAdmin() || user.belongsTo(a.postingOrganizationId()) || a.involves(user.organizationId())
        || a.endorsement().organizationId() != null && user.belongsTo(a.endorsement().organizationId())) {
      return Future.succeededFuture(true);
    }
    // Reviewers see only what counts, as in list(): an application waiting for (or refused) endorsement is not theirs.
    return a.counts() ? applications.isReviewer(db, a.postingId(), user.id()) : Future.succeededFuture(false);
  }

  private Future<Application> load(long id) {
    return applications.findById(pool, id).map(Optional::orElseThrow);
  }

  private static ApiException duplicate() {
    return ApiException.conflict("本单位已申报该榜单，每家牵头单位只能提交一份申报（可修改或撤回后重新申报）");
  }

  private static <T> Future<T> duplicateAsConflict(Throwable failure) {
    return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(duplicate()) : Future.failedFuture(failure);
  }

  static String statusLabel(String status) {
    return switch (status) {
      case Application.SUBMITTED -> "已提交";
      case Application.WITHDRAWN -> "已撤回";
      case Application.SHORTLISTED -> "入围";
      case Application.AWARDED -> "揭榜成功";
      case Application.NOT_AWARDED -> "未中选";
      default -> status;
    };
  }
}
