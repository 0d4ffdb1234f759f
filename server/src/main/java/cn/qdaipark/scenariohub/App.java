package cn.qdaipark.scenariohub;

import cn.qdaipark.scenariohub.alert.DigestJob;
import cn.qdaipark.scenariohub.alert.NotificationPreferences;
import cn.qdaipark.scenariohub.acceptance.AcceptanceHook;
import cn.qdaipark.scenariohub.acceptance.AcceptanceRepository;
import cn.qdaipark.scenariohub.acceptance.AcceptanceRoutes;
import cn.qdaipark.scenariohub.acceptance.AcceptanceService;
import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.alert.NotificationRoutes;
import cn.qdaipark.scenariohub.alert.NotificationSettingsRoutes;
import cn.qdaipark.scenariohub.alert.NotificationSettingsService;
import cn.qdaipark.scenariohub.alert.SavedSearchAlerts;
import cn.qdaipark.scenariohub.alert.SavedSearchRoutes;
import cn.qdaipark.scenariohub.alert.SavedSearchService;
import cn.qdaipark.scenariohub.application.ApplicationHook;
import cn.qdaipark.scenariohub.application.ApplicationRepository;
import cn.qdaipark.scenariohub.application.ApplicationRoutes;
import cn.qdaipark.scenariohub.application.ApplicationService;
import cn.qdaipark.scenariohub.application.AttachmentRepository;
import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.application.AttachmentService;
import cn.qdaipark.scenariohub.application.EndorsementRoutes;
import cn.qdaipark.scenariohub.application.EndorsementService;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.AuthRoutes;
import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.CredentialsFirst;
import cn.qdaipark.scenariohub.auth.Authenticator;
import cn.qdaipark.scenariohub.auth.LoginThrottle;
import cn.qdaipark.scenariohub.auth.RegistrationLimit;
import cn.qdaipark.scenariohub.auth.PasswordHasher;
import cn.qdaipark.scenariohub.auth.PasswordResets;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.auth.SigningKey;
import cn.qdaipark.scenariohub.auth.TokenService;
import cn.qdaipark.scenariohub.auth.UserRepository;
import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.contact.ContactRoutes;
import cn.qdaipark.scenariohub.contact.ContactService;
import cn.qdaipark.scenariohub.conversation.ConversationRoutes;
import cn.qdaipark.scenariohub.conversation.ConversationService;
import cn.qdaipark.scenariohub.delivery.DeliveryHook;
import cn.qdaipark.scenariohub.delivery.DeliveryRepository;
import cn.qdaipark.scenariohub.delivery.DeliveryRoutes;
import cn.qdaipark.scenariohub.delivery.DeliveryService;
import cn.qdaipark.scenariohub.delivery.EvidenceReader;
import cn.qdaipark.scenariohub.demo.DemoData;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import cn.qdaipark.scenariohub.eligibility.RulesRoutes;
import cn.qdaipark.scenariohub.eligibility.RulesService;
import cn.qdaipark.scenariohub.export.ExportRoutes;
import cn.qdaipark.scenariohub.export.ExportService;
import cn.qdaipark.scenariohub.health.HealthRoutes;
import cn.qdaipark.scenariohub.health.MetricsRoutes;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.FailureHandler;
import cn.qdaipark.scenariohub.http.IdempotencyHandler;
import cn.qdaipark.scenariohub.http.HeaderDeadline;
import cn.qdaipark.scenariohub.http.OpenApiDocument;
import cn.qdaipark.scenariohub.http.RequestDeadline;
import cn.qdaipark.scenariohub.http.SecurityHeaders;
import cn.qdaipark.scenariohub.http.TextAssets;
import cn.qdaipark.scenariohub.http.UploadCleanup;
import cn.qdaipark.scenariohub.importer.ImportRoutes;
import cn.qdaipark.scenariohub.image.ImageSanitizer;
import cn.qdaipark.scenariohub.importer.ImportService;
import cn.qdaipark.scenariohub.importer.ImportedVectors;
import cn.qdaipark.scenariohub.mail.MailRoutes;
import cn.qdaipark.scenariohub.mail.MailSender;
import cn.qdaipark.scenariohub.mail.Mailing;
import cn.qdaipark.scenariohub.organization.InvitationRepository;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.organization.OrganizationRoutes;
import cn.qdaipark.scenariohub.organization.OrganizationService;
import cn.qdaipark.scenariohub.lifecycle.LifecycleRoutes;
import cn.qdaipark.scenariohub.lifecycle.LifecycleService;
import cn.qdaipark.scenariohub.posting.PostingEventRepository;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingRoutes;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.response.ResponseRoutes;
import cn.qdaipark.scenariohub.response.ResponseService;
import cn.qdaipark.scenariohub.result.ResultHook;
import cn.qdaipark.scenariohub.result.ResultRepository;
import cn.qdaipark.scenariohub.result.ResultRoutes;
import cn.qdaipark.scenariohub.result.ResultService;
import cn.qdaipark.scenariohub.review.ReviewRepository;
import cn.qdaipark.scenariohub.review.ReviewRoutes;
import cn.qdaipark.scenariohub.review.ReviewService;
import cn.qdaipark.scenariohub.showcase.ScenarioHook;
import cn.qdaipark.scenariohub.showcase.ScenarioRepository;
import cn.qdaipark.scenariohub.showcase.ScenarioRoutes;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionRoutes;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.index.CachingEmbedder;
import cn.qdaipark.scenariohub.index.Embedder;
import cn.qdaipark.scenariohub.index.SavedSearchMonitor;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.matching.IndexMetrics;
import cn.qdaipark.scenariohub.matching.IndexStatus;
import cn.qdaipark.scenariohub.matching.CompactionPolicy;
import cn.qdaipark.scenariohub.matching.IndexSync;
import cn.qdaipark.scenariohub.matching.InstanceId;
import cn.qdaipark.scenariohub.matching.MatchingRoutes;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.page.PageRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platform assembled from its configuration and database pool: services, routes and the HTTP server. */
public final class App {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  /** How often open calls are checked for a passed deadline (they are also checked on every read). */
  private static final long DEADLINE_CHECK_MS = 60_000;
  /** How often due daily digests are sent and saved searches changed on other replicas are reloaded. */
  private static final long ALERTS_CHECK_MS = 60_000;
  private final Vertx vertx;
  private final AppConfig config;
  private final Pool pool;
  private final PrometheusMeterRegistry metrics;
  private static final int EMBEDDING_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /**
   * The bulk lane of the embedding model: one thread per core, each model call on one core. A single write does not
   * queue behind it (it has the other lane); it shares the cores with it, which costs it tens of milliseconds.
   */
  private static final int IMPORT_EMBEDDING_THREADS = EMBEDDING_THREADS;

  private final WorkerExecutor hashing;
  private final WorkerExecutor embeddingWorkers;
  private final WorkerExecutor importEmbedding;
  private final AuthService auth;
  private final HeaderDeadline headerDeadline;
  private final UserRepository users;
  private final OrganizationRepository organizations;
  private final OrganizationService organizationService;
  private final SolutionService solutions;
  private final PostingService postings;
  private final ImportService importer;
  /** The model of the stored vectors, named in the admin exports that carry them. */
  private final String vectorModel;
  private final Clock clock;
  private final ScenarioIndex index;
  private final IndexStatus indexStatus = new IndexStatus();
  private final WorkerExecutor indexWriter;
  private final WorkerExecutor indexReaders;
  private final IndexSync indexSync;
  private final MatchingService matching;
  private final PageRoutes pages;
  private final NotificationRepository notifications;
  /** Read from the jar here, on the starting thread, rather than on an event loop at the first request. */
  private final String openApi;
  private final LifecycleService lifecycle;
  private final ApplicationService applications;
  private final AttachmentService attachments;
  private final ReviewService reviews;
  private final RulesService rules;
  private final EndorsementService endorsements;
  private final ResultService results;
  private final ShowcaseService showcase;
  private final ContactService contacts;
  private final ResponseService responses;
  private final AcceptanceService acceptances;
  private final ConversationService conversations;
  private final SavedSearchService savedSearches;
  private final NotificationSettingsService notificationSettings;
  private final DigestJob digests;
  private final DeliveryService delivery;
  private final PasswordResets passwordResets;
  private final NotificationPreferences notificationPreferences;
  /** Null when e-mail is off (no SMTP_HOST). */
  private final MailSender mailSender;
  private long mailTimer = -1;
  private final IdempotencyHandler idempotency;
  private long deadlineTimer = -1;
  private long alertsTimer = -1;

  public App(Vertx vertx, AppConfig config, Pool pool, PgConnectOptions connectOptions, Embedder embedder,
             PrometheusMeterRegistry metrics, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.metrics = metrics;
    this.clock = clock;
    this.vectorModel = embedder.modelId();
    this.headerDeadline = new HeaderDeadline(vertx, config.headerTimeoutMs());
    AuditLog audit = new AuditLog();
    this.users = new UserRepository();
    this.organizations = new OrganizationRepository();
    InvitationRepository invitations = new InvitationRepository();
    SolutionRepository solutionRepository = new SolutionRepository();
    PostingRepository postingRepository = new PostingRepository();
    this.hashing = vertx.createSharedWorkerExecutor("password-hashing", 2);
    this.embeddingWorkers = vertx.createSharedWorkerExecutor("embedding", EMBEDDING_THREADS);
    this.importEmbedding = vertx.createSharedWorkerExecutor("import-embedding", IMPORT_EMBEDDING_THREADS);
    TextEmbeddings embeddings = new TextEmbeddings(embedder, embeddingWorkers, importEmbedding);
    String signingKey = SigningKey.load(config);
    TokenService tokens = new TokenService(vertx, config, signingKey);
    this.idempotency = new IdempotencyHandler(vertx, pool, signingKey);
    Mailing mailing = Mailing.from(config);
    this.notifications = new NotificationRepository(mailing);
    this.auth = new AuthService(pool, hashing, new PasswordHasher(), tokens,
        new LoginThrottle(pool, LoginThrottle.Limits.from(config), clock),
        new RegistrationLimit(pool, config.registrationsPerAddress(), Duration.ofSeconds(config.registrationWindowSeconds()),
            clock), users, organizations, invitations, notifications, audit, clock);
    this.passwordResets = new PasswordResets(pool, auth, mailing, audit, clock,
        config.passwordResetsPerAddress());
    this.notificationPreferences = new NotificationPreferences(pool, audit);
    this.mailSender = config.smtp().enabled() ? new MailSender(vertx, pool, config.smtp(), clock) : null;
    this.organizationService = new OrganizationService(pool, organizations, invitations, users, audit, clock,
        notifications);
    this.solutions = new SolutionService(pool, solutionRepository, organizations, audit, embeddings, notifications);
    this.postings = new PostingService(pool, postingRepository, organizations, audit, embeddings,
        new PostingEventRepository(), clock, notifications);
    this.conversations = new ConversationService(vertx, pool, postings, solutions, organizations, users, audit,
        notifications);
    ApplicationRepository applicationRepository = new ApplicationRepository();
    ResultRepository resultRepository = new ResultRepository();
    DeliveryRepository deliveryRepository = new DeliveryRepository();
    AcceptanceRepository acceptanceRepository = new AcceptanceRepository();
    ScenarioRepository scenarioRepository = new ScenarioRepository();
    this.lifecycle = new LifecycleService(pool, postings, new PostingEventRepository(), organizations, audit,
        List.of(new ApplicationHook(applicationRepository, notifications), new ResultHook(resultRepository, clock),
            new DeliveryHook(deliveryRepository), new AcceptanceHook(acceptanceRepository),
            new ScenarioHook(scenarioRepository, clock)), clock);
    this.delivery = new DeliveryService(pool, postings, deliveryRepository,
        new EvidenceReader(vertx, new ImageSanitizer(2400, 320)), audit, notifications, clock);
    this.showcase = new ShowcaseService(vertx, pool, scenarioRepository, audit, clock);
    this.rules = new RulesService(pool, postings, organizations, solutionRepository, audit);
    this.endorsements = new EndorsementService(pool, applicationRepository, audit, notifications);
    this.applications = new ApplicationService(pool, applicationRepository, postingRepository, postings, organizations,
        solutionRepository, audit, notifications, rules, endorsements, conversations);
    AttachmentRepository attachmentRepository = new AttachmentRepository();
    this.attachments = new AttachmentService(vertx, pool, applications, attachmentRepository, audit);
    this.results = new ResultService(pool, resultRepository, postingRepository, postings, audit, clock, notifications);
    this.contacts = new ContactService(pool, postings, solutionRepository, audit, notifications, conversations);
    this.index = ScenarioIndex.open(config.dataDir().resolve("index"));
    this.openApi = OpenApiDocument.text();
    this.indexWriter = vertx.createSharedWorkerExecutor("index-writer", 1);
    this.indexReaders = vertx.createSharedWorkerExecutor("index-readers", 4);
    SavedSearchMonitor monitor = new SavedSearchMonitor();
    this.savedSearches = new SavedSearchService(pool, monitor, indexReaders, audit);
    this.notificationSettings = new NotificationSettingsService(pool, audit);
    this.digests = new DigestJob(pool, clock, mailing);
    this.indexSync = new IndexSync(vertx, pool, connectOptions, index, embedder, indexWriter,
        InstanceId.load(config.dataDir()), indexStatus, solutionRepository, postingRepository, notifications, indexReaders,
        clock, new SavedSearchAlerts(pool, monitor, indexReaders, notifications, clock), config.indexHealAfterMs(),
        new CompactionPolicy(config.indexCompactAfterChanges(), config.indexCompactQuietMs()));
    this.importer = new ImportService(pool, solutionRepository, postingRepository, new PostingEventRepository(), organizations,
        audit, embeddings, ImportedVectors.of(embedder), importEmbedding,
        indexSync::applied);
    if (metrics != null) {
      new IndexMetrics(indexStatus, index).bindTo(metrics);
    }
    this.matching = new MatchingService(index, new CachingEmbedder(embedder, 2048), indexReaders, indexStatus, pool,
        solutions, postings, solutionRepository, postingRepository, clock, config.matchCacheEntries());
    if (metrics != null) {
      matching.bindMetrics(metrics);
    }
    this.reviews = new ReviewService(pool, new ReviewRepository(), applicationRepository, postingRepository, postings,
        users, lifecycle, audit, notifications, matching);
    this.responses = new ResponseService(pool, postings, postingRepository, solutionRepository, organizations, lifecycle,
        matching, audit, notifications, conversations, clock);
    this.acceptances = new AcceptanceService(pool, acceptanceRepository, postings, postingRepository, lifecycle, audit,
        notifications);
    this.pages = new PageRoutes(vertx, new PageRoutes.Services(auth, solutions, postings, organizationService,
        organizations, pool, importer, matching, clock, passwordResets),
        new PageRoutes.Workflow(lifecycle, applications, reviews, results, users, applicationRepository, attachments,
            attachmentRepository, contacts, rules, endorsements, responses, conversations, delivery, acceptances),
        new PageRoutes.Alerts(savedSearches, notificationSettings, notifications, notificationPreferences),
        config.bodyLimitBytes(), config.importBodyLimitBytes(), showcase);
  }

  public Router router() {
    Router root = Router.router(vertx);
    root.route().handler(headerDeadline).handler(new SecurityHeaders())
        .handler(new RequestDeadline(config.requestTimeoutMs(), config.longRequestTimeoutMs()))
        .handler(new UploadCleanup());
    new HealthRoutes(pool, indexStatus, config.healthDbTimeoutMs()).mount(root);
    new MetricsRoutes(metrics, config.metricsToken()).mount(root);
    root.route("/api/v1/*").subRouter(apiRouter());
    pages.mount(root);
    root.get().handler(new TextAssets(List.of("/css/site.css", "/js/early.js", "/js/site.js", "/img/logo.svg")));
    return root;
  }

  Router apiRouter() {
    Router api = Router.router(vertx);
    // Bulk imports and uploads: the caller is verified before the body is read, and given the long deadline.
    api.route("/admin/import/*").handler(CredentialsFirst.bearer(auth).requiring(Role.ADMIN))
        .handler(RequestDeadline::extended).handler(ImportRoutes.refusedWhileBusy(importer));
    api.route("/admin/import/*").handler(BodyHandler.create(false).setBodyLimit(config.importBodyLimitBytes()));
    api.post(AttachmentRoutes.UPLOAD_PATH).handler(CredentialsFirst.bearer(auth)).handler(RequestDeadline::extended);
    api.post(AttachmentRoutes.UPLOAD_PATH).handler(AttachmentRoutes.uploadBodyHandler(config.dataDir()));
    api.post(ConversationRoutes.MESSAGES_PATH).handler(CredentialsFirst.bearer(auth)).handler(RequestDeadline::extended);
    api.post(ConversationRoutes.MESSAGES_PATH).handler(AttachmentRoutes.uploadBodyHandler(config.dataDir()));
    api.post(DeliveryRoutes.REPORT_PATH).handler(CredentialsFirst.bearer(auth)).handler(RequestDeadline::extended);
    api.post(DeliveryRoutes.REPORT_PATH).handler(DeliveryRoutes.reportBodyHandler(config.dataDir().resolve("uploads")));
    api.post(ScenarioRoutes.IMAGES_PATH).handler(CredentialsFirst.bearer(auth)).handler(RequestDeadline::extended);
    api.post(ScenarioRoutes.IMAGES_PATH).handler(ScenarioRoutes.uploadBodyHandler(config.dataDir()));
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));
    api.route().handler(new Authenticator(auth));
    api.post().handler(idempotency).failureHandler(idempotency::released);
    api.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .end(openApi));
    new AuthRoutes(auth, users, pool, passwordResets).mount(api);
    new OrganizationRoutes(organizationService, organizations, users, pool).mount(api);
    new SolutionRoutes(solutions).mount(api);
    new PostingRoutes(postings, clock).mount(api);
    new LifecycleRoutes(lifecycle).mount(api);
    new ApplicationRoutes(applications).mount(api);
    new AttachmentRoutes(attachments).mount(api);
    new ReviewRoutes(reviews).mount(api);
    new RulesRoutes(rules).mount(api);
    new EndorsementRoutes(endorsements).mount(api);
    new ResultRoutes(results).mount(api);
    new DeliveryRoutes(delivery).mount(api);
    new ContactRoutes(contacts).mount(api);
    new ResponseRoutes(responses).mount(api);
    new AcceptanceRoutes(acceptances).mount(api);
    new ConversationRoutes(conversations).mount(api);
    new ImportRoutes(importer).mount(api);
    new MatchingRoutes(matching).mount(api);
    new NotificationRoutes(pool, notifications, notificationPreferences).mount(api);
    new MailRoutes(pool).mount(api);
    new NotificationSettingsRoutes(notificationSettings).mount(api);
    new SavedSearchRoutes(savedSearches).mount(api);
    new ScenarioRoutes(showcase).mount(api);
    new ExportRoutes(vertx, new ExportService(solutions, postings, results, reviews, showcase, vectorModel), embeddingWorkers, auth)
        .mount(api);
    api.route().last().handler(ctx -> ctx.fail(ApiException.notFound("接口")));
    api.route().failureHandler(new FailureHandler());
    return api;
  }

  /** Serves HTTP, and starts the deadline timer (which also runs once right away). */
  public Future<HttpServer> listen() {
    closeExpiredChallenges();
    deadlineTimer = vertx.setPeriodic(DEADLINE_CHECK_MS, id -> closeExpiredChallenges());
    alertsTimer = vertx.setPeriodic(ALERTS_CHECK_MS, id -> {
      sendDigests();
      notifyLateMilestones();
      savedSearches.reloadIfChanged().onFailure(e -> log.warn("reloading saved searches failed; the next tick retries", e));
    });
    if (mailSender != null) {
      mailTimer = vertx.setPeriodic(config.smtp().pollMs(), id -> sendMail());
    }
    // A form field may be as long as the body: the decoder's default of 8 KB a field refused a 5,000-character
    // description (15 KB of UTF-8) before the form's validation could answer it.
    // Without clear-text HTTP/2 a connection is set up as soon as it is accepted, so the header deadline starts then.
    // Pages, JSON and CSV are compressed (gzip or deflate, as the client accepts) once they outgrow a packet.
    return vertx.createHttpServer(new HttpServerOptions().setMaxFormAttributeSize(config.bodyLimitBytes())
            .setIdleTimeout(config.idleTimeoutSeconds()).setHttp2ClearTextEnabled(false)
            .setCompressionSupported(true).setCompressionContentSizeThreshold(1024))
        .connectionHandler(headerDeadline::opened)
        .requestHandler(router())
        .listen(config.port(), config.host());
  }

  /** First-start work: the first admin and, on an empty database, the demo data. */
  public Future<Bootstrap> bootstrap() {
    return auth.ensureAdmin(config.adminEmail(), config.adminPassword())
        .compose(generatedPassword -> (config.demoData()
            ? new DemoData(vertx, pool, organizations, auth, importer, clock, config.demoPassword()).loadIfEmpty()
            : Future.succeededFuture(List.<DemoData.Account>of()))
            .map(accounts -> new Bootstrap(generatedPassword, accounts)));
  }

  public record Bootstrap(String generatedAdminPassword, List<DemoData.Account> demoAccounts) {
  }

  public ImportService importer() {
    return importer;
  }

  /**
   * Loads the saved searches, brings the index up to date with PostgreSQL (rebuilding if needed) and then follows
   * the outbox.
   */
  public Future<Void> startIndexing() {
    return savedSearches.load().compose(done -> indexSync.start());
  }

  /** Rebuilds the index from PostgreSQL now (the {@code reindex} command). */
  public Future<Void> rebuildIndex() {
    return indexSync.rebuild();
  }

  /** Prunes outbox rows every live replica has applied, now rather than on the next timer tick. */
  public Future<Long> pruneOutbox() {
    return indexSync.pruneNow();
  }

  /** Moves open calls whose deadline has passed into review now; answers how many moved. */
  public Future<Integer> closeExpiredChallenges() {
    return postings.closeExpired()
        .onFailure(e -> log.warn("closing calls past their deadline failed; the next tick retries", e));
  }

  /** Sends the daily digests that are due now; answers how many this call sent. */
  public Future<Integer> sendDigests() {
    return digests.run().onFailure(e -> log.warn("sending daily digests failed; the next tick retries", e));
  }

  /** Notifies the lead and the issuer of each milestone that became late (逾期), once; answers how many. */
  public Future<Integer> notifyLateMilestones() {
    return delivery.notifyLate().onFailure(e -> log.warn("notifying late milestones failed; the next tick retries", e));
  }

  /** Sends the e-mails of the outbox that are due now (none when e-mail is off); answers how many went out. */
  public Future<Integer> sendMail() {
    return mailSender == null ? Future.succeededFuture(0)
        : mailSender.sendDue().onFailure(e -> log.warn("sending e-mails failed; the next tick retries", e));
  }

  public MatchingService matching() {
    return matching;
  }

  public Future<Void> close() {
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
    if (alertsTimer >= 0) {
      vertx.cancelTimer(alertsTimer);
    }
    if (mailTimer >= 0) {
      vertx.cancelTimer(mailTimer);
    }
    return indexSync.stop()
        .compose(done -> indexWriter.executeBlocking(() -> {
          index.close();
          return null;
        }))
        .eventually(() -> Future.join(hashing.close(), embeddingWorkers.close(), indexWriter.close(), indexReaders.close(),
            importEmbedding.close(), mailSender == null ? Future.succeededFuture() : mailSender.close()))
        .mapEmpty();
  }
}
