package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated caller of a request, taken from a verified token; {@code pendingOrganizationId} is the organization
 * the account asked to join and cannot act for yet.
 */
public record CurrentUser(long id, String email, Role role, Long organizationId, UUID tokenId, long expiresAtEpochSecond,
                          Long pendingOrganizationId) {
  private static final String KEY = "currentUser";
  public static final String AWAITING_APPROVAL = "等待本单位成员批准加入";

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean belongsTo(long orgId) {
    return organizationId != null && organizationId == orgId;
  }

  /** The caller's organization, or a 403 for an account that has none (its request to join awaits a member). */
  public long organization() {
    if (organizationId != null) {
      return organizationId;
    }
    throw ApiException.forbidden(pendingOrganizationId != null ? AWAITING_APPROVAL : "当前账号未加入任何组织");
  }

  public void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  public static Optional<CurrentUser> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  /** The caller, or a 401 when the request carries no valid token. */
  public static CurrentUser required(RoutingContext ctx) {
    return of(ctx).orElseThrow(() -> ApiException.unauthorized("请先登录"));
  }

  public static CurrentUser requireRole(RoutingContext ctx, Role... allowed) {
    CurrentUser user = required(ctx);
    for (Role r : allowed) {
      if (user.role == r) {
        return user;
      }
    }
    throw ApiException.forbidden("当前账号角色无权执行此操作");
  }
}
