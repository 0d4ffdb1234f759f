package cn.qdaipark.scenariohub.posting;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of posting: only government accounts issue 揭榜挂帅 challenges; buyers and government post
 * demands; only the issuing organization edits; unverified issuers wait for an admin.
 */
public final class PostingService {
  private final Pool pool;
  private final PostingRepository postings;
  private final OrganizationRepository organizations;
  private final AuditLog audit;
  private final TextEmbeddings embeddings;

  public PostingService(Pool pool, PostingRepository postings, OrganizationRepository organizations, AuditLog audit,
                        TextEmbeddings embeddings) {
    this.pool = pool;
    this.embeddings = embeddings;
    this.postings = postings;
    this.organizations = organizations;
    this.audit = audit;
  }

  public Future<Posting> create(CurrentUser user, String kind, PostingInput input, boolean draft, Long organizationIdForAdmin) {
    checkMayPost(user, kind);
    long orgId = user.isAdmin() ? requireOrg(organizationIdForAdmin) : user.organizationId();
    return embeddings.embed(input.matchText()).compose(vector -> pool.withTransaction(db -> organizations.findById(db, orgId)
            .compose(org -> org.filter(o -> mayIssue(o.kind(), kind))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ApiException.validation(Map.of("organizationId",
                    "challenge".equals(kind) ? "揭榜挂帅榜单只能由政府部门发布" : "该组织不能发布场景需求")))))
            .compose(org -> postings.insert(db, null, kind, org.id(), input, initialStatus(org, draft), vector))
            .compose(id -> audit.record(db, user.id(), "posting.create", "posting", id, new JsonObject().put("kind", kind))
                .map(id))))
        .compose(this::load);
  }

  public Future<Posting> update(CurrentUser user, long id, int version, PostingInput input, boolean draft) {
    return embeddings.embed(input.matchText()).compose(vector -> pool.withTransaction(db -> editable(db, user, id)
            .compose(current -> organizations.findById(db, current.organizationId())
                .compose(org -> postings.update(db, id, version, input,
                    draft && PostingStatus.DRAFT.equals(current.status()) ? PostingStatus.DRAFT
                        : PostingStatus.CLOSED.equals(current.status()) ? PostingStatus.CLOSED
                        : initialStatus(org.orElseThrow(), false), vector)))
            .compose(updated -> updated
                ? audit.record(db, user.id(), "posting.update", "posting", id, new JsonObject().put("version", version))
                : Future.failedFuture(ApiException.conflict("该需求已被他人修改，请刷新后再编辑")))))
        .compose(done -> load(id));
  }

  public Future<Posting> changeStatus(CurrentUser user, long id, String status) {
    return pool.withTransaction(db -> editable(db, user, id)
            .compose(current -> postings.setStatus(db, id, status, null))
            .compose(done -> audit.record(db, user.id(), "posting." + status, "posting", id, null)))
        .compose(done -> load(id));
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
              return postings.setStatus(db, id, approve ? PostingStatus.OPEN : PostingStatus.REJECTED, approve ? null : reason);
            })
            .compose(done -> audit.record(db, admin.id(), approve ? "posting.approve" : "posting.reject", "posting", id,
                reason == null ? null : new JsonObject().put("reason", reason))))
        .compose(done -> load(id));
  }

  public Future<Posting> get(Optional<CurrentUser> user, long id) {
    return postings.findById(pool, id).map(found -> found.filter(p -> canSee(user, p))
        .orElseThrow(() -> ApiException.notFound("需求")));
  }

  public Future<Posting> getBySourceRef(Optional<CurrentUser> user, String ref) {
    return postings.findBySourceRef(pool, ref).map(found -> found.filter(p -> canSee(user, p))
        .orElseThrow(() -> ApiException.notFound("需求")));
  }

  public Future<Page<Posting>> list(Optional<CurrentUser> user, PostingRepository.Filter filter, PageRequest page) {
    boolean admin = user.map(CurrentUser::isAdmin).orElse(false);
    Long org = user.map(CurrentUser::organizationId).orElse(null);
    return postings.list(pool, filter, admin, org, page);
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
      return p;
    });
  }

  private static void checkMayPost(CurrentUser user, String kind) {
    boolean allowed = user.isAdmin() || ("challenge".equals(kind)
        ? user.role() == Role.GOVERNMENT
        : user.role() == Role.GOVERNMENT || user.role() == Role.BUYER);
    if (!allowed) {
      throw ApiException.forbidden("challenge".equals(kind) ? "只有政府部门账号可以发布揭榜挂帅榜单" : "只有需求方或政府部门账号可以发布场景需求");
    }
  }

  private static boolean mayIssue(OrgKind org, String kind) {
    return "challenge".equals(kind) ? org == OrgKind.GOVERNMENT : org != OrgKind.PROVIDER;
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

  static boolean canSee(Optional<CurrentUser> user, Posting p) {
    return p.isPublic() || user.map(u -> u.isAdmin() || u.belongsTo(p.organizationId())).orElse(false);
  }
}
