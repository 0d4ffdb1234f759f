package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.acceptance.AcceptanceService;
import cn.qdaipark.scenariohub.acceptance.Requirements;
import cn.qdaipark.scenariohub.acceptance.ScoreSheet;
import cn.qdaipark.scenariohub.acceptance.Verdict;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.response.ResponseService;
import cn.qdaipark.scenariohub.review.ReviewRoutes;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 验收 in the browser: the call page's section, the round page (the issuer appoints the panel and concludes, a
 * member scores or recuses), the member's list of rounds, and the demand acceptance form's reading. The acceptance
 * service decides who may do what; these pages show and submit.
 */
final class AcceptancePages {
  /** The context key of the acceptance a buyer typed, to re-show it with the refusal. */
  static final String TYPED = "acceptanceTyped";
  private static final Set<String> NOTICES = Set.of("appointed", "scored", "recused", "concluded");
  /** The moves of a call in acceptance, and of a demand in pilot, that only the acceptance makes. */
  private static final Set<String> ACCEPTANCE_MOVES = Set.of(PostingStatus.ACCEPTED, PostingStatus.IN_DELIVERY,
      PostingStatus.FAILED);

  private final Views views;
  private final AcceptanceService acceptances;
  private final PageRoutes.Workflow w;
  private final Pool pool;

  AcceptancePages(Views views, PageRoutes.Workflow w, Pool pool) {
    this.views = views;
    this.acceptances = w.acceptances();
    this.w = w;
    this.pool = pool;
  }

  record Option(String value, String label, boolean checked) {
  }

  record Item(String requirement, String verdict, String verdictLabel, String votes, List<String> comments) {
  }

  record Findings(boolean passes, String outcome, List<Item> items) {
  }

  record Member(long userId, String name, String organization, String state, String recusalReason) {
  }

  record Event(String at, String text) {
  }

  record SheetRow(int index, String requirement, String label, List<Option> verdicts, String comment) {
  }

  record Round(long id, long postingId, String postingTitle, int roundNo, String status, String statusLabel,
               boolean open, String panelSize, Findings findings, String summary, List<Event> timeline,
               boolean issuer, boolean member) {
  }

  /** The issuer's conclusion form, checked as the API checks it. */
  record Conclusion(String outcome, String summary) {
    static Conclusion read(JsonObject form) {
      Validator v = new Validator(form);
      String outcome = v.oneOf("outcome", AcceptanceService.OUTCOMES, Map.of());
      String summary = v.text("summary", false, 0, ScoreSheet.MAX_COMMENT);
      v.throwIfInvalid();
      return new Conclusion(outcome, summary);
    }
  }

  record Assigned(long roundId, int roundNo, long postingId, String title, String state, boolean open) {
  }

  /** The call page's section: every round, for a call that has reached acceptance. */
  static Future<Map<String, Object>> section(AcceptanceService acceptances, Optional<CurrentUser> user, Posting p,
                                             Messages m) {
    return acceptances.ofPosting(user, p.id()).map(json -> {
      List<Round> rounds = new ArrayList<>();
      json.getJsonArray("rounds").forEach(r -> rounds.add(0, round((JsonObject) r, m)));
      Map<String, Object> section = new HashMap<>();
      section.put("rounds", rounds);
      section.put("any", !rounds.isEmpty());
      return section;
    });
  }

  /** Whether the generic move button would only be refused: the acceptance decides these moves. */
  static boolean acceptanceDecides(Posting p, String to) {
    return PostingStatus.ACCEPTANCE.equals(p.status()) && ACCEPTANCE_MOVES.contains(to)
        || PostingStatus.PILOT.equals(p.status()) && PostingStatus.LANDED.equals(to);
  }

  void page(RoutingContext ctx) {
    show(ctx, 200, Map.of(), new JsonObject());
  }

  void appoint(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String email = Optional.ofNullable(ctx.request().formAttributes().get("email")).orElse("").strip();
    JsonObject typed = new JsonObject().put("email", email);
    if (email.isEmpty() || email.length() > 254) {
      show(ctx, 400, Map.of("email", "必填"), typed);
      return;
    }
    w.users().findByEmail(pool, email)
        .compose(found -> found.isPresent() ? acceptances.appoint(user, id, found.get().id())
            : Future.failedFuture(ApiException.validation(Map.of("email", "验收专家必须是平台上的政府部门账号"))))
        .onSuccess(done -> Views.redirect(ctx, "/acceptances/" + id + "?notice=appointed#panel"))
        .onFailure(failure -> refused(ctx, failure, typed, "email"));
  }

  void score(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    JsonObject body = new JsonObject().put("scores", sheet(ctx.request().formAttributes()));
    acceptances.score(user, id, body)
        .onSuccess(done -> Views.redirect(ctx, "/acceptances/" + id + "?notice=scored"))
        .onFailure(failure -> refused(ctx, failure, body, "scores"));
  }

  void recuse(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String reason = Optional.ofNullable(ctx.request().formAttributes().get("reason")).orElse("");
    JsonObject typed = new JsonObject().put("reason", reason);
    Future.succeededFuture(typed).map(ReviewRoutes::recusalReason)
        .compose(clean -> acceptances.recuse(user, id, clean))
        .onSuccess(done -> Views.redirect(ctx, "/acceptances/" + id + "?notice=recused"))
        .onFailure(failure -> refused(ctx, failure, typed, "reason"));
  }

  void conclude(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    JsonObject typed = new JsonObject().put("outcome", form.get("outcome")).put("summary", form.get("summary"));
    Future.succeededFuture(typed).map(Conclusion::read)
        .compose(in -> acceptances.conclude(user, id, in.outcome(), in.summary()))
        .onSuccess(done -> Views.redirect(ctx, "/acceptances/" + id + "?notice=concluded"))
        .onFailure(failure -> refused(ctx, failure, typed, "outcome"));
  }

  /** The rounds the caller sits on the panel of (待我验收). */
  void mine(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    acceptances.assignments(user).onSuccess(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("items", list.stream().map(a -> new Assigned(a.roundId(), a.roundNo(), a.postingId(), a.title(),
          a.recused() ? m.get("acc_member_recused") : a.scored() ? m.get("acc_member_scored")
              : m.get("acc_member_waiting"), "open".equals(a.status()))).toList());
      model.put("section", "workspace");
      views.render(ctx, 200, "acceptance-mine", m.get("acc_mine_title"), model);
    }).onFailure(ctx::fail);
  }

  /** A refusal the form can show next to its fields; anything else is the error page's. */
  private void refused(RoutingContext ctx, Throwable failure, JsonObject typed, String formField) {
    Optional<Map<String, String>> problems = Forms.problems(failure).or(() -> failure instanceof ApiException api
        && api.status() == 403 ? Optional.of(Map.of("form", api.getMessage())) : Optional.empty());
    problems.ifPresentOrElse(errors -> show(ctx, ((ApiException) failure).status(), errors, typed),
        () -> ctx.fail(failure));
  }

  private void show(RoutingContext ctx, int status, Map<String, String> errors, JsonObject typed) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    acceptances.round(user, id).map(json -> {
      Map<String, Object> model = new HashMap<>();
      Round round = round(json, m);
      model.put("round", round);
      model.put("rule", m.get("acc_rule"));
      model.put("heading", m.format("acc_round_heading", round.postingTitle(), round.roundNo()));
      if (round.issuer()) {
        JsonArray panel = json.getJsonArray("panel");
        model.put("panel", panel.stream().map(JsonObject.class::cast).map(p -> new Member(p.getLong("userId"),
            p.getString("displayName"), p.getString("organization"),
            p.getBoolean("recused") ? m.get("acc_member_recused") : p.getBoolean("scored") ? m.get("acc_member_scored")
                : m.get("acc_member_waiting"), p.getString("recusalReason"))).toList());
        model.put("canAppoint", json.getBoolean("canAppoint"));
        model.put("canConclude", json.getBoolean("canConclude"));
        model.put("waiting", round.open() && !json.getBoolean("canConclude"));
        JsonObject verdict = json.getJsonObject("verdict");
        if (verdict != null) {
          Findings panelVerdict = findings(verdict, null, m);
          model.put("verdict", panelVerdict);
          String chosen = typed.getString("outcome");
          List<String> allowed = panelVerdict.passes() ? List.of(PostingStatus.ACCEPTED)
              : List.of(PostingStatus.IN_DELIVERY, PostingStatus.FAILED);
          model.put("outcomes", allowed.stream().map(o -> new Option(o, m.get("acc_outcome_" + o),
              o.equals(chosen) || allowed.size() == 1)).toList());
        }
      }
      if (round.member()) {
        boolean canScore = json.getBoolean("canScore");
        model.put("canScore", canScore);
        model.put("recused", json.getBoolean("recused"));
        model.put("recusalReason", json.getString("recusalReason"));
        JsonArray given = typed.getJsonArray("scores", json.getJsonArray("myScores"));
        List<SheetRow> rows = new ArrayList<>();
        JsonArray requirements = json.getJsonArray("requirements");
        for (int i = 0; i < requirements.size(); i++) {
          String requirement = requirements.getString(i);
          JsonObject mine = given.stream().map(JsonObject.class::cast)
              .filter(s -> requirement.equals(s.getString("requirement"))).findFirst().orElse(new JsonObject());
          String verdict = mine.getString("verdict");
          rows.add(new SheetRow(i, requirement, requirementLabel(requirement, m), List.of(Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET).stream()
              .map(v -> new Option(v, m.get("acc_verdict_" + v), v.equals(verdict))).toList(),
              Optional.ofNullable(mine.getString("comment")).orElse("")));
        }
        model.put("sheet", rows);
      }
      model.put("typed", typed.getMap());
      model.put("errors", MessageTranslator.fields(errors, m));
      String notice = ctx.queryParams().get("notice");
      if (notice != null && NOTICES.contains(notice)) {
        model.put("notice", m.get("acc_notice_" + notice));
      }
      model.put("section", "workspace");
      return model;
    }).onSuccess(model -> views.render(ctx, status, "acceptance", (String) model.get("heading"), model))
        .onFailure(ctx::fail);
  }

  private static Round round(JsonObject json, Messages m) {
    String outcome = json.getString("outcome");
    boolean open = "open".equals(json.getString("status"));
    String statusLabel = open ? m.get("acc_round_open") : m.get("acc_outcome_" + outcome);
    JsonObject findings = json.getJsonObject("findings");
    List<Event> timeline = json.getJsonArray("timeline").stream().map(JsonObject.class::cast).map(e -> new Event(
        ChallengePages.display(OffsetDateTime.parse(e.getString("at"))), event(e, m))).toList();
    String viewer = json.getString("viewer");
    return new Round(json.getLong("id"), json.getLong("postingId"), json.getString("postingTitle"),
        json.getInteger("roundNo"), json.getString("status"), statusLabel, open,
        m.format("acc_panel_size", json.getInteger("panelSize"), json.getLong("scoredCount")),
        findings == null ? null : findings(findings, outcome, m), json.getString("summary"), timeline,
        "issuer".equals(viewer), json.getBoolean("isMember", false));
  }

  private static Findings findings(JsonObject json, String outcome, Messages m) {
    List<Item> items = json.getJsonArray("items").stream().map(JsonObject.class::cast).map(i -> new Item(
        requirementLabel(i.getString("requirement"), m), i.getString("verdict"),
        m.get("acc_verdict_" + i.getString("verdict")),
        m.format("acc_votes", i.getInteger("met"), i.getInteger("partly"), i.getInteger("notMet")),
        i.getJsonArray("comments").stream().map(String::valueOf).toList())).toList();
    return new Findings(json.getBoolean("passes"), outcome, items);
  }

  private static String event(JsonObject e, Messages m) {
    String event = e.getString("event");
    String detail = e.getString("detail");
    return switch (event) {
      case "concluded" -> m.format("acc_event_concluded", m.get("acc_outcome_" + detail));
      case "opened" -> m.get("acc_event_opened");
      default -> detail == null ? m.get("acc_event_" + event + "_anonymous") : m.format("acc_event_" + event, detail);
    };
  }

  static String requirementLabel(String requirement, Messages m) {
    return Requirements.OVERALL.equals(requirement) ? m.get("acc_overall") : requirement;
  }

  /** The demand acceptance form ({@code requirement_i, verdict_i, comment_i, conclusion, summary}) as the API's body. */
  static JsonObject demandAcceptance(MultiMap form) {
    return new JsonObject().put("scores", sheet(form)).put("conclusion", form.get("conclusion"))
        .put("summary", form.get("summary"));
  }

  /** The verdict rows of a form, {@code requirement_i, verdict_i, comment_i} for i = 0, 1, …. */
  static JsonArray sheet(MultiMap form) {
    JsonArray scores = new JsonArray();
    for (int i = 0; i < 100 && form.get("requirement_" + i) != null; i++) {
      scores.add(new JsonObject().put("requirement", form.get("requirement_" + i))
          .put("verdict", form.get("verdict_" + i)).put("comment", form.get("comment_" + i)));
    }
    return scores;
  }

  /** A buyer's acceptance of a pilot: {@code subject} is the provider (for the buyer) or the demand (for the provider). */
  record PastAcceptance(String subject, String conclusion, String conclusionLabel, String summary, String at,
                        List<Item> items) {
  }

  /** A response whose pilot may have been accepted, with what to call it in the list of acceptances. */
  record Piloted(long id, String status, String subject) {
  }

  /**
   * The buyer's acceptance form of the pilot, for the responses page: one row per requirement, as typed when the
   * form comes back with its problems, which are shown next to the rows, the conclusion and the summary.
   */
  static void demandForm(Map<String, Object> model, Posting p, JsonObject typed, Map<String, String> errors, Messages m) {
    JsonObject given = typed == null ? new JsonObject() : typed;
    JsonArray scores = given.getJsonArray("scores", new JsonArray());
    List<SheetRow> rows = new ArrayList<>();
    List<String> requirements = Requirements.of(p);
    for (int i = 0; i < requirements.size(); i++) {
      String requirement = requirements.get(i);
      JsonObject row = i < scores.size() && scores.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      String verdict = Optional.ofNullable(row.getString("verdict")).orElse(Verdict.MET);
      rows.add(new SheetRow(i, requirement, requirementLabel(requirement, m),
          List.of(Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET).stream()
              .map(v -> new Option(v, m.get("acc_verdict_" + v), v.equals(verdict))).toList(),
          Optional.ofNullable(row.getString("comment")).orElse("")));
    }
    String conclusion = Optional.ofNullable(given.getString("conclusion")).orElse("passed");
    model.put("accSheet", rows);
    model.put("accConclusions", List.of("passed", "failed").stream()
        .map(c -> new Option(c, m.get("acc_demand_" + c), c.equals(conclusion))).toList());
    model.put("accSummary", Optional.ofNullable(given.getString("summary")).orElse(""));
    Map<String, String> own = new HashMap<>();
    for (String field : List.of("scores", "conclusion", "summary")) {
      if (errors.containsKey(field)) {
        own.put(field, MessageTranslator.translate(errors.get(field), m));
      }
    }
    model.put("accErrors", own);
  }

  /** The acceptances the buyer recorded of these responses' pilots (passed or failed), newest first. */
  static Future<List<PastAcceptance>> demandHistory(ResponseService responses, CurrentUser user, List<Piloted> piloted,
                                                    Messages m) {
    List<PastAcceptance> history = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Piloted response : piloted) {
      if (!"pilot".equals(response.status()) && !"landed".equals(response.status())) {
        continue;
      }
      chain = chain.compose(ok -> responses.acceptances(user, response.id()).map(list -> {
        list.forEach(a -> history.add(new PastAcceptance(response.subject(), a.conclusion(),
            m.get("acc_demand_" + a.conclusion()), a.summary(), ChallengePages.display(a.createdAt()),
            a.items().stream().map(JsonObject.class::cast).map(i -> new Item(requirementLabel(i.getString("requirement"), m),
                i.getString("verdict"), m.get("acc_verdict_" + i.getString("verdict")), "",
                i.getString("comment").isEmpty() ? List.of() : List.of(i.getString("comment")))).toList())));
        return null;
      }));
    }
    return chain.map(done -> {
      Collections.reverse(history);
      return history;
    });
  }
}
