package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.index.MatchReason;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.response.DemandResponse;
import cn.qdaipark.scenariohub.response.RankedResponse;
import cn.qdaipark.scenariohub.response.ResponseInput;
import cn.qdaipark.scenariohub.response.ResponseService;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.solution.SolutionStatus;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * 响应场景需求 in the browser: the provider's response form on 我有意向, the buyer's ranked list of responses with
 * its decisions, and the provider's list of its responses and their states.
 */
final class ResponsePages {
  private static final Set<String> NOTICES = Set.of("responded", "updated", "withdrawn", "shortlisted", "declined",
      "pilot", "landed", "acceptance_failed");
  private static final Set<String> DECIDABLE = Set.of(DemandResponse.SUBMITTED, DemandResponse.SHORTLISTED);
  private static final Set<String> IN_PLAY = Set.of(PostingStatus.OPEN, PostingStatus.IN_TALKS);

  private final Views views;
  private final BoardPages boards;
  private final ResponseService responses;
  private final SolutionService solutions;
  private final PostingService postings;
  private final Clock clock;

  ResponsePages(Views views, BoardPages boards, ResponseService responses, SolutionService solutions,
                PostingService postings, Clock clock) {
    this.views = views;
    this.boards = boards;
    this.responses = responses;
    this.solutions = solutions;
    this.postings = postings;
    this.clock = clock;
  }

  record Choice(long id, String title, boolean checked) {
  }

  record Existing(long id, String status, String statusLabel, String declineReason, int version) {
  }

  record SolutionRef(long id, String title) {
  }

  record Row(int rank, long id, long organizationId, String organization, String proposal, List<SolutionRef> solutions,
             String status, String statusLabel, int score, boolean matched, String summary, List<String> reasons,
             String declineReason, boolean canShortlist, boolean canDecline, boolean canPilot, boolean canLanded,
             boolean conversation, String reasonTyped, String reasonError) {
  }

  record Mine(long id, long postingId, String postingTitle, String solutions, String status, String statusLabel,
              String declineReason, String updated, boolean undecided) {
  }

  /** 我有意向: for a demand the response form (or the response already sent); for a call the way to apply. */
  void respondForm(RoutingContext ctx) {
    showRespond(ctx, 200, CurrentUser.requireRole(ctx, Role.PROVIDER), null, Map.of());
  }

  void respond(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER);
    long postingId = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    JsonObject body = new JsonObject().put("proposal", form.get("proposal")).put("solutionIds", numbers(form.getAll("solutionIds")));
    Long responseId = number(form.get("responseId"));
    Future.succeededFuture(body).map(ResponseInput::read)
        .compose(input -> responseId == null ? responses.respond(user, postingId, input).map("responded")
            : responses.update(user, responseId, Optional.ofNullable(number(form.get("version"))).orElse(0L).intValue(),
                input).map("updated"))
        .onSuccess(notice -> Views.redirect(ctx, "/postings/" + postingId + "/respond?notice=" + notice))
        .onFailure(failure -> problems(failure).ifPresentOrElse(
            errors -> showRespond(ctx, ((ApiException) failure).status(), user, body, errors), () -> ctx.fail(failure)));
  }

  void withdraw(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    responses.withdraw(user, id)
        .onSuccess(done -> Views.redirect(ctx, "/workspace/responses?notice=withdrawn"))
        .onFailure(ctx::fail);
  }

  /** The buyer's ranked responses to its demand; nobody else sees them here. */
  void list(RoutingContext ctx) {
    showResponses(ctx, 200, null, null, Map.of());
  }

  void shortlist(RoutingContext ctx) {
    decide(ctx, "shortlisted", responses::shortlist);
  }

  void pilot(RoutingContext ctx) {
    decide(ctx, "pilot", responses::pilot);
  }

  /** The buyer's acceptance of the pilot: passed lands the demand, failed keeps it in pilot with the findings. */
  void landed(RoutingContext ctx) {
    JsonObject acceptance = AcceptancePages.demandAcceptance(ctx.request().formAttributes());
    ctx.put(AcceptancePages.TYPED, acceptance);
    decide(ctx, "passed".equals(acceptance.getString("conclusion")) ? "landed" : "acceptance_failed",
        (user, id) -> responses.accept(user, id, acceptance));
  }

  void decline(RoutingContext ctx) {
    String typed = Optional.ofNullable(ctx.request().formAttributes().get("reason")).orElse("");
    decide(ctx, "declined", (user, id) -> Future.succeededFuture(new JsonObject().put("reason", typed))
        .map(ResponseInput::reason).compose(reason -> responses.decline(user, id, reason)), typed);
  }

  /** The provider's responses and what the buyers decided. */
  void mine(RoutingContext ctx) {
    CurrentUser user = CurrentUser.requireRole(ctx, Role.PROVIDER);
    Messages m = Views.messages(ctx);
    responses.mine(user).compose(list -> AcceptancePages.demandHistory(responses, user, list.stream()
        .map(r -> new AcceptancePages.Piloted(r.id(), r.status(), r.postingTitle())).toList(), m).map(history -> {
      Map<String, Object> model = new HashMap<>();
      model.put("accHistory", history);
      model.put("items", list.stream().map(r -> new Mine(r.id(), r.postingId(), r.postingTitle(),
          String.join("、", r.solutionTitles().stream().filter(Objects::nonNull).toList()), r.status(), label(m, r.status()),
          r.declineReason(), r.updatedAt().toLocalDate().toString(), r.undecided())).toList());
      model.put("notice", notice(ctx, m));
      model.put("section", "workspace");
      return model;
    })).onSuccess(model -> views.render(ctx, "my-responses", m.get("ws_responses"), model)).onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx, String notice, BiFunction<CurrentUser, Long, Future<DemandResponse>> decision) {
    decide(ctx, notice, decision, null);
  }

  private void decide(RoutingContext ctx, String notice, BiFunction<CurrentUser, Long, Future<DemandResponse>> decision,
                      String typedReason) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    responses.get(user, id).compose(found -> decision.apply(user, id)
            .onSuccess(r -> Views.redirect(ctx, "/postings/" + r.postingId() + "/responses?notice=" + notice
                + "#response-" + id))
            .recover(failure -> problems(failure).map(errors -> {
              ctx.put("postingId", found.postingId());
              showResponses(ctx, ((ApiException) failure).status(), id, typedReason, errors);
              return Future.<DemandResponse>succeededFuture();
            }).orElse(Future.failedFuture(failure))))
        .onFailure(ctx::fail);
  }

  private void showRespond(RoutingContext ctx, int status, CurrentUser user, JsonObject typed, Map<String, String> errors) {
    Messages m = Views.messages(ctx);
    boards.respondModel(ctx, user).compose(model -> {
      Posting p = (Posting) model.get("posting");
      if (!"demand".equals(p.kind())) {
        return Future.succeededFuture(model);
      }
      Future<Optional<RankedResponse>> own = responses.listForPosting(user, p.id()).map(list -> list.stream().findFirst());
      Future<Page<Solution>> published = solutions.list(Optional.of(user), new SolutionRepository.Filter(null, null, null,
          SolutionStatus.PUBLISHED, user.organization(), "newest"), new PageRequest(1, 50));
      return Future.all(own, published).map(all -> {
        Optional<DemandResponse> existing = own.result().map(RankedResponse::response);
        List<Object> chosen = typed != null ? typed.getJsonArray("solutionIds").getList()
            : existing.map(r -> List.<Object>copyOf(r.solutionIds())).orElse(List.of());
        boolean open = PostingStatus.OPEN.equals(p.status()) && (p.deadline() == null
            || !p.deadline().isBefore(LocalDate.now(clock)));
        model.put("demand", true);
        model.put("open", open);
        model.put("editable", open && existing.map(DemandResponse::undecided).orElse(true));
        existing.ifPresent(r -> model.put("existing", new Existing(r.id(), r.status(), label(m, r.status()),
            r.declineReason(), r.version())));
        model.put("solutions", published.result().items().stream()
            .map(s -> new Choice(s.id(), s.title(), chosen.stream().anyMatch(c -> String.valueOf(c).equals(String.valueOf(s.id())))))
            .toList());
        model.put("form", Map.of("proposal", typed != null ? Optional.ofNullable(typed.getString("proposal")).orElse("")
            : existing.map(DemandResponse::proposal).orElse("")));
        model.put("errors", MessageTranslator.fields(errors, m));
        model.put("hasErrors", !errors.isEmpty());
        model.put("notice", notice(ctx, m));
        return model;
      });
    }).onSuccess(model -> views.render(ctx, status, "respond", (String) model.get("heading"), model)).onFailure(ctx::fail);
  }

  private void showResponses(RoutingContext ctx, int status, Long errorFor, String typedReason, Map<String, String> errors) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    long postingId = ctx.get("postingId") != null ? ctx.<Long>get("postingId") : PageRoutes.pathId(ctx);
    postings.get(Optional.of(user), postingId)
        .compose(p -> user.belongsTo(p.organizationId()) ? responses.listForPosting(user, postingId).map(list -> {
          AtomicInteger rank = new AtomicInteger();
          String reasonError = Optional.ofNullable(errors.get("reason")).map(e -> MessageTranslator.translate(e, m)).orElse(null);
          Map<String, Object> model = new HashMap<>();
          model.put("p", Cards.posting(p, m, LocalDate.now(clock)));
          model.put("heading", m.format("responses_heading", p.title()));
          model.put("items", list.stream().map(r -> row(r, rank.incrementAndGet(), p, m,
              errorFor != null && errorFor == r.response().id() ? typedReason : "",
              errorFor != null && errorFor == r.response().id() ? reasonError : null)).toList());
          if (errors.containsKey("form")) {
            model.put("errors", Map.of("form", MessageTranslator.translate(errors.get("form"), m)));
          }
          model.put("notice", notice(ctx, m));
          model.put("section", "demands");
          AcceptancePages.demandForm(model, p, ctx.get(AcceptancePages.TYPED), errors, m);
          return model;
        }).compose(model -> AcceptancePages.demandHistory(responses, user, list(model).stream()
            .map(r -> new AcceptancePages.Piloted(r.id(), r.status(), r.organization())).toList(), m).map(history -> {
          model.put("accHistory", history);
          return model;
        })) : Future.failedFuture(ApiException.forbidden("只有需求发布单位可以查看响应")))
        .onSuccess(model -> views.render(ctx, status, "responses", (String) model.get("heading"), model))
        .onFailure(ctx::fail);
  }

  private static Row row(RankedResponse ranked, int rank, Posting p, Messages m, String reasonTyped, String reasonError) {
    DemandResponse r = ranked.response();
    List<SolutionRef> offered = new ArrayList<>();
    for (int i = 0; i < r.solutionIds().size(); i++) {
      offered.add(new SolutionRef(r.solutionIds().get(i), i < r.solutionTitles().size() ? r.solutionTitles().get(i) : ""));
    }
    boolean inPlay = IN_PLAY.contains(p.status());
    return new Row(rank, r.id(), r.organizationId(), r.organizationName(), r.proposal(), offered, r.status(),
        label(m, r.status()), ranked.fitScore(), ranked.fit().isPresent(),
        ranked.fit().map(f -> ReasonTranslator.summary(f.summary(), m)).orElse(m.get("responses_unmatched")),
        ranked.topReasons().stream().map(MatchReason::text).map(ResponsePages::plain)
            .map(text -> ReasonTranslator.reason(text, m)).toList(), r.declineReason(),
        DemandResponse.SUBMITTED.equals(r.status()) && inPlay, DECIDABLE.contains(r.status()),
        DECIDABLE.contains(r.status()) && inPlay,
        DemandResponse.PILOT.equals(r.status()) && PostingStatus.PILOT.equals(p.status()),
        !DemandResponse.DECLINED.equals(r.status()), reasonTyped, reasonError);
  }

  @SuppressWarnings("unchecked")
  private static List<Row> list(Map<String, Object> model) {
    return (List<Row>) model.get("items");
  }

  /** A reason's text without the highlighting tags the catalogue puts around matched words. */
  private static String plain(String html) {
    return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
  }

  private static String label(Messages m, String status) {
    return m.get("response_status_" + status);
  }

  private static String notice(RoutingContext ctx, Messages m) {
    String notice = ctx.queryParams().get("notice");
    return notice != null && NOTICES.contains(notice) ? m.get("notice_response_" + notice) : null;
  }

  /** A refusal the form can show: field messages (400), a conflict (409) or a refusal of who acts (403) above it. */
  private static Optional<Map<String, String>> problems(Throwable failure) {
    return Forms.problems(failure).or(() -> failure instanceof ApiException api && api.status() == 403
        ? Optional.of(Map.of("form", api.getMessage())) : Optional.empty());
  }

  private static JsonArray numbers(List<String> raw) {
    JsonArray ids = new JsonArray();
    raw.forEach(value -> ids.add(Optional.<Object>ofNullable(number(value)).orElse(value)));
    return ids;
  }

  private static Long number(String raw) {
    try {
      return raw == null ? null : Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
