package cn.qdaipark.scenariohub.organization;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.UserAccount;
import cn.qdaipark.scenariohub.auth.UserRepository;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Organization details are kept by their members; verification is the admin's, and needs a valid credit code. */
public final class OrganizationService {
  private static final Duration INVITATION_VALID_FOR = Duration.ofDays(7);
  /** The kind of the notifications telling an organization's members the outcome of its verification. */
  public static final String VERIFICATION = "verification";

  private final Pool pool;
  private final OrganizationRepository organizations;
  private final InvitationRepository invitations;
  private final UserRepository users;
  private final AuditLog audit;
  private final Clock clock;
  private final NotificationRepository notifications;

  public OrganizationService(Pool pool, OrganizationRepository organizations, InvitationRepository invitations,
                             UserRepository users, AuditLog audit, Clock clock, NotificationRepository notifications) {
    this.pool = pool;
    this.notifications = notifications;
    this.organizations = organizations;
    this.invitations = invitations;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new invitation code, shown once to the member who asked for it. */
  public record NewInvitation(String code, OffsetDateTime expiresAt) {
    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("expiresAt", expiresAt.toString());
    }
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

  /** A single-use code for a colleague to register straight into this organization; only its members may ask. */
  public Future<NewInvitation> invite(CurrentUser user, long id) {
    return pool.withTransaction(db -> organizations.findById(db, id)
        .compose(found -> {
          Organization org = found.orElseThrow(() -> ApiException.notFound("组织"));
          if (!user.belongsTo(id)) {
            return Future.failedFuture(ApiException.forbidden("只有本组织的成员可以邀请同事"));
          }
          String code = InvitationCode.generate();
          OffsetDateTime expiresAt = OffsetDateTime.now(clock).plus(INVITATION_VALID_FOR);
          return invitations.insert(db, id, InvitationCode.hash(code), user.id(), expiresAt)
              .compose(invitationId -> audit.record(db, user.id(), "organization.invite", "organization", id,
                  new JsonObject().put("invitationId", invitationId).put("expiresAt", expiresAt.toString())))
              .map(new NewInvitation(code, expiresAt));
        }));
  }

  /** The accounts asking to join the organization; its members (and admins) decide, so only they may see them. */
  public Future<Page<UserAccount>> joinRequests(CurrentUser user, long id, PageRequest page) {
    if (!user.isAdmin() && !user.belongsTo(id)) {
      return Future.failedFuture(ApiException.forbidden("只有本组织的成员可以处理加入申请"));
    }
    return users.joinRequests(pool, id, page);
  }

  /** A member (or an admin) lets the account in, or leaves it without an organization. */
  public Future<UserAccount> settleJoinRequest(CurrentUser user, long id, long userId, boolean approve) {
    if (!user.isAdmin() && !user.belongsTo(id)) {
      return Future.failedFuture(ApiException.forbidden("只有本组织的成员可以处理加入申请"));
    }
    return pool.withTransaction(db -> users.settleJoinRequest(db, userId, id, approve)
        .compose(settled -> settled.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(ApiException.notFound("加入申请"))))
        .compose(account -> audit.record(db, user.id(), approve ? "organization.join_approve" : "organization.join_decline",
            "organization", id, new JsonObject().put("userId", userId)).map(account)));
  }

  /**
   * Verifies an organization, or refuses (or withdraws) its verification with a reason; every member is told, in the
   * same transaction.
   */
  public Future<Organization> setVerified(CurrentUser admin, long id, boolean verified, String reason) {
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
            "organization", id, new JsonObject().put("creditCode", org.creditCode()).put("reason", reason)).map(org))
        .compose(org -> notifications.notifyOrganizations(db, List.of(id), VERIFICATION, null,
            verified ? "贵单位已通过平台认证：" + org.name() : "贵单位未通过平台认证：" + org.name(),
            verified ? "认证后发布的方案和榜单无需再等待人工审核。" + (reason == null ? "" : reason)
                : "理由：" + reason + "。请核对统一社会信用代码等信息后联系平台管理员。",
            "/organizations/" + id).map(org)));
  }
}
