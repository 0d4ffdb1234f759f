package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.Application;
import cn.qdaipark.scenariohub.application.Attachment;
import cn.qdaipark.scenariohub.application.AttachmentService;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.contact.ContactService;
import cn.qdaipark.scenariohub.eligibility.ChallengeRules;
import cn.qdaipark.scenariohub.guide.CallGuideService;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
import cn.qdaipark.scenariohub.result.ResultRepository;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionStatus;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 揭榜挂帅 workflow as pages: the posting page with its lifecycle (status, timeline, the issuer's next moves,
 * objections), the provider's application form, withdrawing, and the public 公示 list with the objection form.
 * Every decision is the services': the pages only turn forms into their input and their refusals into messages.
 */
final class ChallengePages {
  static final int MAX_PARTNERS = 4;
  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int RESULTS_PAGE = 20;

  private final Views views;
  private final PageRoutes.Services s;
  private final PageRoutes.Workflow w;
  private final BoardPages boards;
  private final ResultRepository resultRepository = new ResultRepository();
  private final CallGuideService guides;
  private final ShowcaseService showcase;
  private final Clock clock;

  ChallengePages(Views views, PageRoutes.Services s, PageRoutes.Workflow w, BoardPages boards, CallGuideService guides,
                 ShowcaseService showcase) {
    this.views = views;
    this.showcase = showcase;
    this.s = s;
    this.w = w;
    this.boards = boards;
    this.guides = guides;
    this.clock = s.clock();
  }

  // ---- the posting page with its lifecycle --------------------------------------------------------------------

  record TimelineItem(String fromLabel, String toLabel, String at, String by, String actor, String note) {
  }

  /**
   * A move the caller may make now, as a button named for the act (归档, 流榜); the moves that end a call or take it
   * down ask for confirmation first ({@code confirmQuestion} is the question; empty for the others, since a null
   * would let the template find a {@code confirm…} of the page instead).
   */
  record Move(String to, String label, boolean secondary, String confirmQuestion, String confirmButton) {
    private static final Set<String> DESTRUCTIVE = Set.of(PostingStatus.ARCHIVED, PostingStatus.CLOSED,
        PostingStatus.UNAWARDED);

    static Move of(String from, String to, Messages m) {
      String label = m.get(PostingStatus.IN_TALKS.equals(from) && PostingStatus.OPEN.equals(to) ? "act_reopen" : "act_" + to);
      boolean destructive = DESTRUCTIVE.contains(to);
      return new Move(to, label, destructive, destructive ? m.get("confirm_" + to) : "",
          destructive ? m.format("confirm_act", label) : "");
    }
  }

  record ObjectionView(long id, String text, String at, String answer, String answeredAt, boolean answerable) {
  }

  record MyApplication(long id, String status, String statusLabel, boolean withdrawable) {
  }

  /** The winner of a published call as the page and the 公示 notice name it. */
  record WinnerView(String lead, String partners, String amount) {
    static List<WinnerView> of(List<ResultRepository.Winner> winners, Messages m) {
      return winners.stream().map(x -> new WinnerView(x.lead(), String.join("、", x.partners()),
          Cards.budget(x.budgetWan(), m))).toList();
    }
  }

  /** One phase of a call's lifecycle stepper (申报 → … → 落地); {@code current} carries aria-current. */
  record Step(String label, boolean done, boolean current) {
    private static final List<List<String>> PHASES = List.of(List.of(PostingStatus.OPEN),
        List.of(PostingStatus.REVIEW, PostingStatus.UNAWARDED), List.of(PostingStatus.SHORTLISTED),
        List.of(PostingStatus.AWARDED), List.of(PostingStatus.RESULT_PUBLISHED), List.of(PostingStatus.IN_DELIVERY),
        List.of(PostingStatus.ACCEPTANCE, PostingStatus.FAILED), List.of(PostingStatus.ACCEPTED, PostingStatus.LANDED));
    private static final List<String> KEYS = List.of("step_apply", "step_review", "step_shortlist", "step_award",
        "step_publish", "step_delivery", "step_acceptance", "step_landed");

    /** The steps of a call, or none when its state is off the path (a draft, a closed or archived call). */
    static List<Step> of(String status, Messages m) {
      int at = -1;
      for (int i = 0; i < PHASES.size(); i++) {
        if (PHASES.get(i).contains(status)) {
          at = i;
        }
      }
      List<Step> steps = new ArrayList<>();
      for (int i = 0; at >= 0 && i < PHASES.size(); i++) {
        steps.add(new Step(m.get(KEYS.get(i)), i < at, i == at));
      }
      return steps;
    }
  }

  /** The call's 申报条件 as shown to everyone; empty values read as "any" in the template. */
  record RulesView(String regions, String minMaturity, boolean requireVerified, Integer limit, String endorsing) {
    static RulesView of(ChallengeRules r, Messages m) {
      return new RulesView(Cards.terms(r.regions(), m), Terms.name(m, r.minMaturity()), r.requireVerified(),
          r.maxApplicationsPerOrganization(), r.endorsingOrganization());
    }
  }

  void posting(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    Optional<CurrentUser> user = CurrentUser.of(ctx);
    boards.postingModel(ctx).compose(model -> {
      Posting p = (Posting) model.remove("posting");
      boolean challenge = "challenge".equals(p.kind());
      boolean issuer = user.map(u -> u.isAdmin() || u.belongsTo(p.organizationId())).orElse(false);
      model.put("challenge", challenge);
      model.put("isIssuer", issuer);
      model.put("mayContact", issuer && ContactService.acceptsContacts(p));
      model.put("mayMessage", ConversationPages.mayMessage(user, p.organizationId(), p.isPublic()));
      model.put("statusLabel", statusLabel(p.kind(), p.status(), m));
      model.put("notice", notice(ctx, m));
      model.put("postingId", p.id());
      model.put("metaDescription", ((Cards.PostingCard) model.get("p")).excerpt());
      model.put("mayEdit", issuer && PostingService.editableState(p));
      // once a call is awarded, recommending further solutions for it only distracts from the result
      model.put("showMatches", !PostingStatus.SCENARIO_CHALLENGE.contains(p.status()));
      if (challenge) {
        model.put("steps", Step.of(p.status(), m));
        model.put("unawarded", PostingStatus.UNAWARDED.equals(p.status()));
      }
      List<Future<?>> parts = new ArrayList<>();
      parts.add(w.lifecycle().timeline(user, p.id()).onSuccess(t -> {
        model.put("timeline", t.getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> new TimelineItem(
            e.getString("from") == null ? null : statusLabel(p.kind(), e.getString("from"), m),
            statusLabel(p.kind(), e.getString("to"), m), display(OffsetDateTime.parse(e.getString("at"))),
            m.get("by_" + e.getString("by")), e.getString("actorName"), TimelineNotes.translate(e.getString("note"), m)))
            .toList());
        model.put("moves", t.getJsonArray("next").stream().map(JsonObject.class::cast)
            .filter(n -> !AcceptancePages.acceptanceDecides(p, n.getString("to")))
            .map(n -> Move.of(p.status(), n.getString("to"), m)).toList());
      }));
      if (issuer) {
        parts.add(w.contacts().listForPosting(user.get(), p.id())
            .onSuccess(list -> model.put("contacts", ContactPages.ContactView.of(list, m))));
      }
      if (challenge) {
        parts.add(w.rules().rules(user, p.id()).onSuccess(r -> model.put("rules", RulesView.of(r, m))));
        parts.add(guides.guide(user, p.id()).onSuccess(g -> model.put("guide", CallGuidePages.GuideView.of(g))));
        model.put("mayGuide", issuer && !PostingStatus.ARCHIVED.equals(p.status()));
      }
      if (challenge && user.isPresent()) {
        CurrentUser u = user.get();
        boolean provider = u.role() == Role.PROVIDER;
        model.put("mayApply", provider && PostingStatus.OPEN.equals(p.status()));
        model.put("reviewLink", issuer);
        parts.add(w.applicationRepository().isReviewer(s.pool(), p.id(), u.id())
            .onSuccess(reviewer -> model.put("scoreLink", reviewer)));
        if (provider) {
          parts.add(w.applications().list(u, p.id()).onSuccess(list -> list.stream()
              .filter(a -> u.belongsTo(a.leadOrganizationId()) && !Application.WITHDRAWN.equals(a.status()))
              .findFirst().ifPresent(a -> model.put("myApplication", new MyApplication(a.id(), a.status(),
                  m.get("app_status_" + a.status()), Application.SUBMITTED.equals(a.status())
                  && PostingStatus.OPEN.equals(p.status()))))));
        }
      }
      parts.add(DeliveryPages.summary(w.delivery(), user, p, m, model));
      if (PostingStatus.ACCEPTED.equals(p.status()) || PostingStatus.LANDED.equals(p.status())) {
        parts.add(showcase.scenarioOf(p.id()).onSuccess(id -> id.ifPresent(scenario -> model.put("scenarioId", scenario))));
      }
      if (challenge && PostingStatus.PILOT_OR_LATER.contains(p.status())) {
        // a call that was accepted before acceptance rounds existed (or seeded so) has no rounds to show
        boolean awaitsRound = PostingStatus.IN_DELIVERY.equals(p.status()) || PostingStatus.ACCEPTANCE.equals(p.status());
        parts.add(AcceptancePages.section(w.acceptances(), user, p, m)
            .onSuccess(a -> {
              if (awaitsRound || Boolean.TRUE.equals(a.get("any"))) {
                model.put("acceptance", a);
              }
            }));
      }
      if (challenge && PostingStatus.RESULT_STATES.contains(p.status())) {
        parts.add(resultRepository.result(s.pool(), p.id()).onSuccess(r -> r.ifPresent(result -> {
          model.put("resultPublished", display(result.publishedAt()));
          model.put("objectionUntil", display(result.objectionUntil()));
          model.put("mayObject", user.isPresent() && OffsetDateTime.now(clock).isBefore(result.objectionUntil()));
        })));
        parts.add(resultRepository.winners(s.pool(), p.id()).onSuccess(list -> model.put("winners", WinnerView.of(list, m))));
        if (user.isPresent()) {
          parts.add(w.results().objections(user.get(), p.id()).onSuccess(list -> model.put("objections", list.stream()
              .map(o -> new ObjectionView(o.id(), o.text(), display(o.createdAt()), o.answer(),
                  o.answeredAt() == null ? null : display(o.answeredAt()), issuer && o.answer() == null)).toList())));
        }
      }
      return Future.all(parts).map(model);
    }).onSuccess(model -> views.render(ctx, "posting", (String) model.get("pageTitle"), model)).onFailure(ctx::fail);
  }

  /** The issuer's move of the posting (a button of the posting page); the lifecycle decides whether it is allowed. */
  void transition(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String to = ctx.request().getFormAttribute("to");
    if (to == null || !PostingStatus.ALL.contains(to)) {
      throw ApiException.validation(Map.of("to", "必填"));
    }
    String note = Optional.ofNullable(ctx.request().getFormAttribute("note")).map(String::strip).orElse("");
    w.lifecycle().transition(user, id, to, note.isEmpty() ? null : note)
        .onSuccess(p -> Views.redirect(ctx, "/postings/" + id + "?notice=moved"))
        .onFailure(ctx::fail);
  }

  // ---- the application form ------------------------------------------------------------------------------------

  record Answer(int index, String requirement, String answer) {
  }

  record SolutionChoice(long id, String title, boolean checked) {
  }

  record PartnerView(String name, boolean confirmed, boolean declined, String declineReason) {
  }

  record Slot(int index, String value) {
  }

  void applyForm(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER);
    // without an organization (a request to join still waiting) the form would offer every organization's solutions
    user.organization();
    showSaved(ctx, 200, user, PageRoutes.pathId(ctx), Map.of());
  }

  /** The application form as saved, with messages: the attachment forms post elsewhere and come back here. */
  void showSaved(RoutingContext ctx, int status, CurrentUser user, long postingId, Map<String, String> errors) {
    s.postings().get(Optional.of(user), postingId)
        .compose(p -> ownApplication(user, p).map(found -> {
          JsonObject form = found.map(a -> a.proposal().copy().put("solutionIds", new JsonArray(List.copyOf(a.solutionIds()))))
              .orElse(new JsonObject());
          return new Object[] {p, found.orElse(null), form};
        }))
        .onSuccess(loaded -> showApply(ctx, status, user, (Posting) loaded[0], (Application) loaded[1],
            (JsonObject) loaded[2], List.of(), errors))
        .onFailure(ctx::fail);
  }

  void apply(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER);
    long id = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    List<String> partnerNames = new ArrayList<>();
    for (int i = 0; i < MAX_PARTNERS; i++) {
      String name = Optional.ofNullable(form.get("partner_" + i)).map(String::strip).orElse("");
      if (!name.isEmpty() && !partnerNames.contains(name)) {
        partnerNames.add(name);
      }
    }
    s.postings().get(Optional.of(user), id).compose(p -> ownApplication(user, p).compose(existing -> {
      JsonObject body = proposalBody(ctx, p);
      Map<String, String> errors = new LinkedHashMap<>();
      return resolvePartners(partnerNames, existing.orElse(null), errors).compose(partners -> {
        if (!errors.isEmpty()) {
          showApply(ctx, 400, user, p, existing.orElse(null), body, partnerNames, errors);
          return Future.succeededFuture();
        }
        Future<Application> saved = existing.isPresent()
            ? w.applications().update(user, existing.get().id(), version(form, existing.get()), body)
            : w.applications().submit(user, id, body);
        return saved.compose(a -> addPartners(user, a, partners))
            .onSuccess(a -> Views.redirect(ctx, "/postings/" + id + "?notice=applied"))
            .recover(failure -> {
              Optional<Map<String, String>> problems = Forms.problems(failure).or(() -> refusedApplicant(failure));
              if (problems.isEmpty()) {
                return Future.failedFuture(failure);
              }
              return ownApplication(user, p).onSuccess(now -> showApply(ctx, ((ApiException) failure).status(), user, p,
                  now.orElse(null), body, partnerNames, problems.get())).mapEmpty();
            });
      });
    })).onFailure(ctx::fail);
  }

  void withdraw(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    w.applications().withdraw(user, id)
        .onSuccess(a -> Views.redirect(ctx, "/workspace?notice=withdrawn"))
        .onFailure(ctx::fail);
  }

  /** A consortium partner confirms its participation (from its workspace); the service checks who and when. */
  void confirmPartner(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    if (user.organizationId() == null) {
      throw ApiException.forbidden("只有联合体成员单位本身可以确认参与");
    }
    w.applications().confirmPartner(user, PageRoutes.pathId(ctx), user.organizationId())
        .onSuccess(a -> Views.redirect(ctx, "/workspace?notice=confirmed"))
        .onFailure(ctx::fail);
  }

  /** A refusal of who applies (unverified, outside the call's regions) is shown above the form, not as an error page. */
  private static Optional<Map<String, String>> refusedApplicant(Throwable failure) {
    return failure instanceof ApiException api && api.status() == 403
        ? Optional.of(Map.of("form", api.getMessage())) : Optional.empty();
  }

  /** The live application the caller's organization leads to this call, if any (the form then edits it). */
  private Future<Optional<Application>> ownApplication(CurrentUser user, Posting p) {
    return w.applications().list(user, p.id()).map(list -> list.stream()
        .filter(a -> user.belongsTo(a.leadOrganizationId()) && !Application.WITHDRAWN.equals(a.status())).findFirst());
  }

  private static int version(MultiMap form, Application existing) {
    try {
      return Integer.parseInt(Optional.ofNullable(form.get("version")).orElse("").strip());
    } catch (NumberFormatException e) {
      return existing.version();
    }
  }

  /** The form as the API's proposal: answers in the order of the call's 考核指标, offered solutions as numbers. */
  private static JsonObject proposalBody(RoutingContext ctx, Posting p) {
    JsonObject body = Forms.read(ctx, List.of("approach", "schedule", "team"), List.of(), List.of(), List.of("budgetWan"));
    MultiMap form = ctx.request().formAttributes();
    JsonArray answers = new JsonArray();
    for (int i = 0; i < p.requirements().size(); i++) {
      answers.add(new JsonObject().put("requirement", p.requirements().get(i))
          .put("answer", Optional.ofNullable(form.get("answer_" + i)).orElse("")));
    }
    body.put("requirementAnswers", answers);
    JsonArray solutions = new JsonArray();
    for (String raw : form.getAll("solutionIds")) {
      try {
        solutions.add(Long.parseLong(raw.strip()));
      } catch (NumberFormatException e) {
        solutions.add(raw);
      }
    }
    body.put("solutionIds", solutions);
    return body;
  }

  /** Finds the organizations named as partners; unknown names become a message next to the partner fields. */
  private Future<List<Organization>> resolvePartners(List<String> names, Application existing, Map<String, String> errors) {
    List<Organization> found = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String typed : names) {
      String problem = Text.problem(typed, Text.Kind.NAME);
      if (problem != null) {
        errors.merge("partners", "成员单位名称" + problem, (a, b) -> a + "；" + b);
        continue;
      }
      String name = Text.clean(typed, Text.Kind.NAME);
      chain = chain.compose(ok -> s.organizations().findByName(s.pool(), name).map(org -> {
        if (org.isEmpty()) {
          errors.merge("partners", "「" + name + "」不存在", (a, b) -> a + "；" + b);
        } else if (existing == null || existing.partners().stream().noneMatch(x -> x.organizationId() == org.get().id()
            && x.declinedAt() == null)) {
          found.add(org.get());
        }
        return null;
      }));
    }
    long already = existing == null ? 0 : existing.partners().stream().filter(x -> x.declinedAt() == null).count();
    return chain.map(done -> {
      if (already + found.size() > MAX_PARTNERS && !errors.containsKey("partners")) {
        errors.put("partners", "联合体除牵头单位外最多 " + MAX_PARTNERS + " 家成员单位，已达上限");
      }
      return found;
    });
  }

  private Future<Application> addPartners(CurrentUser user, Application application, List<Organization> partners) {
    Future<Application> chain = Future.succeededFuture(application);
    for (Organization org : partners) {
      chain = chain.compose(a -> w.applications().addPartner(user, a.id(), org.id()));
    }
    return chain;
  }

  private void showApply(RoutingContext ctx, int status, CurrentUser user, Posting p, Application existing,
                         JsonObject form, List<String> typedPartners, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    JsonArray answers = form.getJsonArray("requirementAnswers", new JsonArray());
    List<Answer> answerRows = new ArrayList<>();
    for (int i = 0; i < p.requirements().size(); i++) {
      String requirement = p.requirements().get(i);
      String answer = answers.stream().map(JsonObject.class::cast)
          .filter(a -> requirement.equals(a.getString("requirement"))).map(a -> a.getString("answer", ""))
          .findFirst().orElse("");
      answerRows.add(new Answer(i, requirement, answer));
    }
    List<Object> chosen = form.getJsonArray("solutionIds", new JsonArray()).getList();
    List<PartnerView> partners = existing == null ? List.of()
        : existing.partners().stream().map(x -> new PartnerView(x.name(), x.confirmedAt() != null,
            x.declinedAt() != null, x.declineReason())).toList();
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < MAX_PARTNERS - partners.stream().filter(x -> !x.declined()).count(); i++) {
      slots.add(new Slot(i, i < typedPartners.size() ? typedPartners.get(i) : ""));
    }
    Future<List<Attachment>> attached = existing == null ? Future.succeededFuture(List.of())
        : w.attachmentRepository().list(s.pool(), List.of(existing.id()))
            .map(byApplication -> byApplication.getOrDefault(existing.id(), List.of()));
    Future<Page<Solution>> solutionList = s.solutions().list(Optional.of(user), new SolutionRepository.Filter(null,
        null, null, SolutionStatus.PUBLISHED, user.organizationId(), "newest"), new PageRequest(1, 50));
    Future<ChallengeRules> rules = w.rules().rules(Optional.of(user), p.id());
    Future.all(attached, solutionList, rules)
        .onSuccess(all -> {
          Page<Solution> own = solutionList.result();
          boolean editable = existing != null && PostingStatus.OPEN.equals(p.status())
              && Application.SUBMITTED.equals(existing.status());
          Map<String, Object> model = new HashMap<>();
          model.put("attachments", AttachmentPages.views(attached.result()));
          model.put("attachmentsEditable", editable);
          model.put("mayAttach", editable && attached.result().size() < AttachmentService.MAX_ATTACHMENTS);
          model.put("notice", notice(ctx, m));
          model.put("rules", RulesView.of(rules.result(), m));
          model.put("p", Cards.posting(p, m, LocalDate.now(clock)));
          model.put("statusLabel", statusLabel(p.kind(), p.status(), m));
          model.put("open", PostingStatus.OPEN.equals(p.status()));
          model.put("heading", m.format(existing == null ? "apply_heading" : "apply_edit_heading", p.title()));
          model.put("existing", existing);
          model.put("form", Forms.typed(form));
          model.put("answers", answerRows);
          model.put("solutions", own.items().stream().map(sol -> new SolutionChoice(sol.id(), sol.title(),
              chosen.stream().anyMatch(c -> String.valueOf(c).equals(String.valueOf(sol.id()))))).toList());
          model.put("partners", partners);
          model.put("slots", slots);
          model.put("errors", MessageTranslator.fields(errors, m));
          model.put("hasErrors", !errors.isEmpty());
          model.put("section", "challenges");
          views.render(ctx, status, "apply", (String) model.get("heading"), model);
        })
        .onFailure(ctx::fail);
  }

  // ---- 公示: published results and objections ---------------------------------------------------------------

  /** The printable 公示 notice of a call whose result is published: what was awarded to whom, and how to object. */
  void resultNotice(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    s.postings().get(CurrentUser.of(ctx), id).compose(p -> {
      if (!"challenge".equals(p.kind()) || !PostingStatus.RESULT_STATES.contains(p.status())) {
        return Future.failedFuture(ApiException.notFound("公示"));
      }
      Future<Optional<ResultRepository.Result>> result = resultRepository.result(s.pool(), id);
      Future<List<ResultRepository.Winner>> winners = resultRepository.winners(s.pool(), id);
      return Future.all(result, winners).map(all -> {
        ResultRepository.Result r = result.result().orElseThrow(() -> ApiException.notFound("公示"));
        Map<String, Object> model = new HashMap<>();
        model.put("p", Cards.posting(p, m, LocalDate.now(clock)));
        model.put("winners", WinnerView.of(winners.result(), m));
        model.put("published", display(r.publishedAt()));
        model.put("objectionUntil", display(r.objectionUntil()));
        model.put("heading", m.format("result_notice_heading", p.title()));
        model.put("section", "results");
        return model;
      });
    }).onSuccess(model -> views.render(ctx, "result-notice", (String) model.get("heading"), model)).onFailure(ctx::fail);
  }

  record Winner(String lead, List<String> partners) {
  }

  record ResultView(long postingId, String title, String issuer, String domain, String statusLabel, String published,
                    String objectionUntil, boolean objectionOpen, List<Winner> winners, String typed, String error) {
  }

  void results(RoutingContext ctx) {
    showResults(ctx, 200, null, null, null);
  }

  void object(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String raw = ctx.request().getFormAttribute("text");
    Validator v = new Validator(new JsonObject().put("text", raw));
    String text = v.text("text", true, 10, 2000);
    if (!v.errors().isEmpty()) {
      showResults(ctx, 400, id, raw, v.errors().get("text"));
      return;
    }
    w.results().object(user, id, text)
        .onSuccess(o -> Views.redirect(ctx, "/results?notice=objected"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> showResults(ctx, ((ApiException) failure).status(), id, raw, errors.values().iterator().next()),
            () -> ctx.fail(failure)));
  }

  void answer(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    Validator v = new Validator(new JsonObject().put("text", ctx.request().getFormAttribute("text")));
    String text = v.text("text", true, 2, 2000);
    v.throwIfInvalid();
    w.results().answer(user, id, text)
        .onSuccess(o -> Views.redirect(ctx, "/postings/" + o.postingId() + "?notice=answered#objections"))
        .onFailure(ctx::fail);
  }

  private void showResults(RoutingContext ctx, int status, Long errorFor, String typed, String error) {
    Messages m = Views.messages(ctx);
    boolean loggedIn = CurrentUser.of(ctx).isPresent();
    int page = Pager.number(ctx.queryParams().get("page"));
    OffsetDateTime now = OffsetDateTime.now(clock);
    w.results().results(new PageRequest(page, RESULTS_PAGE))
        .onSuccess(json -> {
          List<ResultView> items = json.getJsonArray("items").stream().map(JsonObject.class::cast).map(r -> {
            OffsetDateTime until = OffsetDateTime.parse(r.getString("objectionUntil"));
            boolean mine = errorFor != null && errorFor.equals(r.getLong("postingId"));
            return new ResultView(r.getLong("postingId"), r.getString("title"), r.getString("issuer"),
                Terms.name(m, r.getString("domain")), statusLabel("challenge", r.getString("status"), m),
                display(OffsetDateTime.parse(r.getString("publishedAt"))), display(until),
                loggedIn && now.isBefore(until),
                r.getJsonArray("winners").stream().map(JsonObject.class::cast).map(x -> new Winner(
                    x.getString("leadOrganization"), x.getJsonArray("partners").stream().map(String::valueOf).toList()))
                    .toList(),
                mine ? typed : "", mine ? MessageTranslator.translate(error, m) : null);
          }).toList();
          Map<String, Object> model = new HashMap<>();
          model.put("items", items);
          model.put("loggedIn", loggedIn);
          model.put("notice", notice(ctx, m));
          model.put("total", m.format("results_count", json.getLong("total")));
          model.put("pager", Pager.of(Query.empty(), "/results", page, RESULTS_PAGE, json.getLong("total")));
          model.put("section", "results");
          views.render(ctx, status, "results", m.get("nav_results"), model);
        })
        .onFailure(ctx::fail);
  }

  // ---- shared -------------------------------------------------------------------------------------------------

  /** The lifecycle's name of a state: the service's own (Chinese) label, or the English bundle's. */
  static String statusLabel(String kind, String status, Messages m) {
    if (!m.english()) {
      return PostingStatus.label(kind, status);
    }
    return m.get(PostingStatus.OPEN.equals(status) && "challenge".equals(kind) ? "status_open_challenge" : "status_" + status);
  }

  static String display(OffsetDateTime at) {
    return at.atZoneSameInstant(SHANGHAI).format(DISPLAY);
  }

  private static final List<String> NOTICES = List.of("moved", "applied", "answered", "objected", "shortlisted",
      "awarded", "scored", "rubric", "reviewer", "withdrawn", "attached", "attachment_deleted", "rules", "recused",
      "guide_saved", "contact_saved");

  static String notice(RoutingContext ctx, Messages m) {
    String notice = ctx.queryParams().get("notice");
    return notice != null && NOTICES.contains(notice) ? m.get("notice_" + notice) : null;
  }
}
