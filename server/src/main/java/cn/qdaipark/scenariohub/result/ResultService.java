package cn.qdaipark.scenariohub.result;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The public 公示 list, and objections: filed by anyone logged in during the period, answered by the issuer. */
public final class ResultService {
  private static final List<String> PUBLISHED = List.copyOf(PostingStatus.RESULT_STATES);
  /** Enough to raise every point against one result; a limit, so that one member cannot bury the issuer in filings. */
  static final int OBJECTIONS_PER_ORGANIZATION = 3;
  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Pool pool;
  private final ResultRepository results;
  private final PostingRepository postingRepository;
  private final PostingService postings;
  private final AuditLog audit;
  private final NotificationRepository notifications;
  private final Clock clock;

  public ResultService(Pool pool, ResultRepository results, PostingRepository postingRepository, PostingService postings,
                       AuditLog audit, Clock clock,
                       NotificationRepository notifications) {
    this.notifications = notifications;
    this.pool = pool;
    this.results = results;
    this.postingRepository = postingRepository;
    this.postings = postings;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<JsonObject> results(PageRequest page) {
    return results.results(pool, PUBLISHED, page.pageSize(), page.offset())
        .map(json -> json.put("page", page.page()).put("pageSize", page.pageSize()));
  }

  public Future<ResultRepository.Objection> object(CurrentUser user, long postingId, String text) {
    return object(user, postingId, text, InTransaction.nothing());
  }

  /** As above, running {@code alsoInTransaction} with the new objection before the transaction commits. */
  public Future<ResultRepository.Objection> object(CurrentUser user, long postingId, String text,
                                                   InTransaction<ResultRepository.Objection> alsoInTransaction) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return postings.get(Optional.of(user), postingId)
        .compose(posting -> results.result(pool, postingId).compose(result -> {
          if (result.isEmpty()) {
            return Future.failedFuture(ApiException.conflict("该榜单尚未公示结果，不能提出异议"));
          }
          if (!now.isBefore(result.get().objectionUntil())) {
            return Future.failedFuture(ApiException.conflict("异议期已于 " + display(result.get().objectionUntil()) + " 结束"));
          }
          return pool.withTransaction(db -> results.filedBy(db, postingId, user.organizationId(), user.id())
              .compose(filed -> filed < OBJECTIONS_PER_ORGANIZATION ? Future.succeededFuture()
                  : Future.failedFuture(ApiException.conflict("每个单位对同一公示结果最多提出 " + OBJECTIONS_PER_ORGANIZATION
                      + " 条异议，本单位已提出 " + filed + " 条；请等待发布单位答复")))
              .compose(ok -> results.insertObjection(db, postingId, user.id(), text, now))
              .compose(objection -> audit.record(db, user.id(), "objection.file", "objection", objection.id(),
                  new JsonObject().put("postingId", postingId)).map(objection))
              .compose(objection -> notifications.notifyOrganizations(db, List.of(posting.organizationId()),
                  "objection_received", postingId, "收到对公示结果的异议：" + posting.title(),
                  "请在异议处理完毕后再进入攻关阶段。", "/postings/" + postingId).map(objection))
              .compose(objection -> alsoInTransaction.run(db, objection).map(objection)));
        }));
  }

  /** The objections to a call: all of them for its issuer and admins, one's own for everyone else. */
  public Future<List<ResultRepository.Objection>> objections(CurrentUser user, long postingId) {
    return postings.get(Optional.of(user), postingId)
        .compose(posting -> results.objections(pool, postingId,
            user.isAdmin() || user.belongsTo(posting.organizationId()), user.id()));
  }

  public Future<ResultRepository.Objection> answer(CurrentUser user, long objectionId, String text) {
    return results.objection(pool, objectionId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("异议")))
        .compose(objection -> postingRepository.findById(pool, objection.postingId()).map(Optional::orElseThrow))
        .compose(posting -> user.isAdmin() || user.belongsTo(posting.organizationId()) ? Future.succeededFuture()
            : Future.failedFuture(ApiException.forbidden("只有发布单位可以答复异议")))
        .compose(ok -> pool.withTransaction(db -> results.answer(db, objectionId, text, user.id(), OffsetDateTime.now(clock))
            .compose(answered -> answered.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ApiException.conflict("该异议已答复"))))
            .compose(objection -> audit.record(db, user.id(), "objection.answer", "objection", objectionId, null)
                .map(objection))));
  }

  static String display(OffsetDateTime at) {
    return at.atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(DISPLAY);
  }
}
