package cn.qdaipark.scenariohub.response;

import cn.qdaipark.scenariohub.acceptance.AcceptanceHook;
import cn.qdaipark.scenariohub.acceptance.AcceptanceRepository;
import cn.qdaipark.scenariohub.acceptance.DemandAcceptance;
import cn.qdaipark.scenariohub.acceptance.Requirements;
import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.conversation.ConversationService;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.LifecycleService;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 响应场景需求: a verified provider answers an open demand of another organization, before its deadline, with a short
 * proposal and its own published solutions, once per organization; it edits or withdraws the response until the
 * buyer decides. The buyer's members see the responses ranked by the matcher's fit and shortlist (the demand moves
 * to 洽谈中), decline with a reason, start a pilot with one (先试后转: the demand moves to 试点中) and mark it landed
 * (已落地). Every decision moves the demand through {@link LifecycleService} in the same transaction, under a lock
 * on the demand, and tells the provider. A response opens the conversation between the two organizations.
 */
public final class ResponseService {
  public static final String RESPONSE_KIND = "response";
  public static final String DECISION_KIND = "response_decision";
  private static final String DEMAND = "demand";

  private final Pool pool;
  private final ResponseRepository responses = new ResponseRepository();
  private final AcceptanceRepository acceptances = new AcceptanceRepository();
  private final PostingService postings;
  private final PostingRepository postingRepository;
  private final SolutionRepository solutions;
  private final OrganizationRepository organizations;
  private final LifecycleService lifecycle;
  private final MatchingService matching;
  private final AuditLog audit;
  private final NotificationRepository notifications;
  private final ConversationService conversations;
  private final Clock clock;

  public ResponseService(Pool pool, PostingService postings, PostingRepository postingRepository,
                         SolutionRepository solutions, OrganizationRepository organizations, LifecycleService lifecycle,
                         MatchingService matching, AuditLog audit, NotificationRepository notifications,
                         ConversationService conversations, Clock clock) {
    this.pool = pool;
    this.postings = postings;
    this.postingRepository = postingRepository;
    this.solutions = solutions;
    this.organizations = organizations;
    this.lifecycle = lifecycle;
    this.matching = matching;
    this.audit = audit;
    this.notifications = notifications;
    this.conversations = conversations;
    this.clock = clock;
  }

  public Future<DemandResponse> respond(CurrentUser user, long postingId, ResponseInput input) {
    if (user.role() != Role.PROVIDER) {
      return Future.failedFuture(ApiException.forbidden("只有供应商账号可以响应场景需求"));
    }
    long orgId = user.organization();
    return postings.get(Optional.of(user), postingId)
        .compose(posting -> answerable(posting, orgId))
        .compose(posting -> pool.withTransaction(db -> verified(db, orgId)
            .compose(org -> ownPublished(db, orgId, input.solutionIds())
                .compose(offered -> responses.findOfOrganization(db, postingId, orgId)
                    .compose(existing -> existing.isPresent()
                        ? Future.<Long>failedFuture(ApiException.conflict("本单位已响应过该需求，可以修改已提交的响应"))
                        : responses.insert(db, postingId, orgId, user.id(), input))
                    .compose(id -> audit.record(db, user.id(), "response.submit", "response", id,
                        new JsonObject().put("postingId", postingId)).map(id))
                    .compose(id -> conversations.open(db, postingId, null, orgId, posting.organizationId()).map(id))
                    .compose(id -> notifications.notifyOrganizations(db, List.of(posting.organizationId()), RESPONSE_KIND,
                        postingId, org.name() + "响应了您的需求：" + posting.title(),
                        "提供方案：" + offered.stream().map(Solution::title).collect(Collectors.joining("、"))
                            + "。请在响应列表中查看匹配度并决定是否洽谈。",
                        responsesLink(postingId)).map(id))
                    .compose(id -> load(db, id))))));
  }

  public Future<DemandResponse> update(CurrentUser user, long id, int version, ResponseInput input) {
    return ownUndecided(user, id).compose(found -> pool.withTransaction(db ->
        ownPublished(db, found.organizationId(), input.solutionIds())
            .compose(ok -> responses.update(db, id, version, input))
            .compose(updated -> updated
                ? audit.record(db, user.id(), "response.update", "response", id, new JsonObject().put("version", version))
                : Future.failedFuture(ApiException.conflict("响应已被修改或已有处理结果，请刷新后再编辑")))
            .compose(done -> load(db, id))));
  }

  /** Withdraws (deletes) an undecided response; the organization may respond again while the demand is open. */
  public Future<Void> withdraw(CurrentUser user, long id) {
    return ownUndecided(user, id).compose(found -> pool.withTransaction(db -> responses.delete(db, id)
        .compose(deleted -> deleted
            ? audit.record(db, user.id(), "response.withdraw", "response", id,
                new JsonObject().put("postingId", found.postingId()))
            : Future.failedFuture(ApiException.conflict("响应已有处理结果，不能撤回")))));
  }

  /**
   * The responses to a demand the caller may read: every one, ranked by fit, for the demand's organization; its
   * own for a provider; nobody else's.
   */
  public Future<List<RankedResponse>> listForPosting(CurrentUser user, long postingId) {
    return postings.get(Optional.of(user), postingId).compose(posting -> {
      boolean buyer = user.belongsTo(posting.organizationId());
      if (!buyer && user.role() != Role.PROVIDER) {
        return Future.failedFuture(ApiException.forbidden("只有需求发布单位可以查看响应"));
      }
      return responses.listOfPosting(pool, postingId)
          .map(list -> buyer ? list : list.stream().filter(r -> user.belongsTo(r.organizationId())).toList())
          .compose(list -> ranked(posting, list));
    });
  }

  /** The caller's organization's responses, newest activity first. */
  public Future<List<DemandResponse>> mine(CurrentUser user) {
    return responses.listOfOrganization(pool, user.organization());
  }

  public Future<DemandResponse> get(CurrentUser user, long id) {
    return responses.findById(pool, id)
        .map(found -> found.filter(r -> user.belongsTo(r.organizationId()) || user.belongsTo(r.postingOrganizationId()))
            .orElseThrow(() -> ApiException.notFound("响应")));
  }

  public Future<DemandResponse> shortlist(CurrentUser user, long id) {
    return decide(user, id, Set.of(DemandResponse.SUBMITTED), DemandResponse.SHORTLISTED, null,
        (db, posting, response) -> PostingStatus.OPEN.equals(posting.status())
            ? move(db, posting, PostingStatus.IN_TALKS, user, "入围洽谈：" + response.organizationName())
            : inTalksOrRefuse(posting));
  }

  /** Declines the response; {@code reason} (see {@link ResponseInput#reason}) is shown to the provider. */
  public Future<DemandResponse> decline(CurrentUser user, long id, String reason) {
    return decide(user, id, Set.of(DemandResponse.SUBMITTED, DemandResponse.SHORTLISTED), DemandResponse.DECLINED,
        reason, (db, posting, response) -> Future.succeededFuture());
  }

  /** 先试后转: the demand enters its pilot with this response; a second pilot of the same demand is refused. */
  public Future<DemandResponse> pilot(CurrentUser user, long id) {
    return decide(user, id, Set.of(DemandResponse.SUBMITTED, DemandResponse.SHORTLISTED), DemandResponse.PILOT, null,
        (db, posting, response) -> {
          String note = "试点单位：" + response.organizationName() + "（响应 #" + response.id() + "）";
          if (PostingStatus.OPEN.equals(posting.status())) {
            return move(db, posting, PostingStatus.IN_TALKS, user, "入围洽谈：" + response.organizationName())
                .compose(done -> postingRepository.findById(db, posting.id()).map(Optional::orElseThrow))
                .compose(inTalks -> move(db, inTalks, PostingStatus.PILOT, user, note));
          }
          return PostingStatus.IN_TALKS.equals(posting.status()) ? move(db, posting, PostingStatus.PILOT, user, note)
              : refuse(posting);
        });
  }

  /**
   * 已落地 needs the buyer's passed acceptance of the pilot ({@code {scores, conclusion: "passed", summary}}): the
   * acceptance and the move are one transaction.
   */
  public Future<DemandResponse> landed(CurrentUser user, long id, JsonObject acceptance) {
    if (!(acceptance.getValue("scores") instanceof io.vertx.core.json.JsonArray)) {
      return Future.failedFuture(ApiException.conflict(AcceptanceHook.DEMAND_ACCEPTANCE_REQUIRED));
    }
    return decide(user, id, Set.of(DemandResponse.PILOT), DemandResponse.LANDED, null,
        (db, posting, response) -> {
          if (!PostingStatus.PILOT.equals(posting.status())) {
            return refuse(posting);
          }
          DemandAcceptance.Input input = DemandAcceptance.Input.read(acceptance, Requirements.of(posting), user.id());
          if (!input.passed()) {
            return Future.failedFuture(ApiException.validation(Map.of("conclusion", "验收结论为通过时才能标记为已落地")));
          }
          return recordAcceptance(db, user, posting, response, input)
              .compose(done -> move(db, posting, PostingStatus.LANDED, user, "落地单位：" + response.organizationName()));
        });
  }

  /**
   * The buyer's acceptance of the pilot (先试后转): passed lands the demand ({@link #landed}); failed records the
   * findings, keeps the demand and the response in pilot, and tells the provider what to put right.
   */
  public Future<DemandResponse> accept(CurrentUser user, long id, JsonObject body) {
    if (DemandAcceptance.PASSED.equals(body.getValue("conclusion"))) {
      return landed(user, id, body);
    }
    return buyersResponse(user, id).compose(first -> pool.withTransaction(db -> responses.lockPosting(db, first.postingId())
        .compose(locked -> responses.findByIdForUpdate(db, id).map(Optional::orElseThrow))
        .compose(response -> postingRepository.findById(db, response.postingId()).map(Optional::orElseThrow)
            .compose(posting -> {
              if (!DemandResponse.PILOT.equals(response.status()) || !PostingStatus.PILOT.equals(posting.status())) {
                return Future.failedFuture(ApiException.conflict("只有试点中的响应可以验收"));
              }
              DemandAcceptance.Input input = DemandAcceptance.Input.read(body, Requirements.of(posting), user.id());
              return recordAcceptance(db, user, posting, response, input)
                  .compose(done -> notifications.notifyOrganizations(db, List.of(response.organizationId()),
                      DECISION_KIND, posting.id(), "您对「" + posting.title() + "」的试点验收未通过",
                      "需求方的验收意见：" + input.summary(), "/workspace/responses"));
            }))
        .compose(done -> load(db, id))));
  }

  /** The acceptances of the demand a response belongs to, for its buyer and the provider. */
  public Future<List<DemandAcceptance>> acceptances(CurrentUser user, long id) {
    return get(user, id).compose(response -> acceptances.demandAcceptances(pool, response.postingId())
        .map(list -> list.stream().filter(a -> a.responseId() == id).toList()));
  }

  private Future<Void> recordAcceptance(SqlClient db, CurrentUser user, Posting posting, DemandResponse response,
                                        DemandAcceptance.Input input) {
    return acceptances.insertDemandAcceptance(db, posting.id(), response.id(), input, user.id())
        .compose(acceptanceId -> audit.record(db, user.id(), "demand.acceptance", "response", response.id(),
            new JsonObject().put("postingId", posting.id()).put("acceptanceId", acceptanceId)
                .put("conclusion", input.conclusion())));
  }

  private Future<DemandResponse> buyersResponse(CurrentUser user, long id) {
    return responses.findById(pool, id)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("响应")))
        .compose(first -> user.belongsTo(first.postingOrganizationId()) ? Future.succeededFuture(first)
            : Future.failedFuture(ApiException.forbidden("只有需求发布单位可以处理响应")));
  }

  private interface DemandMove {
    Future<Void> apply(SqlClient db, Posting posting, DemandResponse response);
  }

  /**
   * One decision in one transaction: the demand is locked first, so concurrent decisions on its responses run one
   * after the other and each sees the demand as the previous one left it.
   */
  private Future<DemandResponse> decide(CurrentUser user, long id, Set<String> from, String to, String reason,
                                        DemandMove demandMove) {
    return buyersResponse(user, id)
        .compose(first -> pool.withTransaction(db -> responses.lockPosting(db, first.postingId())
            .compose(locked -> responses.findByIdForUpdate(db, id).map(Optional::orElseThrow))
            .compose(response -> postingRepository.findById(db, response.postingId()).map(Optional::orElseThrow)
                .compose(posting -> !from.contains(response.status())
                    ? Future.<Void>failedFuture(ApiException.conflict("该响应当前为「"
                        + DemandResponse.label(response.status()) + "」，不能变为「" + DemandResponse.label(to) + "」"))
                    : responses.decide(db, id, response.status(), to, reason)
                        .compose(done -> demandMove.apply(db, posting, response))
                        .compose(done -> audit.record(db, user.id(), "response." + to, "response", id,
                            new JsonObject().put("postingId", posting.id()).put("reason", reason)))
                        .compose(done -> notifyDecision(db, posting, response, to, reason))))
            .compose(done -> load(db, id))));
  }

  private Future<Void> notifyDecision(SqlClient db, Posting posting, DemandResponse response, String to, String reason) {
    String title = "您对「" + posting.title() + "」的响应" + switch (to) {
      case DemandResponse.SHORTLISTED -> "已入围洽谈";
      case DemandResponse.DECLINED -> "未被采纳";
      case DemandResponse.PILOT -> "进入试点（先试后转）";
      default -> "已落地";
    };
    String body = DemandResponse.DECLINED.equals(to) ? "需求方说明的原因：" + reason
        : "需求方「" + posting.issuer() + "」已更新您的响应状态。";
    return notifications.notifyOrganizations(db, List.of(response.organizationId()), DECISION_KIND, posting.id(),
        title, body, "/workspace/responses");
  }

  private Future<Void> move(SqlClient db, Posting posting, String to, CurrentUser user, String note) {
    return lifecycle.apply(db, posting, to, user, note);
  }

  private static Future<Void> inTalksOrRefuse(Posting posting) {
    return PostingStatus.IN_TALKS.equals(posting.status()) ? Future.succeededFuture() : refuse(posting);
  }

  private static Future<Void> refuse(Posting posting) {
    return Future.failedFuture(ApiException.conflict("需求当前为「" + PostingStatus.label(posting.kind(), posting.status())
        + "」，不能进行此操作"));
  }

  private Future<List<RankedResponse>> ranked(Posting posting, List<DemandResponse> list) {
    Set<Long> offered = list.stream().flatMap(r -> r.solutionIds().stream()).collect(Collectors.toSet());
    return matching.fits(posting, offered).map(fits -> list.stream().map(r -> RankedResponse.of(r, fits))
        .sorted(RankedResponse.BEST_FIRST).toList());
  }

  /** A demand of another organization, open (征集中) and not past its deadline. */
  private Future<Posting> answerable(Posting posting, long orgId) {
    if (!DEMAND.equals(posting.kind())) {
      return Future.failedFuture(ApiException.conflict("揭榜挂帅榜单请通过揭榜申报参与，不能提交需求响应"));
    }
    if (posting.organizationId() == orgId) {
      return Future.failedFuture(ApiException.forbidden("不能响应本单位发布的需求"));
    }
    return openForResponses(posting);
  }

  private Future<Posting> openForResponses(Posting posting) {
    if (!PostingStatus.OPEN.equals(posting.status())) {
      return Future.failedFuture(ApiException.conflict("需求当前为「" + PostingStatus.label(posting.kind(), posting.status())
          + "」，只有征集中的需求可以响应"));
    }
    if (posting.deadline() != null && posting.deadline().isBefore(LocalDate.now(clock))) {
      return Future.failedFuture(ApiException.conflict("需求已过截止日期，不能再响应"));
    }
    return Future.succeededFuture(posting);
  }

  /** The caller's organization's response, still undecided, to a demand still open. */
  private Future<DemandResponse> ownUndecided(CurrentUser user, long id) {
    return responses.findById(pool, id)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("响应")))
        .compose(r -> user.belongsTo(r.organizationId()) ? Future.succeededFuture(r)
            : Future.failedFuture(ApiException.forbidden("只能修改或撤回本单位的响应")))
        .compose(r -> !r.undecided()
            ? Future.failedFuture(ApiException.conflict("需求方已处理该响应，不能再修改或撤回"))
            : postings.get(Optional.of(user), r.postingId()).compose(this::openForResponses).map(r));
  }

  private Future<Organization> verified(SqlClient db, long orgId) {
    return organizations.findById(db, orgId).compose(org -> org.filter(Organization::verified).isPresent()
        ? Future.succeededFuture(org.get())
        : Future.failedFuture(ApiException.forbidden("本单位尚未通过平台认证，认证后才能响应需求")));
  }

  private Future<List<Solution>> ownPublished(SqlClient db, long orgId, List<Long> ids) {
    return solutions.findByIds(db, ids).compose(found -> found.size() == ids.size()
        && found.stream().allMatch(s -> s.organizationId() == orgId && s.isPublished())
        ? Future.succeededFuture(found)
        : Future.failedFuture(ApiException.validation(Map.of("solutionIds", "只能选择本单位已发布的方案"))));
  }

  private Future<DemandResponse> load(SqlClient db, long id) {
    return responses.findById(db, id).map(Optional::orElseThrow);
  }

  static String responsesLink(long postingId) {
    return "/postings/" + postingId + "/responses";
  }
}
