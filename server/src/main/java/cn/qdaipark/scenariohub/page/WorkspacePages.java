package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.Application;
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
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.solution.SolutionStatus;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** 工作台: each role's own listings, and the admin's moderation queue and organization verification. */
final class WorkspacePages {
  /** The admin's queues show their oldest entries first; a queue is worked down, not browsed. */
  private static final PageRequest FIRST_50 = new PageRequest(1, 50);
  private static final int OWN_PAGE_SIZE = 20;
  private static final List<String> NOTICES = List.of("approved", "rejected", "verified", "reason_required",
      "verify_failed", "moderation_failed", "withdrawn", "confirmed", "endorsed", "endorsement_declined",
      "endorsement_failed", "endorsement_note_long", "invitation_declined");

  private final Views views;
  private final SolutionService solutions;
  private final PostingService postings;
  private final OrganizationService organizationService;
  private final OrganizationRepository organizations;
  private final Pool pool;
  private final Clock clock;
  private final PageRoutes.Workflow workflow;
  private final MatchingService matching;
  /** Recommendations are shown for this many of a provider's published solutions, each with its best few postings. */
  private static final int RECOMMENDED_SOLUTIONS = 10;
  private static final int RECOMMENDATIONS_EACH = 3;
  /** The applications an organization leads or joins (read here; each is then loaded through the service). */
  private static final String MY_APPLICATIONS = "SELECT DISTINCT a.id FROM applications a LEFT JOIN application_partners ap "
      + "ON ap.application_id = a.id WHERE a.lead_org_id = $1 OR ap.organization_id = $1 ORDER BY a.id DESC LIMIT 50";
  private static final String APPLICATION_COUNTS = "SELECT posting_id, count(*) AS n FROM applications "
      + "WHERE status <> 'withdrawn' AND posting_id = ANY($1) GROUP BY posting_id";

  WorkspacePages(Views views, SolutionService solutions, PostingService postings, OrganizationService organizationService,
                 OrganizationRepository organizations, Pool pool, Clock clock, PageRoutes.Workflow workflow,
                 MatchingService matching) {
    this.workflow = workflow;
    this.matching = matching;
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
    PageRequest ownPage = new PageRequest(Pager.number(ctx.queryParams().get("page")), OWN_PAGE_SIZE);
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
    } else if (user.organizationId() == null) {
      // an account whose request to join awaits a member (or was declined) has no listings of its own to show
      model.put("withoutOrganization", true);
      model.put("awaitingJoin", user.pendingOrganizationId() != null);
      loaded = Future.succeededFuture();
    } else if (user.role() == Role.PROVIDER) {
      model.put("provider", true);
      loaded = Future.all(
          solutions.list(me, new SolutionRepository.Filter(null, null, null, null, user.organizationId(), "newest"), ownPage)
              .onSuccess(page -> model.put("pager", Pager.of(Query.empty(), "/workspace", ownPage.page(), OWN_PAGE_SIZE, page.total())))
              .compose(page -> withRecommendations(me, page.items(), m, today))
              .onSuccess(rows -> model.put("solutions", rows)),
          myApplications(user, m).onSuccess(list -> model.put("applications", list)))
          .mapEmpty();
    } else {
      model.put("issuer", true);
      model.put("government", user.role() == Role.GOVERNMENT);
      Future<Void> endorsing = user.role() != Role.GOVERNMENT ? Future.succeededFuture()
          : workflow.endorsements().list(user, Application.Endorsement.PENDING)
              .onSuccess(list -> model.put("endorsements", list.stream().map(a -> new EndorsementRow(a.id(),
                  a.postingId(), a.postingTitle(), a.leadOrganization(),
                  Cards.partnerNames(a),
                  Cards.budget(a.proposal().getLong("budgetWan", 0L), m))).toList()))
              .mapEmpty();
      loaded = endorsing.compose(done -> postings.list(me, new PostingRepository.Filter(null, null, null, user.organizationId(), null, null, "newest"), ownPage)
          .onSuccess(page -> model.put("pager", Pager.of(Query.empty(), "/workspace", ownPage.page(), OWN_PAGE_SIZE, page.total())))
          .compose(page -> applicationCounts(page.items().stream().map(p -> p.id()).toList()).map(counts -> {
            model.put("postings", page.items().stream().map(p -> new IssuerRow(Cards.posting(p, m, today),
                ChallengePages.statusLabel(p.kind(), p.status(), m), "challenge".equals(p.kind()),
                counts.getOrDefault(p.id(), 0L))).toList());
            return null;
          })))
          .mapEmpty();
    }
    loaded.compose(done -> workflow.conversations().unreadTotal(user))
        .onSuccess(unread -> model.put("conversationsUnread", unread))
        .onSuccess(done -> views.render(ctx, "workspace", m.get("nav_workspace"), model)).onFailure(ctx::fail);
  }

  record Recommendation(long id, String title, String kind, String deadline) {
  }

  record ProviderRow(Cards.SolutionCard card, List<Recommendation> recommended) {
  }

  /**
   * The calls and demands that fit each published solution best (the matcher's solution → postings direction).
   * While the index is rebuilding the rows simply come without recommendations.
   */
  private Future<List<ProviderRow>> withRecommendations(Optional<CurrentUser> me, List<Solution> mine, Messages m,
                                                       LocalDate today) {
    List<Future<ProviderRow>> rows = new java.util.ArrayList<>();
    int asked = 0;
    for (Solution s : mine) {
      Cards.SolutionCard card = Cards.solution(s, m);
      if (!s.isPublished() || asked++ >= RECOMMENDED_SOLUTIONS) {
        rows.add(Future.succeededFuture(new ProviderRow(card, List.of())));
        continue;
      }
      rows.add(matching.postingsFor(me, s.id(), RECOMMENDATIONS_EACH)
          .map(found -> new ProviderRow(card, found.getJsonArray("items").stream()
              .map(o -> ((io.vertx.core.json.JsonObject) o).getJsonObject("posting"))
              .map(p -> new Recommendation(p.getLong("id"), p.getString("title"),
                  m.get("challenge".equals(p.getString("kind")) ? "kind_challenge" : "kind_demand"),
                  p.getString("deadline") == null ? "" : p.getString("deadline")))
              .toList()))
          .otherwise(e -> new ProviderRow(card, List.of())));
    }
    return Future.all(rows).map(all -> rows.stream().map(Future::result).toList());
  }

  record IssuerRow(Cards.PostingCard p, String statusLabel, boolean challenge, long applications) {
  }

  record MyApplication(long id, long postingId, String postingTitle, String status, String statusLabel, boolean lead,
                       String partners, boolean withdrawable, boolean confirmable, String endorsementLabel) {
  }

  /** An application waiting for the endorsement of the caller's organization. */
  record EndorsementRow(long id, long postingId, String postingTitle, String lead, String partners, String budget) {
  }

  private Future<java.util.List<MyApplication>> myApplications(CurrentUser user, Messages m) {
    return pool.preparedQuery(MY_APPLICATIONS).execute(io.vertx.sqlclient.Tuple.of(user.organizationId()))
        .compose(rows -> {
          List<Future<Application>> loads = new ArrayList<>();
          rows.forEach(row -> loads.add(workflow.applications().get(user, row.getLong("id"))));
          return Future.all(loads).map(all -> loads.stream().map(Future::result).map(a -> new MyApplication(a.id(),
              a.postingId(), a.postingTitle(), a.status(), m.get("app_status_" + a.status()),
              user.belongsTo(a.leadOrganizationId()),
              Cards.names(a.partners().stream().map(x -> x.name() + "（" + m.get("partner_" + x.state()) + "）").toList()),
              user.belongsTo(a.leadOrganizationId()) && Application.SUBMITTED.equals(a.status()),
              Application.SUBMITTED.equals(a.status())
                  && a.partners().stream().anyMatch(x -> user.belongsTo(x.organizationId())
                      && Application.Partner.INVITED.equals(x.state())),
              Application.Endorsement.NOT_REQUIRED.equals(a.endorsement().state()) ? null
                  : m.get("endorsement_" + a.endorsement().state())))
              .toList());
        });
  }

  private Future<Map<Long, Long>> applicationCounts(java.util.List<Long> postingIds) {
    if (postingIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(APPLICATION_COUNTS).execute(io.vertx.sqlclient.Tuple.of(postingIds.toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, Long> counts = new HashMap<>();
          rows.forEach(row -> counts.put(row.getLong("posting_id"), row.getLong("n")));
          return counts;
        });
  }

  void endorse(RoutingContext ctx) {
    decideEndorsement(ctx, true);
  }

  void declineEndorsement(RoutingContext ctx) {
    decideEndorsement(ctx, false);
  }

  private void decideEndorsement(RoutingContext ctx, boolean endorse) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    Validator v = new Validator(new JsonObject().put("note", ctx.request().getFormAttribute("note")));
    String note = v.text("note", false, 0, 500);
    if (!v.errors().isEmpty()) {
      Views.redirect(ctx, "/workspace?notice=endorsement_note_long");
      return;
    }
    String kept = note.isEmpty() ? null : note;
    (endorse ? workflow.endorsements().endorse(user, id, kept) : workflow.endorsements().decline(user, id, kept))
        .onSuccess(a -> Views.redirect(ctx, "/workspace?notice=" + (endorse ? "endorsed" : "endorsement_declined")))
        .onFailure(failure -> afterFailure(ctx, failure, "endorsement_failed"));
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
    organizationService.setVerified(admin, PageRoutes.pathId(ctx), true, null)
        .onSuccess(org -> Views.redirect(ctx, "/workspace?notice=verified"))
        .onFailure(failure -> afterFailure(ctx, failure, "verify_failed"));
  }

  void rejectVerification(RoutingContext ctx) {
    moderate(ctx, false, (admin, id, reason) -> organizationService.setVerified(admin, id, false, reason).mapEmpty());
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
