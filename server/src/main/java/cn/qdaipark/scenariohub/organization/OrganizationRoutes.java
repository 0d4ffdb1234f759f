package cn.qdaipark.scenariohub.organization;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.auth.UserAccount;
import cn.qdaipark.scenariohub.auth.UserRepository;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Moderation;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;

public final class OrganizationRoutes {
  private final OrganizationService service;
  private final OrganizationRepository organizations;
  private final UserRepository users;
  private final Pool pool;

  public OrganizationRoutes(OrganizationService service, OrganizationRepository organizations, UserRepository users, Pool pool) {
    this.service = service;
    this.organizations = organizations;
    this.users = users;
    this.pool = pool;
  }

  public void mount(Router api) {
    api.get("/organizations").handler(this::list);
    api.get("/organizations/:id").handler(this::get);
    api.put("/organizations/:id").handler(this::update);
    api.get("/organizations/:id/members").handler(this::members);
    api.post("/organizations/:id/invitations").handler(this::invite);
    api.get("/organizations/:id/join-requests").handler(this::joinRequests);
    api.post("/organizations/:id/join-requests/:userId/approve").handler(ctx -> settle(ctx, true));
    api.post("/organizations/:id/join-requests/:userId/decline").handler(ctx -> settle(ctx, false));
    api.post("/admin/organizations/:id/verify").handler(ctx -> verify(ctx, true));
    api.post("/admin/organizations/:id/unverify").handler(ctx -> verify(ctx, false));
  }

  private void list(RoutingContext ctx) {
    String kind = Params.oneOf(ctx, "kind", Set.of("provider", "government", "enterprise"));
    String verified = Params.oneOf(ctx, "verified", Set.of("true", "false"));
    PageRequest page = PageRequest.from(ctx);
    organizations.list(pool, kind, verified == null ? null : Boolean.valueOf(verified), page)
        .onSuccess(result -> Responses.json(ctx, 200, result.toJson(page, Organization::toJson)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(Params.pathId(ctx, "id"))
        .onSuccess(org -> Responses.json(ctx, 200, org.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    JsonObject body = Params.body(ctx);
    Validator v = new Validator(body);
    String creditCode = v.line("creditCode", false, 18, 18).toUpperCase();
    v.check(creditCode.isEmpty() || CreditCode.isValid(creditCode), "creditCode", "统一社会信用代码无效（校验位不符）");
    String region = body.containsKey("region") ? v.line("region", false, 0, 60) : null;
    Integer version = v.version("version");
    v.throwIfInvalid();
    service.update(user, Params.pathId(ctx, "id"), version, creditCode.isEmpty() ? null : creditCode, region)
        .onSuccess(org -> Responses.json(ctx, 200, org.toJson()))
        .onFailure(ctx::fail);
  }

  private void members(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    if (!user.isAdmin() && !user.belongsTo(id)) {
      throw ApiException.forbidden("只能查看本组织的成员");
    }
    PageRequest page = PageRequest.from(ctx);
    users.members(pool, id, page)
        .onSuccess(result -> Responses.json(ctx, 200, result.toJson(page, UserAccount::toJson)))
        .onFailure(ctx::fail);
  }

  private void invite(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    service.invite(user, Params.pathId(ctx, "id"))
        .onSuccess(invitation -> Responses.json(ctx, 201, invitation.toJson()))
        .onFailure(ctx::fail);
  }

  private void joinRequests(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    PageRequest page = PageRequest.from(ctx);
    service.joinRequests(user, Params.pathId(ctx, "id"), page)
        .onSuccess(result -> Responses.json(ctx, 200, result.toJson(page, UserAccount::toJson)))
        .onFailure(ctx::fail);
  }

  private void settle(RoutingContext ctx, boolean approve) {
    CurrentUser user = CurrentUser.required(ctx);
    service.settleJoinRequest(user, Params.pathId(ctx, "id"), Params.pathId(ctx, "userId"), approve)
        .onSuccess(account -> Responses.json(ctx, 200, account.toJson()))
        .onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx, boolean verified) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    service.setVerified(admin, Params.pathId(ctx, "id"), verified, Moderation.reason(ctx, verified))
        .onSuccess(org -> Responses.json(ctx, 200, org.toJson()))
        .onFailure(ctx::fail);
  }
}
