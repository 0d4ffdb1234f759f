package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.acceptance.AcceptanceService;
import cn.qdaipark.scenariohub.alert.NotificationPreferences;
import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.alert.NotificationRoutes;
import cn.qdaipark.scenariohub.alert.NotificationSettingsService;
import cn.qdaipark.scenariohub.alert.SavedSearchService;
import cn.qdaipark.scenariohub.application.ApplicationRepository;
import cn.qdaipark.scenariohub.application.ApplicationService;
import cn.qdaipark.scenariohub.application.AttachmentRepository;
import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.application.AttachmentService;
import cn.qdaipark.scenariohub.application.EndorsementService;
import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.CredentialsFirst;
import cn.qdaipark.scenariohub.auth.PasswordResets;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.auth.UserRepository;
import cn.qdaipark.scenariohub.contact.ContactService;
import cn.qdaipark.scenariohub.delivery.DeliveryRoutes;
import cn.qdaipark.scenariohub.delivery.DeliveryService;
import cn.qdaipark.scenariohub.conversation.ConversationRoutes;
import cn.qdaipark.scenariohub.conversation.ConversationService;
import cn.qdaipark.scenariohub.eligibility.RulesService;
import cn.qdaipark.scenariohub.lifecycle.LifecycleService;
import cn.qdaipark.scenariohub.response.ResponseService;
import cn.qdaipark.scenariohub.result.ResultService;
import cn.qdaipark.scenariohub.review.ReviewService;
import cn.qdaipark.scenariohub.guide.CallGuideService;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.RequestDeadline;
import cn.qdaipark.scenariohub.importer.ImportRoutes;
import cn.qdaipark.scenariohub.importer.ImportService;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.organization.OrganizationService;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.showcase.ScenarioRoutes;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
import cn.qdaipark.scenariohub.solution.SolutionService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;

/** The server-rendered web pages: the whole page route table, each route behind cookie login and CSRF. */
public final class PageRoutes {
  private final SessionCookie session;
  private final CredentialsFirst credentialsFirst;
  private final Csrf csrf;
  private final PageErrors errors;
  private final BodyHandler forms;
  private final BodyHandler uploads;
  private final Handler<RoutingContext> importBusy;
  private final BodyHandler attachmentUploads;
  private final HomePages home;
  private final AuthPages auth;
  private final CatalogPages catalogue;
  private final BoardPages boards;
  private final SolutionFormPages solutionForms;
  private final PostingFormPages postingForms;
  private final WorkspacePages workspace;
  private final ImportPage importPage;
  private final ChallengePages challengeFlow;
  private final ReviewPages reviewPages;
  private final InvitationPages invitationPages;
  private final AttachmentPages attachmentPages;
  private final ContactPages contactPages;
  private final ConversationPages conversationPages;
  private final AcceptancePages acceptancePages;
  private final AlertPages alertPages;
  private final NotificationPages notificationPages;
  private final PasswordResetPages resetPages;
  private final OrganizationPages organizationPages;
  private final ResponsePages responsePages;
  private final CallGuidePages guidePages;
  private final DeliveryPages deliveryPages;
  private final BodyHandler reportUploads;
  private final ShowcasePages showcasePages;
  private final BodyHandler imageUploads;

  /** The services the pages call, so no page re-implements a rule. */
  public record Services(AuthService auth, SolutionService solutions, PostingService postings,
                         OrganizationService organizationService, OrganizationRepository organizations, Pool pool,
                         ImportService importer, MatchingService matching, Clock clock, PasswordResets passwordResets) {
  }

  /** The services of the 揭榜挂帅 workflow (lifecycle, applications, review, results) the workflow pages call. */
  public record Workflow(LifecycleService lifecycle, ApplicationService applications, ReviewService reviews,
                         ResultService results, UserRepository users, ApplicationRepository applicationRepository,
                         AttachmentService attachments, AttachmentRepository attachmentRepository,
                         ContactService contacts, RulesService rules, EndorsementService endorsements,
                         ResponseService responses, ConversationService conversations, DeliveryService delivery,
                         AcceptanceService acceptances) {
  }

  /** Saved searches, alert settings and notifications, for the 订阅与通知 page. */
  public record Alerts(SavedSearchService savedSearches, NotificationSettingsService settings,
                       NotificationRepository notifications, NotificationPreferences preferences) {
  }

  public PageRoutes(Vertx vertx, Services s, Workflow w, Alerts alerts, int bodyLimit, long importBodyLimit,
                    ShowcaseService showcase) {
    Views views = new Views(vertx, user -> alerts.notifications().unreadCount(s.pool(), user, NotificationRoutes.UNREAD_CAP));
    this.session = new SessionCookie(s.auth());
    this.csrf = new Csrf(s.auth());
    this.credentialsFirst = CredentialsFirst.cookie(s.auth(), SessionCookie.NAME);
    this.errors = new PageErrors(views);
    this.forms = BodyHandler.create(false).setBodyLimit(bodyLimit);
    String uploadsDirectory = Path.of(System.getProperty("java.io.tmpdir"), "scenariohub-uploads").toString();
    this.uploads = BodyHandler.create(true).setBodyLimit(importBodyLimit).setDeleteUploadedFilesOnEnd(true)
        .setUploadsDirectory(uploadsDirectory);
    this.attachmentUploads = BodyHandler.create(true).setBodyLimit(AttachmentRoutes.UPLOAD_BODY_LIMIT)
        .setDeleteUploadedFilesOnEnd(true).setUploadsDirectory(uploadsDirectory);
    this.showcasePages = new ShowcasePages(views, showcase);
    this.imageUploads = BodyHandler.create(true).setBodyLimit(ScenarioRoutes.UPLOAD_BODY_LIMIT)
        .setDeleteUploadedFilesOnEnd(true).setUploadsDirectory(uploadsDirectory);
    this.home = new HomePages(views, s.matching(), s.postings(), s.clock(), showcase, showcasePages);
    this.auth = new AuthPages(views, s.auth(), csrf);
    this.catalogue = new CatalogPages(views, s.matching(), s.solutions(), s.clock(), showcasePages);
    this.boards = new BoardPages(views, s.postings(), s.matching(), s.clock());
    this.solutionForms = new SolutionFormPages(views, s.solutions());
    this.postingForms = new PostingFormPages(views, s.postings(), s.clock());
    this.workspace = new WorkspacePages(views, s.solutions(), s.postings(), s.organizationService(), s.organizations(),
        s.pool(), s.clock(), w, s.matching());
    this.importPage = new ImportPage(views, s.importer(), vertx);
    this.importBusy = ImportRoutes.refusedWhileBusy(s.importer());
    CallGuideService guides = new CallGuideService(s.pool(), s.postings());
    this.guidePages = new CallGuidePages(vertx, guides);
    this.challengeFlow = new ChallengePages(views, s, w, boards, guides, showcase);
    this.reviewPages = new ReviewPages(views, s, w);
    this.invitationPages = new InvitationPages(views, s, w);
    this.attachmentPages = new AttachmentPages(w, challengeFlow);
    this.contactPages = new ContactPages(w.contacts());
    this.alertPages = new AlertPages(views, alerts);
    this.notificationPages = new NotificationPages(views, s.pool(), alerts);
    this.resetPages = new PasswordResetPages(views, s.passwordResets());
    this.conversationPages = new ConversationPages(views, w.conversations());
    this.organizationPages = new OrganizationPages(views, s.organizationService(), s.solutions(), s.postings(), s.clock(),
        showcasePages);
    this.responsePages = new ResponsePages(views, boards, w.responses(), s.solutions(), s.postings(), s.clock());
    this.deliveryPages = new DeliveryPages(views, w.delivery(), s.clock());
    this.reportUploads = DeliveryRoutes.reportBodyHandler(Path.of(uploadsDirectory));
    this.acceptancePages = new AcceptancePages(views, w, s.pool());
  }

  public void mount(Router root) {
    get(root, "/", home::home);
    get(root, "/stats", home::stats);
    get(root, "/login", auth::loginForm);
    post(root, "/login", auth::login);
    get(root, "/register", auth::registerForm);
    post(root, "/register", auth::register);
    post(root, "/logout", auth::logout);
    get(root, "/password-reset", resetPages::requestForm);
    post(root, "/password-reset", resetPages::request);
    get(root, "/password-reset/confirm", resetPages::confirmForm);
    post(root, "/password-reset/confirm", resetPages::confirm);
    get(root, "/showcase", showcasePages::gallery);
    get(root, "/showcase/:id", showcasePages::scenario);
    get(root, "/showcase/:id/print", showcasePages::print);
    get(root, "/showcase/:id/edit", showcasePages::editForm);
    post(root, "/showcase/:id/edit", showcasePages::edit);
    get(root, "/showcase/:id/images/:imageId", ctx -> showcasePages.image(ctx, false));
    get(root, "/showcase/:id/images/:imageId/thumb", ctx -> showcasePages.image(ctx, true));
    post(root, "/showcase/:id/images/:imageId/delete", showcasePages::deleteImage);
    root.route(HttpMethod.POST, "/showcase/:id/images").handler(credentialsFirst)
        .handler(RequestDeadline::extended).failureHandler(errors);
    root.route(HttpMethod.POST, "/showcase/:id/images").handler(imageUploads).handler(session)
        .handler(csrf).handler(showcasePages::upload).failureHandler(errors);
    get(root, "/solutions", catalogue::catalogue);
    get(root, "/solutions/new", solutionForms::newForm);
    post(root, "/solutions/new", solutionForms::create);
    get(root, "/solutions/:id", catalogue::solution);
    get(root, "/solutions/:id/edit", solutionForms::editForm);
    post(root, "/solutions/:id/edit", solutionForms::update);
    post(root, "/solutions/:id/contacts", contactPages::contactFromSolution);
    get(root, "/challenges", boards::challenges);
    get(root, "/demands", boards::demands);
    get(root, "/organizations/:id", organizationPages::profile);
    post(root, "/organizations/:id/invitations", organizationPages::invite);
    post(root, "/organizations/:id/join-requests/:userId/approve", ctx -> organizationPages.settle(ctx, true));
    post(root, "/organizations/:id/join-requests/:userId/decline", ctx -> organizationPages.settle(ctx, false));
    get(root, "/postings/new", postingForms::newForm);
    post(root, "/postings/new", postingForms::create);
    get(root, "/postings/:id", challengeFlow::posting);
    get(root, "/postings/:id/notice", challengeFlow::resultNotice);
    root.route(HttpMethod.POST, "/postings/:id/guide").handler(credentialsFirst)
        .handler(RequestDeadline::extended).failureHandler(errors);
    root.route(HttpMethod.POST, "/postings/:id/guide").handler(attachmentUploads).handler(session)
        .handler(csrf).handler(guidePages::upload).failureHandler(errors);
    get(root, "/postings/:id/guide.pdf", guidePages::download);
    post(root, "/postings/:id/contact-person", guidePages::contact);
    post(root, "/postings/:id/transition", challengeFlow::transition);
    post(root, "/postings/:id/contacts", contactPages::contact);
    get(root, "/postings/:id/apply", challengeFlow::applyForm);
    post(root, "/postings/:id/apply", challengeFlow::apply);
    post(root, "/applications/:id/withdraw", challengeFlow::withdraw);
    post(root, "/applications/:id/confirm", challengeFlow::confirmPartner);
    get(root, "/applications/:id/invitation", invitationPages::show);
    post(root, "/applications/:id/invitation/decline", invitationPages::decline);
    // Their own routes first, since Vert.x runs a body handler before any other handler of the same route.
    root.route(HttpMethod.POST, "/applications/:id/attachments").handler(credentialsFirst)
        .handler(RequestDeadline::extended).failureHandler(errors);
    root.route(HttpMethod.POST, "/applications/:id/attachments").handler(attachmentUploads).handler(session)
        .handler(csrf).handler(attachmentPages::upload).failureHandler(errors);
    get(root, "/applications/:id/attachments/:attachmentId", attachmentPages::download);
    post(root, "/applications/:id/attachments/:attachmentId/delete", attachmentPages::delete);
    get(root, "/conversations", conversationPages::list);
    post(root, "/conversations", conversationPages::open);
    get(root, "/conversations/:id", conversationPages::thread);
    root.route(HttpMethod.POST, ConversationRoutes.MESSAGES_PATH).handler(credentialsFirst)
        .handler(RequestDeadline::extended).failureHandler(errors);
    root.route(HttpMethod.POST, ConversationRoutes.MESSAGES_PATH).handler(attachmentUploads).handler(session)
        .handler(csrf).handler(conversationPages::send).failureHandler(errors);
    get(root, "/conversations/:id/attachments/:attachmentId", conversationPages::download);
    post(root, "/conversations/:id/contact", conversationPages::share);
    post(root, "/conversations/:id/contact/hide", conversationPages::unshare);
    get(root, "/postings/:id/delivery", deliveryPages::page);
    post(root, "/postings/:id/delivery/plan", deliveryPages::proposePlan);
    post(root, "/postings/:id/delivery/plan/accept", ctx -> deliveryPages.decidePlan(ctx, true));
    post(root, "/postings/:id/delivery/plan/return", ctx -> deliveryPages.decidePlan(ctx, false));
    root.route(HttpMethod.POST, "/milestones/:id/report").handler(credentialsFirst)
        .handler(RequestDeadline::extended).failureHandler(errors);
    root.route(HttpMethod.POST, "/milestones/:id/report").handler(reportUploads).handler(session)
        .handler(csrf).handler(deliveryPages::report).failureHandler(errors);
    post(root, "/milestone-reports/:id/accept", ctx -> deliveryPages.decideReport(ctx, true));
    post(root, "/milestone-reports/:id/return", ctx -> deliveryPages.decideReport(ctx, false));
    post(root, "/milestones/:id/funding", deliveryPages::fund);
    get(root, "/evidence/:id", deliveryPages::evidence);
    get(root, "/results", challengeFlow::results);
    post(root, "/postings/:id/objections", challengeFlow::object);
    post(root, "/objections/:id/answer", challengeFlow::answer);
    get(root, "/postings/:id/review", reviewPages::review);
    post(root, "/postings/:id/rubric", reviewPages::rubric);
    post(root, "/postings/:id/reviewers", reviewPages::addReviewer);
    post(root, "/postings/:id/rules", reviewPages::rules);
    post(root, "/applications/:id/endorse", workspace::endorse);
    post(root, "/applications/:id/decline", workspace::declineEndorsement);
    post(root, "/applications/:id/shortlist", reviewPages::shortlist);
    post(root, "/applications/:id/award", reviewPages::award);
    get(root, "/postings/:id/score", reviewPages::scoreForm);
    post(root, "/applications/:id/scores", reviewPages::score);
    get(root, "/postings/:id/respond", responsePages::respondForm);
    post(root, "/postings/:id/respond", responsePages::respond);
    get(root, "/postings/:id/responses", responsePages::list);
    post(root, "/responses/:id/withdraw", responsePages::withdraw);
    post(root, "/responses/:id/shortlist", responsePages::shortlist);
    post(root, "/responses/:id/decline", responsePages::decline);
    post(root, "/responses/:id/pilot", responsePages::pilot);
    post(root, "/responses/:id/landed", responsePages::landed);
    get(root, "/workspace/responses", responsePages::mine);
    post(root, "/postings/:id/recusal", reviewPages::recuseFromCall);
    post(root, "/applications/:id/recusal", reviewPages::recuseFromApplication);
    get(root, "/workspace/reviews", reviewPages::myReviews);
    get(root, "/workspace/acceptances", acceptancePages::mine);
    get(root, "/acceptances/:id", acceptancePages::page);
    post(root, "/acceptances/:id/panel", acceptancePages::appoint);
    post(root, "/acceptances/:id/scores", acceptancePages::score);
    post(root, "/acceptances/:id/recusal", acceptancePages::recuse);
    post(root, "/acceptances/:id/conclusion", acceptancePages::conclude);
    get(root, "/postings/:id/edit", postingForms::editForm);
    post(root, "/postings/:id/edit", postingForms::update);
    get(root, "/workspace", workspace::workspace);
    post(root, "/workspace/solutions/:id/approve", workspace::approveSolution);
    post(root, "/workspace/solutions/:id/reject", workspace::rejectSolution);
    post(root, "/workspace/postings/:id/approve", workspace::approvePosting);
    post(root, "/workspace/postings/:id/reject", workspace::rejectPosting);
    post(root, "/workspace/organizations/:id/verify", workspace::verify);
    post(root, "/workspace/organizations/:id/reject", workspace::rejectVerification);
    get(root, "/workspace/import", importPage::form);
    get(root, "/workspace/import/postings-template.xlsx", importPage::template);
    get(root, "/alerts", alertPages::page);
    get(root, "/notifications", notificationPages::list);
    post(root, "/notifications/read-all", notificationPages::markAllRead);
    get(root, "/notifications/settings", notificationPages::settings);
    post(root, "/notifications/settings", notificationPages::saveSettings);
    get(root, "/notifications/:id/open", notificationPages::open);
    post(root, "/notifications/:id/read", notificationPages::markRead);
    post(root, "/alerts/settings", alertPages::saveSettings);
    post(root, "/alerts/saved-searches", alertPages::saveSearch);
    post(root, "/alerts/saved-searches/:id/delete", alertPages::deleteSearch);
    root.route(HttpMethod.POST, "/workspace/import").handler(credentialsFirst.requiring(Role.ADMIN))
        .handler(RequestDeadline::extended).handler(importBusy)
        .failureHandler(errors);
    root.route(HttpMethod.POST, "/workspace/import").handler(uploads).handler(session).handler(csrf)
        .handler(importPage::upload).failureHandler(errors);
    mountFallback(root);
  }

  /**
   * The styled pages for what no route answers: a last-order catch-all (it runs after the static files, which
   * are mounted later but ordered before it) renders the 404 page with the visitor's login and language, and
   * the router's 500 handler shows the error page (with a reference id, no internals) for a failure outside the
   * page routes. Paths under /api/ keep the plain answers API clients expect.
   */
  private void mountFallback(Router root) {
    root.routeWithRegex("^/(?!api(?:/|$)).*").last()
        .handler(ctx -> {
          HttpMethod method = ctx.request().method();
          if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            ctx.next();
          } else {
            ctx.fail(404);
          }
        })
        .handler(session).handler(csrf).handler(ctx -> ctx.fail(404)).failureHandler(errors);
    root.errorHandler(500, errors);
  }

  static long pathId(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to not found: a malformed id names no record
    }
    throw ApiException.notFound("页面");
  }

  private void get(Router root, String path, Handler<RoutingContext> page) {
    root.route(HttpMethod.GET, path).handler(session).handler(csrf).handler(page).failureHandler(errors);
  }

  private void post(Router root, String path, Handler<RoutingContext> page) {
    root.route(HttpMethod.POST, path).handler(forms).handler(session).handler(csrf).handler(page).failureHandler(errors);
  }
}
