package cn.qdaipark.scenariohub.solution;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The rules of listing solutions: who may create, edit, archive and moderate them, and who sees what. */
public final class SolutionService {
  private final Pool pool;
  private final SolutionRepository solutions;
  private final OrganizationRepository organizations;
  private final AuditLog audit;
  private final TextEmbeddings embeddings;
  private final NotificationRepository notifications;

  public SolutionService(Pool pool, SolutionRepository solutions, OrganizationRepository organizations, AuditLog audit,
                         TextEmbeddings embeddings, NotificationRepository notifications) {
    this.pool = pool;
    this.notifications = notifications;
    this.embeddings = embeddings;
    this.solutions = solutions;
    this.organizations = organizations;
    this.audit = audit;
  }

  /** A provider lists for its own organization; an admin names the provider organization. */
  public Future<Solution> create(CurrentUser user, SolutionInput input, boolean draft, Long organizationIdForAdmin) {
    return create(user, input, draft, organizationIdForAdmin, InTransaction.nothing());
  }

  /** As above, running {@code alsoInTransaction} with the new solution before the transaction commits. */
  public Future<Solution> create(CurrentUser user, SolutionInput input, boolean draft, Long organizationIdForAdmin,
                                 InTransaction<Solution> alsoInTransaction) {
    long orgId = owningOrganization(user, organizationIdForAdmin);
    return embeddings.embed(input.matchText()).compose(vector -> pool.withTransaction(db -> organizations.findById(db, orgId)
            .compose(org -> org.filter(o -> o.kind() == OrgKind.PROVIDER)
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ApiException.validation(
                    java.util.Map.of("organizationId", "必须是已登记的供应商组织")))))
            .compose(org -> solutions.insert(db, null, org.id(), input, initialStatus(org, draft), vector))
            .compose(id -> audit.record(db, user.id(), "solution.create", "solution", id, null).map(id))
            .compose(id -> solutions.findById(db, id).map(Optional::orElseThrow))
            .compose(created -> alsoInTransaction.run(db, created).map(created))));
  }

  public Future<Solution> update(CurrentUser user, long id, int version, SolutionInput input, boolean draft) {
    return embeddings.embed(input.matchText()).compose(vector -> pool.withTransaction(db -> editable(db, user, id)
            .compose(current -> organizations.findById(db, current.organizationId())
                .compose(org -> solutions.update(db, id, version, input,
                    draft && !current.isPublished() ? SolutionStatus.DRAFT : initialStatus(org.orElseThrow(), false),
                    vector)))
            .compose(updated -> updated
                ? audit.record(db, user.id(), "solution.update", "solution", id, new JsonObject().put("version", version))
                : Future.failedFuture(ApiException.conflict("该方案已被他人修改，请刷新后再编辑")))))
        .compose(done -> load(id));
  }

  public Future<Solution> archive(CurrentUser user, long id) {
    return pool.withTransaction(db -> editable(db, user, id)
            .compose(current -> solutions.setStatus(db, id, SolutionStatus.ARCHIVED, null))
            .compose(done -> audit.record(db, user.id(), "solution.archive", "solution", id, null)))
        .compose(done -> load(id));
  }

  /**
   * Admin moderation of a pending listing: approve publishes it, reject sends it back with a reason; every member of
   * the provider organization is told, with the reason.
   */
  public Future<Solution> moderate(CurrentUser admin, long id, boolean approve, String reason) {
    if (!admin.isAdmin()) {
      return Future.failedFuture(ApiException.forbidden("仅管理员可以审核方案"));
    }
    return pool.withTransaction(db -> solutions.findById(db, id)
            .compose(found -> {
              Solution s = found.orElseThrow(() -> ApiException.notFound("方案"));
              if (!SolutionStatus.PENDING.equals(s.status())) {
                return Future.failedFuture(ApiException.conflict("只有待审核的方案可以审核，当前状态：" + s.status()));
              }
              return solutions.setStatus(db, id, approve ? SolutionStatus.PUBLISHED : SolutionStatus.REJECTED,
                      approve ? null : reason)
                  .compose(done -> notifications.notifyOrganizations(db, List.of(s.organizationId()), Moderation.KIND, null,
                      (approve ? "您的方案已通过审核并发布：" : "您的方案未通过审核：") + s.title(),
                      approve ? (reason == null ? "方案已在平台公开，可被需求方检索和匹配。" : reason)
                          : "理由：" + reason + "。修改后可重新提交审核。",
                      approve ? "/solutions/" + id : "/solutions/" + id + "/edit"));
            })
            .compose(done -> audit.record(db, admin.id(), approve ? "solution.approve" : "solution.reject", "solution",
                id, reason == null ? null : new JsonObject().put("reason", reason))))
        .compose(done -> load(id));
  }

  public Future<Solution> get(Optional<CurrentUser> user, long id) {
    return solutions.findById(pool, id).map(found -> found.filter(s -> canSee(user, s))
        .orElseThrow(() -> ApiException.notFound("方案")));
  }

  public Future<Solution> getBySourceRef(Optional<CurrentUser> user, String ref) {
    return solutions.findBySourceRef(pool, ref).map(found -> found.filter(s -> canSee(user, s))
        .orElseThrow(() -> ApiException.notFound("方案")));
  }

  public Future<Page<Solution>> list(Optional<CurrentUser> user, SolutionRepository.Filter filter, PageRequest page) {
    boolean admin = user.map(CurrentUser::isAdmin).orElse(false);
    Long org = user.map(CurrentUser::organizationId).orElse(null);
    return solutions.list(pool, filter, admin, org, page);
  }

  /** Hands the published solutions, oldest first, to {@code consume} through one cursor (rows: Solution.fromRow). */
  public Future<Void> streamPublished(int fetch, Function<RowStream<Row>, Future<Void>> consume) {
    return Cursors.read(pool, conn -> solutions.streamPublished(conn, fetch), consume);
  }

  /** Hands the published solutions, in id order, to {@code consume} through one cursor, with their vectors if asked. */
  public Future<Void> streamPublishedWithVectors(boolean vectors, int fetch, Function<RowStream<Row>, Future<Void>> consume) {
    return Cursors.read(pool, conn -> solutions.streamPublishedWithVectors(conn, vectors, fetch), consume);
  }

  private Future<Solution> load(long id) {
    return solutions.findById(pool, id).map(Optional::orElseThrow);
  }

  private Future<Solution> editable(SqlClient db, CurrentUser user, long id) {
    return solutions.findById(db, id).map(found -> {
      Solution s = found.filter(x -> canSee(Optional.of(user), x)).orElseThrow(() -> ApiException.notFound("方案"));
      if (!user.isAdmin() && !user.belongsTo(s.organizationId())) {
        throw ApiException.forbidden("只能修改本组织的方案");
      }
      if (SolutionStatus.ARCHIVED.equals(s.status())) {
        throw ApiException.conflict("方案已归档，不能再修改");
      }
      return s;
    });
  }

  private static long owningOrganization(CurrentUser user, Long organizationIdForAdmin) {
    if (user.role() == Role.PROVIDER) {
      return user.organization();
    }
    if (user.isAdmin()) {
      if (organizationIdForAdmin == null) {
        throw ApiException.validation(java.util.Map.of("organizationId", "管理员代为发布时必须指定供应商组织"));
      }
      return organizationIdForAdmin;
    }
    throw ApiException.forbidden("只有供应商账号可以发布方案");
  }

  private static String initialStatus(Organization org, boolean draft) {
    if (draft) {
      return SolutionStatus.DRAFT;
    }
    return org.verified() ? SolutionStatus.PUBLISHED : SolutionStatus.PENDING;
  }

  static boolean canSee(Optional<CurrentUser> user, Solution s) {
    return s.isPublished() || user.map(u -> u.isAdmin() || u.belongsTo(s.organizationId())).orElse(false);
  }
}
