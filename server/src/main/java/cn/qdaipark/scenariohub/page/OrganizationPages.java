package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationService;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.showcase.ScenarioRepository;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public profile of one organization: its details and its public records (a provider's published solutions, an
 * issuer's public calls and demands). The lists are read as a visitor, so nobody sees a draft or pending record here,
 * not even the organization's own members; members themselves are never shown. A member also finds here the form
 * that makes an invitation code for a colleague, and the requests to join the organization, to approve or decline.
 */
final class OrganizationPages {
  private static final int PAGE_SIZE = 20;
  private static final PageRequest FIRST_50 = new PageRequest(1, 50);
  private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Views views;
  private final OrganizationService organizations;
  private final SolutionService solutions;
  private final PostingService postings;
  private final Clock clock;
  private final ShowcasePages showcase;

  OrganizationPages(Views views, OrganizationService organizations, SolutionService solutions, PostingService postings,
                    Clock clock, ShowcasePages showcase) {
    this.showcase = showcase;
    this.views = views;
    this.organizations = organizations;
    this.solutions = solutions;
    this.postings = postings;
    this.clock = clock;
  }

  void profile(RoutingContext ctx) {
    show(ctx, null);
  }

  /** Makes an invitation code and shows it once, on the organization's page. */
  void invite(RoutingContext ctx) {
    organizations.invite(CurrentUser.required(ctx), PageRoutes.pathId(ctx))
        .onSuccess(invitation -> show(ctx, invitation))
        .onFailure(ctx::fail);
  }

  /** Approves or declines one request to join, then shows the remaining ones. */
  void settle(RoutingContext ctx, boolean approve) {
    long id = PageRoutes.pathId(ctx);
    organizations.settleJoinRequest(CurrentUser.required(ctx), id, Params.pathId(ctx, "userId"), approve)
        .onSuccess(account -> Views.redirect(ctx, "/organizations/" + id + "#org-join"))
        .onFailure(ctx::fail);
  }

  /** The organization's demonstration scenarios shown on its page (as issuer or in the consortium), newest first. */
  private static final int SCENARIOS = 12;

  private record JoinRequest(long id, String displayName, String email) {
  }

  private void show(RoutingContext ctx, OrganizationService.NewInvitation invitation) {
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    Optional<CurrentUser> viewer = CurrentUser.of(ctx);
    int page = Pager.number(ctx.queryParams().get("page"));
    PageRequest request = new PageRequest(page, PAGE_SIZE);
    LocalDate today = LocalDate.now(clock);
    boolean member = viewer.map(u -> u.belongsTo(id)).orElse(false);
    Future<List<JoinRequest>> requests = !member ? Future.succeededFuture(List.of())
        : organizations.joinRequests(viewer.get(), id, FIRST_50)
            .map(found -> found.items().stream().map(a -> new JoinRequest(a.id(), a.displayName(), a.email())).toList());
    Future<List<ShowcasePages.Card>> scenarios = showcase.cards(ScenarioRepository.Filter.ofOrganization(id), SCENARIOS, m);
    organizations.get(id).compose(org -> Future.all(records(org, request, m, today), requests, scenarios).map(loaded -> {
          Records records = loaded.resultAt(0);
          Map<String, Object> model = new HashMap<>();
          model.put("org", org);
          model.put("region", Terms.name(m, org.region()));
          model.put("kindLabel", m.get("org_kind_" + org.kind().wire()));
          model.put("provider", org.kind() == OrgKind.PROVIDER);
          model.put("records", records.items());
          model.put("total", records.total());
          model.put("pager", Pager.of(Query.empty(), "/organizations/" + id, page, PAGE_SIZE, records.total()));
          model.put("canInvite", member);
          model.put("joinRequests", loaded.<List<JoinRequest>>resultAt(1));
          model.put("scenarios", loaded.<List<ShowcasePages.Card>>resultAt(2));
          if (invitation != null) {
            model.put("invitationCode", invitation.code());
            model.put("invitationExpires", invitation.expiresAt().atZoneSameInstant(clock.getZone()).format(EXPIRY));
          }
          return model;
        }))
        .onSuccess(model -> views.render(ctx, "organization", ((Organization) model.get("org")).name(), model))
        .onFailure(ctx::fail);
  }

  private record Records(List<?> items, long total) {
  }

  private Future<Records> records(Organization org, PageRequest request, Messages m, LocalDate today) {
    if (org.kind() == OrgKind.PROVIDER) {
      return solutions.list(Optional.empty(), new SolutionRepository.Filter(null, null, null, null, org.id(), null), request)
          .map(found -> new Records(found.items().stream().map(s -> Cards.solution(s, m)).toList(), found.total()));
    }
    return postings.list(Optional.empty(), new PostingRepository.Filter(null, null, null, org.id(), null, null, null), request)
        .map(found -> new Records(found.items().stream().map(p -> Cards.posting(p, m, today)).toList(), found.total()));
  }
}
