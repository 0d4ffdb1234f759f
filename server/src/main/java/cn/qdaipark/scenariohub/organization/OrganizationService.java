package cn.qdaipark.scenariohub.organization;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/** Organization details are kept by their members; verification is the admin's, and needs a valid credit code. */
public final class OrganizationService {
  private final Pool pool;
  private final OrganizationRepository organizations;
  private final AuditLog audit;

  public OrganizationService(Pool pool, OrganizationRepository organizations, AuditLog audit) {
    this.pool = pool;
    this.organizations = organizations;
    this.audit = audit;
  }

  public Future<Organization> get(long id) {
    return organizations.findById(pool, id).map(found -> found.orElseThrow(() -> ApiException.notFound("组织")));
  }

  public Future<Organization> update(CurrentUser user, long id, int version, String creditCode, String region) {
    if (!user.isAdmin() && !user.belongsTo(id)) {
      return Future.failedFuture(ApiException.forbidden("只能修改本组织的信息"));
    }
    return pool.withTransaction(db -> organizations.findById(db, id)
        .compose(found -> {
          Organization org = found.orElseThrow(() -> ApiException.notFound("组织"));
          String code = creditCode == null ? org.creditCode() : creditCode;
          if (org.verified() && !user.isAdmin() && !java.util.Objects.equals(code, org.creditCode())) {
            return Future.failedFuture(ApiException.validation(Map.of("creditCode", "已认证组织的统一社会信用代码只能由管理员修改")));
          }
          return organizations.update(db, id, version, code, region == null ? org.region() : region);
        })
        .compose(updated -> updated.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(ApiException.conflict("组织信息已被他人修改，请刷新后再编辑"))))
        .compose(org -> audit.record(db, user.id(), "organization.update", "organization", id, null).map(org)));
  }

  public Future<Organization> setVerified(CurrentUser admin, long id, boolean verified) {
    if (!admin.isAdmin()) {
      return Future.failedFuture(ApiException.forbidden("仅管理员可以认证组织"));
    }
    return pool.withTransaction(db -> organizations.findById(db, id)
        .compose(found -> {
          Organization org = found.orElseThrow(() -> ApiException.notFound("组织"));
          if (verified && (org.creditCode() == null || !CreditCode.isValid(org.creditCode()))) {
            return Future.failedFuture(ApiException.validation(Map.of("creditCode", "认证前必须登记有效的统一社会信用代码")));
          }
          return organizations.setVerified(db, id, verified).map(java.util.Optional::orElseThrow);
        })
        .compose(org -> audit.record(db, admin.id(), verified ? "organization.verify" : "organization.unverify",
            "organization", id, new JsonObject().put("creditCode", org.creditCode())).map(org)));
  }
}
