package cn.qdaipark.scenariohub.eligibility;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application rules of a call: its issuer sets them before anyone applies (afterwards they would judge the
 * applications already in by rules they did not know), and applying and joining a consortium are checked against
 * them. Who you are is refused with 403 (unverified, region), a limit reached with 409 like the one-per-lead rule,
 * and what you offer with a 400 on the offered solutions.
 */
public final class RulesService {
  private static final Set<String> EDITABLE = Set.of(PostingStatus.DRAFT, PostingStatus.PENDING, PostingStatus.OPEN);

  private final Pool pool;
  private final RulesRepository rules = new RulesRepository();
  private final PostingService postings;
  private final OrganizationRepository organizations;
  private final SolutionRepository solutions;
  private final AuditLog audit;

  public RulesService(Pool pool, PostingService postings, OrganizationRepository organizations,
                      SolutionRepository solutions, AuditLog audit) {
    this.pool = pool;
    this.postings = postings;
    this.organizations = organizations;
    this.solutions = solutions;
    this.audit = audit;
  }

  /** The rules of a call, public like the call itself (applicants must know them before applying). */
  public Future<ChallengeRules> rules(Optional<CurrentUser> user, long postingId) {
    return postings.get(user, postingId).compose(posting -> rules.find(pool, postingId))
        .map(found -> found.orElse(ChallengeRules.DEFAULT));
  }

  public Future<ChallengeRules> setRules(CurrentUser user, long postingId, ChallengeRules input) {
    return postings.get(Optional.of(user), postingId)
        .compose(posting -> editable(user, posting))
        .compose(posting -> endorser(input))
        .compose(ok -> pool.withTransaction(db -> rules.lockCall(db, postingId)
            .compose(locked -> rules.anyLiveApplication(db, postingId))
            .compose(applied -> applied
                ? Future.failedFuture(ApiException.conflict("已有单位申报该榜单，不能再修改申报条件"))
                : rules.save(db, postingId, input, user.id()))
            .compose(done -> audit.record(db, user.id(), "posting.rules", "posting", postingId, input.toJson()))))
        .compose(done -> rules.find(pool, postingId).map(Optional::orElseThrow));
  }

  /**
   * Checks a lead organization and its offered solutions against the call's rules, inside the transaction that
   * inserts the application; the call stays locked against other applications and rule changes until it commits.
   */
  public Future<ChallengeRules> checkApplicant(SqlClient db, Posting posting, Organization lead, List<Long> solutionIds) {
    return rules.lockCall(db, posting.id())
        .compose(locked -> rules.find(db, posting.id())).map(found -> found.orElse(ChallengeRules.DEFAULT))
        .compose(r -> {
          if (r.requireVerified() && !lead.verified()) {
            return Future.failedFuture(ApiException.forbidden("申报单位「" + lead.name() + "」尚未通过平台认证，认证后才能揭榜申报"));
          }
          if (!r.admitsRegion(lead.region())) {
            return Future.failedFuture(ApiException.forbidden("本榜单申报条件限定牵头单位所在地区为：" + String.join("、", r.regions())
                + "；「" + lead.name() + "」登记的地区为「" + (lead.region().isEmpty() ? "未填写" : lead.region()) + "」"));
          }
          return withinLimit(db, posting.id(), lead, 1, r)
              .compose(ok -> offerReaches(db, r, solutionIds))
              .map(r);
        });
  }

  /** Checks an edited offer against the call's minimum maturity. */
  public Future<Void> checkOffer(SqlClient db, long postingId, List<Long> solutionIds) {
    return rules.find(db, postingId).compose(found -> offerReaches(db, found.orElse(ChallengeRules.DEFAULT), solutionIds));
  }

  /**
   * Checks the per-organization limit for an organization joining an application as a partner: {@code adding} when
   * it is being invited (the application does not count for it yet), not when it confirms an invitation.
   */
  public Future<Void> checkPartner(SqlClient db, long postingId, long orgId, boolean adding) {
    return rules.lockCall(db, postingId).compose(locked -> rules.find(db, postingId)).compose(found -> {
      ChallengeRules r = found.orElse(ChallengeRules.DEFAULT);
      if (r.maxApplicationsPerOrganization() == null) {
        return Future.succeededFuture();
      }
      return organizations.findById(db, orgId)
          .compose(org -> withinLimit(db, postingId, org.orElseThrow(), adding ? 1 : 0, r));
    });
  }

  private Future<Void> withinLimit(SqlClient db, long postingId, Organization org, int adding, ChallengeRules r) {
    Integer max = r.maxApplicationsPerOrganization();
    if (max == null) {
      return Future.succeededFuture();
    }
    return rules.takingPart(db, postingId, org.id()).compose(n -> n + adding <= max ? Future.succeededFuture()
        : Future.failedFuture(ApiException.conflict("本榜单申报条件规定每家单位最多参与 " + max
            + " 份申报（作为牵头单位或联合体成员），「" + org.name() + "」已参与 " + n + " 份")));
  }

  private Future<Void> offerReaches(SqlClient db, ChallengeRules r, List<Long> solutionIds) {
    if (r.minMaturity() == null) {
      return Future.succeededFuture();
    }
    Future<Boolean> reached = solutionIds.isEmpty() ? Future.succeededFuture(false)
        : solutions.findByIds(db, solutionIds).map(found -> found.stream().anyMatch(s -> r.reachedBy(s.maturity())));
    return reached.compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(ApiException.validation(Map.of("solutionIds", "本榜单申报条件要求所提供的方案中至少一个成熟度达到「"
            + r.minMaturity() + "」"))));
  }

  private static Future<Posting> editable(CurrentUser user, Posting posting) {
    if (!user.isAdmin() && !user.belongsTo(posting.organizationId())) {
      return Future.failedFuture(ApiException.forbidden("只有发布单位可以设置申报条件"));
    }
    if (!"challenge".equals(posting.kind())) {
      return Future.failedFuture(ApiException.conflict("只有揭榜挂帅榜单有申报条件"));
    }
    if (!EDITABLE.contains(posting.status())) {
      return Future.failedFuture(ApiException.conflict("榜单当前为「" + PostingStatus.label(posting.kind(), posting.status())
          + "」，不能再修改申报条件"));
    }
    return Future.succeededFuture(posting);
  }

  private Future<Void> endorser(ChallengeRules input) {
    if (!input.requiresEndorsement()) {
      return Future.succeededFuture();
    }
    return organizations.findById(pool, input.endorsingOrganizationId()).compose(org -> {
      if (org.isEmpty()) {
        return Future.failedFuture(ApiException.validation(Map.of("endorsingOrganizationId", "该组织不存在")));
      }
      return org.get().kind() == OrgKind.GOVERNMENT ? Future.succeededFuture()
          : Future.failedFuture(ApiException.validation(Map.of("endorsingOrganizationId", "推荐单位必须是平台上的政府部门")));
    });
  }
}
