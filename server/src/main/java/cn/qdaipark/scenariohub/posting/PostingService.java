package cn.qdaipark.scenariohub.posting;

import cn.qdaipark.scenariohub.db.Cursors;
import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.http.Moderation;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of posting: only government accounts issue 揭榜挂帅 challenges; buyers and government post
 * demands; only the issuing organization edits; unverified issuers wait for an admin. Every status change is
 * recorded on the posting's timeline; status moves after publishing go through the lifecycle service.
 */
public final class PostingService {
  private final Pool pool;
  private final PostingRepository postings;
  private final OrganizationRepository organizations;
  private final AuditLog audit;
  private final TextEmbeddings embeddings;
  private final PostingEventRepository events;
  private final Clock clock;
  private final NotificationRepository notifications;

  public PostingService(Pool pool, PostingRepository postings, OrganizationRepository organizations, AuditLog audit,
                        TextEmbeddings embeddings, PostingEventRepository events, Clock clock,
                        NotificationRepository notifications) {
    this.pool = pool;
    this.notifications = notifications;
    this.embeddings = embeddings;
    this.events = events;
    this.clock = clock;
    this.postings = postings;
    this.organizations = organizations;
    this.audit = audit;
  }

  public Future<Posting> create(CurrentUser user, String kind, PostingInput input, boolean draft, Long organizationIdForAdmin) {
    return create(user, kind, input, draft, organizationIdForAdmin, InTransaction.nothing());
  }

  /** As above, running {@code alsoInTransaction} with the new posting before the transaction commits. */
  public Future<Posting> create(CurrentUser user, String kind, PostingInput input, boolean draft, Long organizationIdForAdmin,
                                InTransaction<Posting> alsoInTransaction) {
    checkMayPost(user, kind);
    long orgId = user.isAdmin() ? requireOrg(organizationIdForAdmin) : user.organization();
    return embeddings.embed(input.matchText()).compose(vector -> pool.withTransaction(db -> organizations.findById(db, orgId)
            .compose(org -> org.filter(o -> mayIssue(o.kind(), kind))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ApiException.validation(Map.of("organizationId",
                    issuerRefusal(kind))))))
            .compose(org -> {
              String status = initialStatus(org, draft);
              return postings.insert(db, null, kind, org.id(), input, status, vector)
                  .compose(id -> events.record(db, id, null, status, user.id(), actor(user), null).map(id));
            })
            .compose(id -> audit.record(db, user.id(), "posting.create", "posting", id, new JsonObject().put("kind", kind))
                .map(id))
            .compose(id -> postings.findById(db, id).map(Optional::orElseThrow))
            .compose(created -> alsoInTransaction.run(db, created).map(created))));
  }

  public Future<Posting> update(CurrentUser user, long id, int version, PostingInput input, boolean draft) {
    return embeddings.embed(input.matchText()).compose(vector -> pool.withTransaction(db -> editable(db, user, id)
            .map(current -> {
              input.checkDeadline(LocalDate.now(clock));
              return current;
            })
            .compose(current -> organizations.findById(db, current.organizationId())
                .compose(org -> {
                  String status = statusAfterEdit(current.status(), org.orElseThrow(), draft);
                  return postings.update(db, id, version, input, status, vector)
                      .compose(updated -> updated && !status.equals(current.status())
                          ? events.record(db, id, current.status(), status, user.id(), actor(user), null).map(true)
                          : Future.succeededFuture(updated));
                }))
            .compose(updated -> updated
                ? audit.record(db, user.id(), "posting.update", "posting", id, new JsonObject().put("version", version))
                : Future.failedFuture(ApiException.conflict("该需求已被他人修改，请刷新后再编辑")))))
        .compose(done -> load(id));
  }

  /** Whether the posting's content may still change: a call only up to publishing, a demand until archived. */
  public static boolean editableState(Posting p) {
    return !PostingStatus.ARCHIVED.equals(p.status())
        && (!"challenge".equals(p.kind()) || PostingStatus.UP_TO_OPEN.contains(p.status()));
  }

  public Future<Posting> moderate(CurrentUser admin, long id, boolean approve, String reason) {
    if (!admin.isAdmin()) {
      return Future.failedFuture(ApiException.forbidden("仅管理员可以审核"));
    }
    return pool.withTransaction(db -> postings.findById(db, id)
            .compose(found -> {
              Posting p = found.orElseThrow(() -> ApiException.notFound("需求"));
              if (!PostingStatus.PENDING.equals(p.status())) {
                return Future.failedFuture(ApiException.conflict("只有待审核的需求可以审核，当前状态：" + p.status()));
              }
              String to = approve ? PostingStatus.OPEN : PostingStatus.REJECTED;
              return postings.setStatus(db, id, to, approve ? null : reason)
                  .compose(done -> events.record(db, id, p.status(), to, admin.id(), PostingLifecycle.Actor.ADMIN, reason))
                  .compose(done -> notifications.notifyOrganizations(db, List.of(p.organizationId()),
                      Moderation.KIND, id, (approve ? "您发布的需求已通过审核：" : "您发布的需求未通过审核：")
                          + p.title(), approve ? (reason == null ? "已在平台公开，可接受响应与申报。" : reason)
                          : "理由：" + reason + "。修改后可重新提交审核。",
                      approve ? "/postings/" + id : "/postings/" + id + "/edit"));
            })
            .compose(done -> audit.record(db, admin.id(), approve ? "posting.approve" : "posting.reject", "posting", id,
                reason == null ? null : new JsonObject().put("reason", reason))))
        .compose(done -> load(id));
  }

  /** The posting if the caller may see it; a call found open after its deadline is moved into review first. */
  public Future<Posting> get(Optional<CurrentUser> user, long id) {
    return postings.findById(pool, id).compose(found -> visible(user, found));
  }

  /** As {@link #get}, by the source reference of an imported record. */
  public Future<Posting> getBySourceRef(Optional<CurrentUser> user, String ref) {
    return postings.findBySourceRef(pool, ref).compose(found -> visible(user, found));
  }

  private Future<Posting> visible(Optional<CurrentUser> user, Optional<Posting> found) {
    Posting p = found.filter(x -> canSee(user, x)).orElseThrow(() -> ApiException.notFound("需求"));
    return isExpired(p) ? closeExpired(p.id()).compose(done -> load(p.id())) : Future.succeededFuture(p);
  }

  /** Whether a call is still open although its deadline has passed (applying is over whatever the status says). */
  public boolean isExpired(Posting p) {
    return "challenge".equals(p.kind()) && PostingStatus.OPEN.equals(p.status()) && p.deadline() != null
        && p.deadline().isBefore(LocalDate.now(clock));
  }

  /** Moves every open call past its deadline into review (the deadline timer); answers how many moved. */
  public Future<Integer> closeExpired() {
    return closeExpired(null).map(List::size);
  }

  private Future<List<Long>> closeExpired(Long onlyId) {
    return pool.withTransaction(db -> events.closeExpired(db, LocalDate.now(clock), onlyId)
        .compose(ids -> Future.all(ids.stream().map(id -> recordDeadlineClose(db, id)).toList()).map(ids)));
  }

  private Future<Void> recordDeadlineClose(SqlClient db, long id) {
    return events.record(db, id, PostingStatus.OPEN, PostingStatus.REVIEW, null, PostingLifecycle.Actor.SYSTEM,
            "申报截止，自动转入评审")
        .compose(done -> audit.record(db, null, "posting.transition", "posting", id, new JsonObject()
            .put("from", PostingStatus.OPEN).put("to", PostingStatus.REVIEW).put("by", "system")));
  }

  /** The scenario funnel per domain (see {@link PostingRepository#funnel}). */
  public Future<List<PostingRepository.FunnelRow>> funnel() {
    return postings.funnel(pool);
  }

  /** Demonstration scenarios toward the park's target of 100: awarded calls and landed demands. */
  public Future<Long> countScenarios() {
    return postings.countScenarios(pool);
  }

  public Future<Page<Posting>> list(Optional<CurrentUser> user, PostingRepository.Filter filter, PageRequest page) {
    boolean admin = user.map(CurrentUser::isAdmin).orElse(false);
    Long org = user.map(CurrentUser::organizationId).orElse(null);
    return postings.list(pool, filter, admin, org, page, LocalDate.now(clock));
  }

  /** Hands the public calls and demands, newest first, to {@code consume} through one cursor (rows: Posting.fromRow). */
  public Future<Void> streamPublic(int fetch, Function<RowStream<Row>, Future<Void>> consume) {
    return Cursors.read(pool, conn -> postings.streamPublic(conn, LocalDate.now(clock), fetch), consume);
  }

  /** Hands the public calls and demands, in id order, to {@code consume} through one cursor, with their vectors if asked. */
  public Future<Void> streamPublicWithVectors(boolean vectors, int fetch, Function<RowStream<Row>, Future<Void>> consume) {
    return Cursors.read(pool, conn -> postings.streamPublicWithVectors(conn, vectors, fetch), consume);
  }

  private Future<Posting> load(long id) {
    return postings.findById(pool, id).map(Optional::orElseThrow);
  }

  private Future<Posting> editable(SqlClient db, CurrentUser user, long id) {
    return postings.findById(db, id).map(found -> {
      Posting p = found.filter(x -> canSee(Optional.of(user), x)).orElseThrow(() -> ApiException.notFound("需求"));
      if (!user.isAdmin() && !user.belongsTo(p.organizationId())) {
        throw ApiException.forbidden("只能修改本组织发布的榜单和需求");
      }
      if (PostingStatus.ARCHIVED.equals(p.status())) {
        throw ApiException.conflict("该需求已归档，不能再修改");
      }
      if (!editableState(p)) {
        throw ApiException.conflict("榜单已截止申报，内容不能再修改");
      }
      return p;
    });
  }

  /** Editing keeps the lifecycle state; only a draft is published and a rejected posting goes back to moderation. */
  private static String statusAfterEdit(String current, Organization org, boolean draft) {
    if (PostingStatus.DRAFT.equals(current)) {
      return initialStatus(org, draft);
    }
    if (PostingStatus.PENDING.equals(current) || PostingStatus.REJECTED.equals(current)) {
      return initialStatus(org, false);
    }
    return current;
  }

  private static PostingLifecycle.Actor actor(CurrentUser user) {
    return user.isAdmin() ? PostingLifecycle.Actor.ADMIN : PostingLifecycle.Actor.ISSUER;
  }

  private static void checkMayPost(CurrentUser user, String kind) {
    boolean allowed = user.isAdmin() || ("challenge".equals(kind)
        ? user.role() == Role.GOVERNMENT
        : user.role() == Role.GOVERNMENT || user.role() == Role.BUYER);
    if (!allowed) {
      throw ApiException.forbidden("challenge".equals(kind) ? "只有政府部门账号可以发布揭榜挂帅榜单" : "只有需求方或政府部门账号可以发布场景需求");
    }
  }

  /** Whether an organization of this kind may issue this kind of posting, whoever files it (the API or an import). */
  public static boolean mayIssue(OrgKind org, String kind) {
    return "challenge".equals(kind) ? org == OrgKind.GOVERNMENT : org != OrgKind.PROVIDER;
  }

  /** Why an organization that {@link #mayIssue may not issue} this kind of posting is refused. */
  public static String issuerRefusal(String kind) {
    return "challenge".equals(kind) ? "揭榜挂帅榜单只能由政府部门发布" : "该组织不能发布场景需求";
  }

  private static long requireOrg(Long organizationId) {
    if (organizationId == null) {
      throw ApiException.validation(Map.of("organizationId", "管理员代为发布时必须指定发布单位"));
    }
    return organizationId;
  }

  private static String initialStatus(Organization org, boolean draft) {
    if (draft) {
      return PostingStatus.DRAFT;
    }
    return org.verified() ? PostingStatus.OPEN : PostingStatus.PENDING;
  }

  public static boolean canSee(Optional<CurrentUser> user, Posting p) {
    return p.isPublic() || user.map(u -> u.isAdmin() || u.belongsTo(p.organizationId())).orElse(false);
  }
}
