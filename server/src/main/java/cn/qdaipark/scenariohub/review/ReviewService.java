package cn.qdaipark.scenariohub.review;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.application.Application;
import cn.qdaipark.scenariohub.application.ApplicationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.auth.UserRepository;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.index.PairFit;
import cn.qdaipark.scenariohub.lifecycle.LifecycleService;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.validation.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The review of a call: the issuer sets the rubric and assigns government reviewers; reviewers score while the call
 * is in review, never an application their own organization takes part in; the issuer ranks, shortlists and awards.
 */
public final class ReviewService {
  private static final Set<String> RUBRIC_EDITABLE = Set.of(PostingStatus.DRAFT, PostingStatus.PENDING,
      PostingStatus.OPEN, PostingStatus.REVIEW);
  private static final Set<String> REVIEWERS_EDITABLE = Set.of(PostingStatus.DRAFT, PostingStatus.PENDING,
      PostingStatus.OPEN, PostingStatus.REVIEW, PostingStatus.SHORTLISTED);
  private static final Set<String> SHORTLISTING = Set.of(PostingStatus.REVIEW, PostingStatus.SHORTLISTED);
  private static final Set<String> AWARDING = Set.of(PostingStatus.REVIEW, PostingStatus.SHORTLISTED, PostingStatus.AWARDED);
  private static final String UNVERIFIED_REVIEWER = "该账号所属的政府部门尚未通过平台认证，不能担任评审专家";
  public static final String REVIEW_ASSIGNED = "review_assigned";
  public static final String REVIEW_RECUSED = "review_recused";
  private static final String NOT_ENDORSED = "该申报尚未获得推荐单位推荐，不参与评审，不能入围或揭榜";

  private final Pool pool;
  private final ReviewRepository reviews;
  private final ApplicationRepository applications;
  private final PostingRepository postingRepository;
  private final PostingService postings;
  private final UserRepository users;
  private final LifecycleService lifecycle;
  private final AuditLog audit;
  private final NotificationRepository notifications;
  private final MatchingService matching;

  public ReviewService(Pool pool, ReviewRepository reviews, ApplicationRepository applications,
                       PostingRepository postingRepository, PostingService postings, UserRepository users,
                       LifecycleService lifecycle, AuditLog audit,
                       NotificationRepository notifications, MatchingService matching) {
    this.notifications = notifications;
    this.matching = matching;
    this.pool = pool;
    this.reviews = reviews;
    this.applications = applications;
    this.postingRepository = postingRepository;
    this.postings = postings;
    this.users = users;
    this.lifecycle = lifecycle;
    this.audit = audit;
  }

  public Future<Rubric> setRubric(CurrentUser user, long postingId, Rubric rubric) {
    return issuersCall(user, postingId, "只有发布单位可以设置评分标准")
        .compose(posting -> RUBRIC_EDITABLE.contains(posting.status()) ? Future.succeededFuture(posting)
            : Future.failedFuture(ApiException.conflict("榜单当前为「" + label(posting) + "」，不能再修改评分标准")))
        .compose(posting -> pool.withTransaction(db -> reviews.anyScore(db, postingId)
            .compose(scored -> scored ? Future.failedFuture(ApiException.conflict("评审专家已开始评分，不能再修改评分标准"))
                : reviews.saveRubric(db, postingId, rubric, user.id()))
            .compose(done -> audit.record(db, user.id(), "posting.rubric", "posting", postingId,
                new JsonObject().put("criteria", rubric.toJson())))))
        .map(rubric);
  }

  /** The rubric of a call, public like the call itself (applicants should know how they are scored). */
  public Future<Optional<Rubric>> rubric(Optional<CurrentUser> user, long postingId) {
    return postings.get(user, postingId).compose(posting -> reviews.rubric(pool, postingId));
  }

  public Future<JsonArray> addReviewer(CurrentUser user, long postingId, long reviewerId) {
    return issuersCall(user, postingId, "只有发布单位可以指定评审专家")
        .compose(posting -> REVIEWERS_EDITABLE.contains(posting.status()) ? Future.succeededFuture(posting)
            : Future.failedFuture(ApiException.conflict("榜单当前为「" + label(posting) + "」，不能再指定评审专家")))
        .compose(posting -> users.findById(pool, reviewerId)
            .compose(found -> found.filter(u -> u.role() == Role.GOVERNMENT).isPresent() ? Future.succeededFuture()
                : Future.failedFuture(ApiException.validation(Map.of("userId", "评审专家必须是平台上的政府部门账号"))))
            // Anyone may register a "government" organization; only the platform's verification vouches that it is one.
            .compose(ok -> reviews.inVerifiedOrganization(pool, reviewerId))
            .compose(verified -> verified ? Future.succeededFuture()
                : Future.failedFuture(ApiException.validation(Map.of("userId", UNVERIFIED_REVIEWER))))
            .compose(ok -> pool.withTransaction(db -> reviews.addReviewer(db, postingId, reviewerId, user.id())
                .compose(done -> audit.record(db, user.id(), "posting.reviewer.add", "posting", postingId,
                    new JsonObject().put("userId", reviewerId)))
                .compose(done -> notifications.notifyUsers(db, List.of(reviewerId), REVIEW_ASSIGNED, postingId,
                    "您被指定为揭榜榜单的评审专家：" + posting.title(),
                    "发布单位邀请您评审该榜单的申报，申报截止后即可评分；如与申报单位存在利益冲突，请在评分页声明回避。",
                    "/postings/" + postingId + "/score")))))
        .recover(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(ApiException.conflict("该专家已在评审名单中")) : Future.failedFuture(failure))
        .compose(done -> reviews.reviewers(pool, postingId));
  }

  /** The calls the caller is assigned to review (待我评审), with how many applications they scored of those to score. */
  public Future<List<ReviewRepository.Assignment>> assignments(CurrentUser user) {
    return reviews.assignmentsOf(pool, user.id());
  }

  /** The caller's own recusals in a call, for the scoring page. */
  public Future<List<ReviewRepository.Recusal>> recusalsOf(CurrentUser user, long postingId) {
    return reviews.recusals(pool, postingId).map(list -> list.stream().filter(r -> r.reviewerId() == user.id()).toList());
  }

  public Future<ReviewRepository.Recusal> recuseFromApplication(CurrentUser user, long applicationId, String reason) {
    return applications.findById(pool, applicationId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("申报")))
        .compose(application -> recuse(user, application.postingId(), applicationId, reason));
  }

  /**
   * A reviewer declares a conflict of interest (回避) for one application, or for the whole call when the application
   * is null: recorded with the reason, shown to the issuer, and from then on the reviewer neither scores it nor is
   * expected to; a score given before is left out of the totals.
   */
  public Future<ReviewRepository.Recusal> recuse(CurrentUser user, long postingId, Long applicationId, String reason) {
    return postingRepository.findById(pool, postingId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("榜单")))
        .compose(posting -> applications.isReviewer(pool, postingId, user.id())
            .compose(reviewer -> reviewer ? Future.succeededFuture(posting)
                : Future.failedFuture(ApiException.forbidden("您不是该榜单的评审专家，无需声明回避"))))
        .compose(posting -> REVIEWERS_EDITABLE.contains(posting.status()) ? Future.succeededFuture(posting)
            : Future.failedFuture(ApiException.conflict("榜单当前为「" + label(posting) + "」，评审已结束，不能再声明回避")))
        .compose(posting -> pool.withTransaction(db -> reviews.recuse(db, postingId, applicationId, user.id(), reason)
            .compose(recorded -> recorded ? Future.succeededFuture()
                : Future.failedFuture(ApiException.conflict("您已声明过回避")))
            .compose(done -> audit.record(db, user.id(), applicationId == null ? "posting.recusal" : "application.recusal",
                applicationId == null ? "posting" : "application", applicationId == null ? postingId : applicationId,
                new JsonObject().put("postingId", postingId).put("reason", reason)))
            .compose(done -> notifications.notifyOrganizations(db, List.of(posting.organizationId()), REVIEW_RECUSED,
                postingId, "评审专家声明回避：" + posting.title(), (applicationId == null ? "一位评审专家声明回避整个榜单，理由："
                    : "一位评审专家声明回避一份申报，理由：") + reason,
                "/postings/" + postingId + "/review"))))
        .compose(done -> reviews.recusals(pool, postingId))
        .map(list -> list.stream().filter(r -> r.reviewerId() == user.id()
            && Objects.equals(r.applicationId(), applicationId)).findFirst().orElseThrow());
  }

  public Future<JsonArray> reviewers(CurrentUser user, long postingId) {
    return issuersCall(user, postingId, "只有发布单位可以查看评审专家名单")
        .compose(posting -> reviews.reviewers(pool, postingId));
  }

  public Future<Void> score(CurrentUser user, long applicationId, JsonObject body) {
    return applications.findById(pool, applicationId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("申报")))
        .compose(application -> applications.isReviewer(pool, application.postingId(), user.id())
            .compose(reviewer -> reviewer ? Future.succeededFuture(application)
                : Future.failedFuture(ApiException.forbidden("您不是该榜单的评审专家"))))
        .compose(application -> {
          if (application.hasMember(user.organizationId())) {
            return Future.failedFuture(ApiException.forbidden("利益冲突：评审专家不能评审本单位参与的申报"));
          }
          if (Application.WITHDRAWN.equals(application.status())) {
            return Future.failedFuture(ApiException.conflict("该申报已撤回，无需评分"));
          }
          if (!application.counts()) {
            return Future.failedFuture(ApiException.conflict(NOT_ENDORSED));
          }
          return postingRepository.findById(pool, application.postingId()).map(Optional::orElseThrow)
              .compose(posting -> PostingStatus.REVIEW.equals(posting.status()) ? reviews.rubric(pool, posting.id())
                  : Future.failedFuture(ApiException.conflict("只有评审中的榜单可以评分，当前为「" + label(posting) + "」")))
              .compose(rubric -> rubric.map(Future::succeededFuture)
                  .orElseGet(() -> Future.failedFuture(ApiException.conflict("发布单位尚未设置评分标准"))))
              .compose(rubric -> reviews.recusals(pool, application.postingId()).compose(recusals -> recusals.stream()
                  .anyMatch(r -> r.reviewerId() == user.id() && (r.applicationId() == null || r.applicationId() == applicationId))
                  ? Future.failedFuture(ApiException.forbidden("您已声明回避该申报，不能再评分"))
                  : Future.succeededFuture(rubric)))
              .map(rubric -> ScoreSheet.read(body, rubric))
              .compose(scores -> pool.withTransaction(db -> reviews.replaceScores(db, applicationId, user.id(), scores)
                  .compose(done -> audit.record(db, user.id(), "application.score", "application", applicationId,
                      new JsonObject().put("criteria", scores.size())))));
        });
  }

  /**
   * The ranked table of a call's applications, for its issuer. Beside the reviewers' totals each row carries the
   * matcher's fit (0..100) of the best of the application's offered solutions, null when it offers none: the
   * machine's opinion, for comparison only; it never changes the ranking.
   */
  public Future<JsonObject> table(CurrentUser user, long postingId) {
    return issuersCall(user, postingId, "只有发布单位可以查看评审结果")
        .compose(posting -> reviews.rubric(pool, postingId).compose(rubric -> applications
            .listForPosting(pool, postingId, true, null, false)
            .compose(list -> reviews.scoresOfPosting(pool, postingId).compose(scores -> reviews.pairs(pool, postingId)
                .compose(pairs -> reviews.recusals(pool, postingId).compose(recusals -> matching.fits(posting,
                    list.stream().flatMap(a -> a.solutionIds().stream()).collect(Collectors.toSet()))
                .map(fits -> {
              Rubric r = rubric.orElse(new Rubric(List.of()));
              ReviewProgress progress = new ReviewProgress(pairs);
              List<ReviewTable.Entry> entries = list.stream().filter(Application::counts)
                  .map(a -> new ReviewTable.Entry(a.id(), a.leadOrganization(),
                      a.confirmedPartners().stream().map(Application.Partner::name).toList(), a.status())).toList();
              JsonArray ranked = ReviewTable.rank(r, entries, progress.counted(scores));
              Map<Long, Application> byId = list.stream().collect(Collectors.toMap(Application::id, a -> a));
              ranked.stream().map(JsonObject.class::cast).forEach(row -> {
                withFit(row, byId.get(row.getLong("applicationId")), fits);
                row.put("progress", progress.of(row.getLong("applicationId")));
              });
              JsonArray declared = new JsonArray();
              recusals.forEach(x -> declared.add(x.toJson()));
              return new JsonObject()
                  .put("postingId", postingId)
                  .put("status", posting.status())
                  .put("rubric", r.toJson())
                  .put("reviewersMissing", new JsonArray(progress.reviewersMissing()))
                  .put("recusals", declared)
                  .put("items", ranked);
            })))))));
  }

  private static void withFit(JsonObject row, Application application, Map<Long, PairFit> fits) {
    Optional<Map.Entry<Long, PairFit>> best = application.solutionIds().stream().filter(fits::containsKey)
        .map(id -> Map.entry(id, fits.get(id))).max(Comparator.comparingInt(e -> e.getValue().score()));
    row.put("fitScore", best.map(e -> e.getValue().score()).orElse(null))
        .put("fitSolutionId", best.map(Map.Entry::getKey).orElse(null))
        .put("fitReasons", best.map(e -> e.getValue().summary()).orElse(null));
  }

  /**
   * Shortlisting and awarding before every assigned reviewer who is not excused has scored every application that
   * counts are refused with 409 {@code reviews_incomplete}, unless the issuer confirms it knowingly; the confirmation
   * is kept in the audit log and the call's timeline.
   */
  public Future<Application> shortlist(CurrentUser user, long applicationId, boolean confirmIncomplete) {
    return decide(user, applicationId, SHORTLISTING, Set.of(Application.SUBMITTED), Application.SHORTLISTED,
        PostingStatus.SHORTLISTED, "确定入围名单", confirmIncomplete);
  }

  public Future<Application> award(CurrentUser user, long applicationId, boolean confirmIncomplete) {
    return decide(user, applicationId, AWARDING, Set.of(Application.SUBMITTED, Application.SHORTLISTED),
        Application.AWARDED, PostingStatus.AWARDED, "确定揭榜单位", confirmIncomplete);
  }

  /** The 409 of a decision taken before the reviews are complete; its message is the confirmation question. */
  public static ApiException reviewsIncomplete(List<String> missing, String to) {
    return new ApiException(409, "reviews_incomplete", "尚有 " + missing.size() + " 位评审未评分（"
        + String.join("、", missing) + "），仍要" + (Application.AWARDED.equals(to) ? "揭榜" : "入围") + "吗？");
  }

  /** Moves an application and, if the call is not there yet, the call with it, in one transaction. */
  private Future<Application> decide(CurrentUser user, long applicationId, Set<String> postingStates,
                                     Set<String> fromStates, String to, String postingTo, String note,
                                     boolean confirmIncomplete) {
    return pool.withTransaction(db -> applications.findByIdForUpdate(db, applicationId)
            .map(found -> found.orElseThrow(() -> ApiException.notFound("申报")))
            .compose(application -> postingRepository.findById(db, application.postingId()).map(Optional::orElseThrow)
                .compose(posting -> checkDecision(user, posting, application, postingStates, fromStates))
                .compose(posting -> reviews.pairs(db, posting.id()).map(pairs -> new ReviewProgress(pairs).reviewersMissing())
                    .compose(missing -> missing.isEmpty() || confirmIncomplete ? Future.succeededFuture(missing)
                        : Future.failedFuture(reviewsIncomplete(missing, to)))
                .compose(missing -> applications.setStatus(db, applicationId, application.status(), to)
                    .compose(done -> audit.record(db, user.id(), "application." + to, "application", applicationId,
                        missing.isEmpty() ? null : new JsonObject().put("confirmIncomplete", true)
                            .put("reviewersMissing", new JsonArray(missing))))
                    .compose(done -> notifications.notifyOrganizations(db, application.memberOrganizations(),
                        "application_" + to, posting.id(), "您的揭榜申报" + (Application.AWARDED.equals(to) ? "揭榜成功" : "已入围")
                            + "：" + posting.title(), "发布单位已更新您的申报状态。", "/postings/" + posting.id()))
                    .compose(done -> postingTo.equals(posting.status()) ? Future.succeededFuture()
                        : lifecycle.apply(db, posting, postingTo, user, missing.isEmpty() ? note
                            : note + "（尚有 " + missing.size() + " 位评审未评分，发布单位确认继续）"))))))
        .compose(done -> applications.findById(pool, applicationId).map(Optional::orElseThrow));
  }

  private static Future<Posting> checkDecision(CurrentUser user, Posting posting, Application application,
                                               Set<String> postingStates, Set<String> fromStates) {
    if (!user.isAdmin() && !user.belongsTo(posting.organizationId())) {
      return Future.failedFuture(ApiException.forbidden("只有发布单位可以确定入围和揭榜单位"));
    }
    if (!postingStates.contains(posting.status())) {
      return Future.failedFuture(ApiException.conflict("榜单当前为「" + label(posting) + "」，不能进行此操作"));
    }
    if (!application.counts()) {
      return Future.failedFuture(ApiException.conflict(NOT_ENDORSED));
    }
    if (application.hasMember(posting.organizationId())) {
      return Future.failedFuture(ApiException.conflict("利益冲突：发布单位是该申报联合体的成员，该申报不能入围或揭榜"));
    }
    if (!fromStates.contains(application.status())) {
      return Future.failedFuture(ApiException.conflict("该申报当前状态为「" + application.status() + "」，不能进行此操作"));
    }
    return Future.succeededFuture(posting);
  }

  /** The call if the caller belongs to its issuer (or is an admin). */
  private Future<Posting> issuersCall(CurrentUser user, long postingId, String refusal) {
    return postings.get(Optional.of(user), postingId).compose(posting -> {
      if (!user.isAdmin() && !user.belongsTo(posting.organizationId())) {
        return Future.failedFuture(ApiException.forbidden(refusal));
      }
      if (!"challenge".equals(posting.kind())) {
        return Future.failedFuture(ApiException.conflict("只有揭榜挂帅榜单有评审"));
      }
      return Future.succeededFuture(posting);
    });
  }

  private static String label(Posting posting) {
    return PostingStatus.label(posting.kind(), posting.status());
  }

  /** Reads a reviewer's sheet against a rubric. */
  static final class ScoreSheet {
    private ScoreSheet() {
    }

    static List<ReviewRepository.ScoreInput> read(JsonObject body, Rubric rubric) {
      if (!(body.getValue("scores") instanceof JsonArray array)) {
        throw invalid("必须是列表：[{criterion, score, comment}]");
      }
      java.util.Map<String, ReviewRepository.ScoreInput> byCriterion = new java.util.LinkedHashMap<>();
      for (Object item : array) {
        if (!(item instanceof JsonObject o) || !(o.getValue("criterion") instanceof String criterion)) {
          throw invalid("每一项都必须指明评分标准 criterion");
        }
        if (!rubric.has(criterion)) {
          throw invalid("「" + criterion + "」不是该榜单的评分标准");
        }
        if (byCriterion.containsKey(criterion)) {
          throw invalid("「" + criterion + "」重复评分");
        }
        if (!(o.getValue("score") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
            || n.intValue() < 0 || n.intValue() > 100) {
          throw invalid("「" + criterion + "」的分数必须是 0 到 100 之间的整数");
        }
        Object rawComment = o.getValue("comment");
        String problem = rawComment == null ? null : rawComment instanceof String c ? Text.problem(c, Text.Kind.MULTI_LINE)
            : "必须是文本";
        if (problem != null) {
          throw invalid("「" + criterion + "」的评语" + problem);
        }
        String comment = rawComment instanceof String c ? Text.clean(c, Text.Kind.MULTI_LINE) : "";
        if (comment.codePointCount(0, comment.length()) > 1000) {
          throw invalid("「" + criterion + "」的评语不能超过 1000 个字");
        }
        byCriterion.put(criterion, new ReviewRepository.ScoreInput(criterion, n.intValue(), comment));
      }
      List<String> missing = rubric.criteria().stream().map(Rubric.Criterion::name)
          .filter(name -> !byCriterion.containsKey(name)).toList();
      if (!missing.isEmpty()) {
        throw invalid("请为每项评分标准打分，尚未评分：" + String.join("、", missing));
      }
      return List.copyOf(byCriterion.values());
    }

    private static ApiException invalid(String message) {
      return ApiException.validation(Map.of("scores", message));
    }
  }
}
