package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.organization.OrganizationService;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.solution.SolutionStatus;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** 工作台: each role's own listings, and the admin's moderation queue and organization verification. */
final class WorkspacePages {
  private static final PageRequest FIRST_50 = new PageRequest(1, 50);
  private static final List<String> NOTICES = List.of("approved", "rejected", "verified", "reason_required",
      "verify_failed", "moderation_failed");

  private final Views views;
  private final SolutionService solutions;
  private final PostingService postings;
  private final OrganizationService organizationService;
  private final OrganizationRepository organizations;
  private final Pool pool;
  private final Clock clock;

  WorkspacePages(Views views, SolutionService solutions, PostingService postings, OrganizationService organizationService,
                 OrganizationRepository organizations, Pool pool, Clock clock) {
    this.views = views;
    this.solutions = solutions;
    this.postings = postings;
    this.organizationService = organizationService;
    this.organizations = organizations;
    this.pool = pool;
    this.clock = clock;
  }

  record Org(long id, String name, String kind, String creditCode, boolean hasCode) {
  }

  void workspace(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    LocalDate today = LocalDate.now(clock);
    Optional<CurrentUser> me = Optional.of(user);
    Map<String, Object> model = new HashMap<>();
    model.put("roleName", m.get("role_" + user.role().wire()));
    model.put("email", user.email());
    String notice = ctx.queryParams().get("notice");
    model.put("notice", notice != null && NOTICES.contains(notice) ? m.get("notice_" + notice) : null);
    model.put("saved", ctx.queryParams().get("saved") != null);
    Future<Void> loaded;
    if (user.isAdmin()) {
      model.put("admin", true);
      loaded = Future.all(
          solutions.list(me, new SolutionRepository.Filter(null, null, null, SolutionStatus.PENDING, null, "oldest"), FIRST_50)
              .onSuccess(page -> model.put("pendingSolutions", page.items().stream().map(s -> Cards.solution(s, m)).toList())),
          postings.list(me, new PostingRepository.Filter(null, null, PostingStatus.PENDING, null, null, null, "newest"), FIRST_50)
              .onSuccess(page -> model.put("pendingPostings", page.items().stream().map(p -> Cards.posting(p, m, today)).toList())),
          organizations.list(pool, null, false, FIRST_50)
              .onSuccess(page -> model.put("organizations", page.items().stream().map(o -> org(o, m)).toList())))
          .mapEmpty();
    } else if (user.role() == Role.PROVIDER) {
      model.put("provider", true);
      loaded = solutions.list(me, new SolutionRepository.Filter(null, null, null, null, user.organizationId(), "newest"), FIRST_50)
          .onSuccess(page -> model.put("solutions", page.items().stream().map(s -> Cards.solution(s, m)).toList()))
          .mapEmpty();
    } else {
      model.put("issuer", true);
      model.put("government", user.role() == Role.GOVERNMENT);
      loaded = postings.list(me, new PostingRepository.Filter(null, null, null, user.organizationId(), null, null, "newest"), FIRST_50)
          .onSuccess(page -> model.put("postings", page.items().stream().map(p -> Cards.posting(p, m, today)).toList()))
          .mapEmpty();
    }
    loaded.onSuccess(done -> views.render(ctx, "workspace", m.get("nav_workspace"), model)).onFailure(ctx::fail);
  }

  void approveSolution(RoutingContext ctx) {
    moderate(ctx, true, (admin, id, reason) -> solutions.moderate(admin, id, true, reason).mapEmpty());
  }

  void rejectSolution(RoutingContext ctx) {
    moderate(ctx, false, (admin, id, reason) -> solutions.moderate(admin, id, false, reason).mapEmpty());
  }

  void approvePosting(RoutingContext ctx) {
    moderate(ctx, true, (admin, id, reason) -> postings.moderate(admin, id, true, reason).mapEmpty());
  }

  void rejectPosting(RoutingContext ctx) {
    moderate(ctx, false, (admin, id, reason) -> postings.moderate(admin, id, false, reason).mapEmpty());
  }

  void verify(RoutingContext ctx) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    organizationService.setVerified(admin, PageRoutes.pathId(ctx), true)
        .onSuccess(org -> Views.redirect(ctx, "/workspace?notice=verified"))
        .onFailure(failure -> afterFailure(ctx, failure, "verify_failed"));
  }

  private interface Decision {
    Future<Void> apply(CurrentUser admin, long id, String reason);
  }

  private void moderate(RoutingContext ctx, boolean approve, Decision decision) {
    CurrentUser admin = CurrentUser.requireRole(ctx, Role.ADMIN);
    Validator v = new Validator(new JsonObject().put("reason", ctx.request().getFormAttribute("reason")));
    String reason = v.text("reason", !approve, 2, 500);
    if (!v.errors().isEmpty()) {
      Views.redirect(ctx, "/workspace?notice=reason_required");
      return;
    }
    decision.apply(admin, PageRoutes.pathId(ctx), reason.isEmpty() ? null : reason)
        .onSuccess(done -> Views.redirect(ctx, "/workspace?notice=" + (approve ? "approved" : "rejected")))
        .onFailure(failure -> afterFailure(ctx, failure, "moderation_failed"));
  }

  /** Expected refusals (already moderated, no credit code) go back to the queue with a notice; the rest fail. */
  private static void afterFailure(RoutingContext ctx, Throwable failure, String notice) {
    if (failure instanceof ApiException api && (api.status() == 400 || api.status() == 409)) {
      Views.redirect(ctx, "/workspace?notice=" + notice);
    } else {
      ctx.fail(failure);
    }
  }

  private static Org org(Organization o, Messages m) {
    return new Org(o.id(), o.name(), m.get("org_kind_" + o.kind().wire()), o.creditCode(), o.creditCode() != null);
  }
}
