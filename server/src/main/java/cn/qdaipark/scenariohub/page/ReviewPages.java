package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.Application;
import cn.qdaipark.scenariohub.application.Attachment;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.eligibility.ChallengeRules;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.review.ReviewRepository;
import cn.qdaipark.scenariohub.review.ReviewRoutes;
import cn.qdaipark.scenariohub.review.Rubric;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The issuer's review of a call (rubric, reviewers, the ranked table, shortlisting and awarding) and the assigned
 * reviewers' scoring form. The review service decides who may do what; these pages show and submit.
 */
final class ReviewPages {
  private static final int RUBRIC_ROWS = 6;
  private static final Set<String> DECIDING = Set.of(PostingStatus.REVIEW, PostingStatus.SHORTLISTED, PostingStatus.AWARDED);

  private final Views views;
  private final PageRoutes.Services s;
  private final PageRoutes.Workflow w;

  ReviewPages(Views views, PageRoutes.Services s, PageRoutes.Workflow w) {
    this.views = views;
    this.s = s;
    this.w = w;
  }

  record CriterionRow(int index, String name, String weight) {
  }

  record Cell(String average, String spread) {
  }

  record TableRow(long applicationId, int rank, String lead, String partners, String status, String statusLabel,
                  int reviewers, List<Cell> cells, String total, String fit, String fitReasons, String spread,
                  boolean shortlist, boolean award, List<AttachmentPages.AttachmentView> attachments, String progress,
                  boolean complete, String missing, String recused, String conflicted) {
  }

  /** The confirmation asked before a decision taken while reviewers still owe scores. */
  record Confirm(String action, long applicationId, String question) {
  }

  record Reviewer(String name, String organization) {
  }

  // ---- the issuer's review page -------------------------------------------------------------------------------

  void review(RoutingContext ctx) {
    show(ctx, 200, null, null, null, Map.of());
  }

  void rubric(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    List<CriterionRow> typed = new ArrayList<>();
    JsonArray criteria = new JsonArray();
    for (int i = 0; i < 10; i++) {
      String name = Optional.ofNullable(form.get("name_" + i)).map(String::strip).orElse("");
      String weight = Optional.ofNullable(form.get("weight_" + i)).map(String::strip).orElse("");
      if (form.get("name_" + i) == null && form.get("weight_" + i) == null) {
        continue;
      }
      typed.add(new CriterionRow(typed.size(), name, weight));
      if (!name.isEmpty() || !weight.isEmpty()) {
        criteria.add(new JsonObject().put("name", name).put("weight", weight.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(weight) : weight));
      }
    }
    Future<Rubric> saving;
    try {
      saving = w.reviews().setRubric(user, id, Rubric.read(new JsonObject().put("criteria", criteria)));
    } catch (ApiException refused) {
      saving = Future.failedFuture(refused);
    }
    saving.onSuccess(r -> Views.redirect(ctx, "/postings/" + id + "/review?notice=rubric"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> show(ctx, ((ApiException) failure).status(), typed, null, null, errors), () -> ctx.fail(failure)));
  }

  /** The call's 申报条件 as a form: regions one per line, the endorsing body by its name on the platform. */
  record RulesForm(String regions, List<Forms.Option> maturities, boolean requireVerified, String limit,
                   String endorsing) {
    static RulesForm of(ChallengeRules r, Messages m) {
      return new RulesForm(String.join("\n", r.regions()), Forms.options(Vocabulary.MATURITIES, r.minMaturity(), m),
          r.requireVerified(), r.maxApplicationsPerOrganization() == null ? "" : String.valueOf(r.maxApplicationsPerOrganization()),
          r.endorsingOrganization() == null ? "" : r.endorsingOrganization());
    }
  }

  void rules(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    JsonObject body = Forms.read(ctx, List.of("minMaturity"), List.of("regions"), List.of(),
        List.of("maxApplicationsPerOrganization"));
    body.put("requireVerified", form.get("requireVerified") != null);
    String endorsing = Optional.ofNullable(form.get("endorsingOrganization")).map(String::strip).orElse("");
    RulesForm typed = new RulesForm(Optional.ofNullable(form.get("regions")).orElse(""),
        Forms.options(Vocabulary.MATURITIES, body.getString("minMaturity"), Views.messages(ctx)), body.getBoolean("requireVerified"),
        Optional.ofNullable(form.get("maxApplicationsPerOrganization")).orElse(""), endorsing);
    Future<ChallengeRules> saving;
    try {
      ChallengeRules read = ChallengeRules.read(body);
      String problem = Text.problem(endorsing, Text.Kind.NAME);
      if (problem != null) {
        throw ApiException.validation(Map.of("endorsingOrganizationId", problem));
      }
      saving = (endorsing.isEmpty() ? Future.succeededFuture(read)
          : s.organizations().findByName(s.pool(), Text.clean(endorsing, Text.Kind.NAME)).compose(org -> org.isPresent()
              ? Future.succeededFuture(read.withEndorser(org.get().id()))
              : Future.<ChallengeRules>failedFuture(ApiException.validation(
                  Map.of("endorsingOrganizationId", "「" + endorsing + "」不存在")))))
          .compose(rules -> w.rules().setRules(user, id, rules));
    } catch (ApiException refused) {
      saving = Future.failedFuture(refused);
    }
    saving.onSuccess(r -> Views.redirect(ctx, "/postings/" + id + "/review?notice=rules#rules"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(errors -> {
          Map<String, String> near = new HashMap<>(errors);
          Optional.ofNullable(near.remove("form")).ifPresent(message -> near.put("rules", message));
          show(ctx, ((ApiException) failure).status(), null, null, typed, near);
        }, () -> ctx.fail(failure)));
  }

  void addReviewer(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String email = Optional.ofNullable(ctx.request().getFormAttribute("email")).map(String::strip).orElse("");
    String problem = email.isEmpty() ? "必填" : Text.problem(email, Text.Kind.LINE);
    if (problem != null) {
      show(ctx, 400, null, email, null, Map.of("reviewer", problem));
      return;
    }
    w.users().findByEmail(s.pool(), email.toLowerCase(Locale.ROOT))
        .compose(found -> found.isPresent() ? w.reviews().addReviewer(user, id, found.get().id())
            : Future.failedFuture(ApiException.validation(Map.of("userId", "评审专家必须是平台上的政府部门账号"))))
        .onSuccess(list -> Views.redirect(ctx, "/postings/" + id + "/review?notice=reviewer"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> show(ctx, ((ApiException) failure).status(), null, email, null,
                Map.of("reviewer", errors.values().iterator().next())), () -> ctx.fail(failure)));
  }

  void shortlist(RoutingContext ctx) {
    decide(ctx, w.reviews()::shortlist, "shortlist", "shortlisted");
  }

  void award(RoutingContext ctx) {
    decide(ctx, w.reviews()::award, "award", "awarded");
  }

  private interface Decision {
    Future<Application> apply(CurrentUser user, long applicationId, boolean confirmIncomplete);
  }

  /** A decision refused as premature (reviewers still owe scores) comes back to the review page as a question. */
  private void decide(RoutingContext ctx, Decision decision, String action, String notice) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    boolean confirmed = "true".equals(ctx.request().getFormAttribute("confirmIncomplete"));
    // reading the call first lets a call past its deadline move into review (the service's on-read close)
    w.applications().get(user, id).compose(a -> s.postings().get(Optional.of(user), a.postingId()).map(a.postingId()))
        .map(Optional::of).recover(notVisible -> Future.succeededFuture(Optional.empty()))
        .onSuccess(postingId -> decision.apply(user, id, confirmed)
            .onSuccess(a -> Views.redirect(ctx, "/postings/" + a.postingId() + "/review?notice=" + notice))
            .onFailure(failure -> {
              if (failure instanceof ApiException api && "reviews_incomplete".equals(api.code()) && postingId.isPresent()) {
                Views.redirect(ctx, "/postings/" + postingId.get() + "/review?confirm=" + action + "&application=" + id
                    + "#confirm");
              } else {
                ctx.fail(failure);
              }
            }));
  }

  /** The question of {@code ?confirm=award&application=…}, when reviewers are indeed still missing. */
  private static Confirm confirm(RoutingContext ctx, JsonObject table, Messages m) {
    String action = ctx.queryParams().get("confirm");
    String application = ctx.queryParams().get("application");
    JsonArray missing = table.getJsonArray("reviewersMissing");
    if (action == null || !Set.of("award", "shortlist").contains(action) || application == null || !application.matches("\\d{1,18}")
        || missing.isEmpty()) {
      return null;
    }
    String names = String.join("、", missing.stream().map(String::valueOf).toList());
    return new Confirm(action, Long.parseLong(application), m.format("review_confirm_" + action, missing.size(), names));
  }

  private void show(RoutingContext ctx, int status, List<CriterionRow> typedRubric, String typedEmail,
                    RulesForm typedRules, Map<String, String> errors) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    Map<String, Object> model = new HashMap<>();
    Map<Long, List<Attachment>> files = new HashMap<>();
    w.reviews().table(user, id)
        .compose(table -> Future.all(
            w.attachmentRepository().list(s.pool(), table.getJsonArray("items").stream().map(JsonObject.class::cast)
                .map(r -> r.getLong("applicationId")).toList()).onSuccess(files::putAll),
            s.postings().get(Optional.of(user), id).onSuccess(p -> {
              model.put("p", Cards.posting(p, m, LocalDate.now(s.clock())));
              model.put("statusLabel", ChallengePages.statusLabel(p.kind(), p.status(), m));
              model.put("pageTitle", m.format("review_heading", p.title()));
            }),
            w.rules().rules(Optional.of(user), id)
                .onSuccess(r -> model.put("rulesForm", typedRules != null ? typedRules : RulesForm.of(r, m))),
            w.reviews().reviewers(user, id).onSuccess(list -> model.put("reviewers", list.stream()
                .map(JsonObject.class::cast)
                .map(r -> new Reviewer(r.getString("displayName"), r.getString("organization"))).toList())),
            w.lifecycle().timeline(Optional.of(user), id).onSuccess(t -> model.put("moves", t.getJsonArray("next").stream()
                .map(JsonObject.class::cast).map(n -> n.getString("to"))
                // shortlisting and awarding are done per application in the table below
                .filter(to -> !Set.of(PostingStatus.ARCHIVED, PostingStatus.SHORTLISTED, PostingStatus.AWARDED).contains(to))
                .map(to -> ChallengePages.Move.of(null, to, m))
                .toList())))
            .map(table))
        .onSuccess(table -> {
          JsonArray rubric = table.getJsonArray("rubric");
          List<CriterionRow> rows = new ArrayList<>();
          if (typedRubric != null) {
            rows.addAll(typedRubric);
          } else {
            for (int i = 0; i < rubric.size(); i++) {
              rows.add(new CriterionRow(i, rubric.getJsonObject(i).getString("name"),
                  String.valueOf(rubric.getJsonObject(i).getInteger("weight"))));
            }
          }
          while (rows.size() < RUBRIC_ROWS) {
            rows.add(new CriterionRow(rows.size(), "", ""));
          }
          boolean deciding = DECIDING.contains(table.getString("status"));
          model.put("rubricRows", rows);
          model.put("criteria", rubric.stream().map(JsonObject.class::cast)
              .map(c -> c.getString("name") + " (" + c.getInteger("weight") + "%)").toList());
          model.put("rows", table.getJsonArray("items").stream().map(JsonObject.class::cast).map(r -> new TableRow(
              r.getLong("applicationId"), r.getInteger("rank"), r.getString("leadOrganization"),
              Cards.names(r.getJsonArray("partners").getList()),
              r.getString("status"), m.get("app_status_" + r.getString("status")), r.getInteger("reviewerCount"),
              r.getJsonArray("criteria").stream().map(JsonObject.class::cast).map(c -> new Cell(
                  number(c.getValue("average")), number(c.getValue("spread")))).toList(),
              number(r.getValue("weightedTotal")), r.getValue("fitScore") == null ? "—" : number(r.getValue("fitScore")),
              ReasonTranslator.summary(r.getString("fitReasons"), m), number(r.getValue("spread")),
              deciding && Application.SUBMITTED.equals(r.getString("status")),
              deciding && (Application.SUBMITTED.equals(r.getString("status"))
                  || Application.SHORTLISTED.equals(r.getString("status"))),
              AttachmentPages.views(files.getOrDefault(r.getLong("applicationId"), List.of())),
              m.format("review_progress", r.getJsonObject("progress").getValue("scored"),
                  r.getJsonObject("progress").getValue("expected")),
              r.getJsonObject("progress").getLong("scored").equals(r.getJsonObject("progress").getLong("expected")),
              Cards.names(r.getJsonObject("progress").getJsonArray("missing").getList()),
              Cards.names(r.getJsonObject("progress").getJsonArray("recused").stream().map(JsonObject.class::cast)
                  .map(x -> x.getString("reviewer") + "：" + x.getString("reason")).toList()),
              Cards.names(r.getJsonObject("progress").getJsonArray("conflicted").getList()))).toList());
          model.put("recusals", table.getJsonArray("recusals").stream().map(JsonObject.class::cast)
              .filter(x -> x.getLong("applicationId") == null)
              .map(x -> x.getString("reviewer") + "：" + x.getString("reason")).toList());
          model.put("confirm", confirm(ctx, table, m));
          model.put("email", typedEmail == null ? "" : typedEmail);
          model.put("errors", MessageTranslator.fields(errors, m));
          model.put("hasErrors", !errors.isEmpty());
          model.put("notice", ChallengePages.notice(ctx, m));
          model.put("postingId", id);
          model.put("section", "challenges");
          views.render(ctx, status, "review", (String) model.get("pageTitle"), model);
        })
        .onFailure(ctx::fail);
  }

  private static String number(Object value) {
    if (value == null) {
      return "–";
    }
    double d = ((Number) value).doubleValue();
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  // ---- the reviewer's queue (待我评审) ----------------------------------------------------------------------------

  record Assigned(long postingId, String title, String statusLabel, String status, String deadline, String progress,
                  boolean complete, boolean recused, boolean scoring) {
  }

  void myReviews(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    w.reviews().assignments(user).onSuccess(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("assignments", list.stream().map(a -> new Assigned(a.postingId(), a.title(),
          ChallengePages.statusLabel("challenge", a.status(), m), a.status(),
          a.deadline() == null ? "" : a.deadline().toString(), m.format("my_reviews_progress", a.scored(), a.toScore()),
          a.scored() >= a.toScore(), a.recused(), PostingStatus.REVIEW.equals(a.status()))).toList());
      model.put("section", "workspace");
      views.render(ctx, 200, "my-reviews", m.get("my_reviews_title"), model);
    }).onFailure(ctx::fail);
  }

  // ---- the reviewer's scoring form ----------------------------------------------------------------------------

  record ScoreRow(int index, String criterion, int weight, String score, String comment) {
  }

  record Sheet(long id, String lead, String partners, String approach, List<ChallengePages.Answer> answers,
               String budget, String schedule, String team, List<AttachmentPages.AttachmentView> attachments,
               List<ScoreRow> scores, String error, String recusal, String typedReason, String recusalError) {
  }

  /** A recusal form sent back with its problem: for one application, or the whole call when the id is null. */
  record Recusing(Long applicationId, String reason, String error) {
  }

  void scoreForm(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    showSheets(ctx, 200, user, PageRoutes.pathId(ctx), null, null, null, null);
  }

  void recuseFromCall(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long postingId = PageRoutes.pathId(ctx);
    recuse(ctx, user, postingId, null, reason -> w.reviews().recuse(user, postingId, null, reason));
  }

  void recuseFromApplication(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long applicationId = PageRoutes.pathId(ctx);
    w.applications().get(user, applicationId)
        .onSuccess(a -> recuse(ctx, user, a.postingId(), applicationId,
            reason -> w.reviews().recuseFromApplication(user, applicationId, reason)))
        .onFailure(ctx::fail);
  }

  private void recuse(RoutingContext ctx, CurrentUser user, long postingId, Long applicationId,
                      Function<String, Future<?>> recusal) {
    String typed = Optional.ofNullable(ctx.request().getFormAttribute("reason")).orElse("");
    Future<?> saving;
    try {
      saving = recusal.apply(ReviewRoutes.recusalReason(new JsonObject().put("reason", typed)));
    } catch (ApiException refused) {
      saving = Future.failedFuture(refused);
    }
    saving.onSuccess(done -> Views.redirect(ctx, "/postings/" + postingId + "/score?notice=recused"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> showSheets(ctx, ((ApiException) failure).status(), user, postingId, null, null, null,
                new Recusing(applicationId, typed, errors.values().iterator().next())),
            () -> ctx.fail(failure)));
  }

  void score(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long applicationId = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    JsonArray scores = new JsonArray();
    List<String[]> typed = new ArrayList<>();
    for (int i = 0; form.get("criterion_" + i) != null; i++) {
      String raw = Optional.ofNullable(form.get("score_" + i)).map(String::strip).orElse("");
      String comment = Optional.ofNullable(form.get("comment_" + i)).orElse("");
      typed.add(new String[] {raw, comment});
      scores.add(new JsonObject().put("criterion", form.get("criterion_" + i))
          .put("score", raw.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(raw) : raw.isEmpty() ? null : raw)
          .put("comment", comment));
    }
    w.applications().get(user, applicationId)
        .compose(a -> s.postings().get(Optional.of(user), a.postingId()).map(a))
        .compose(a -> w.reviews().score(user, applicationId,
            new JsonObject().put("scores", scores))
        .onSuccess(done -> Views.redirect(ctx, "/postings/" + a.postingId() + "/score?notice=scored"))
        .recover(failure -> Forms.problems(failure).map(errors -> {
          showSheets(ctx, ((ApiException) failure).status(), user, a.postingId(), applicationId, typed,
              errors.values().iterator().next(), null);
          return Future.<Void>succeededFuture();
        }).orElseGet(() -> Future.failedFuture(failure))))
        .onFailure(ctx::fail);
  }

  private void showSheets(RoutingContext ctx, int status, CurrentUser user, long postingId, Long errorFor,
                          List<String[]> typed, String error, Recusing recusing) {
    Messages m = Views.messages(ctx);
    s.postings().get(Optional.of(user), postingId)
        .compose(p -> w.applicationRepository().isReviewer(s.pool(), postingId, user.id())
            .compose(reviewer -> reviewer ? Future.succeededFuture(p)
                : Future.<Posting>failedFuture(ApiException.forbidden("您不是该榜单的评审专家"))))
        .compose(p -> w.reviews().rubric(Optional.of(user), postingId).compose(rubric -> w.reviews()
            .recusalsOf(user, postingId).compose(own -> w.applications().list(user, postingId).compose(list -> w
                .attachmentRepository().list(s.pool(), list.stream().map(Application::id).toList()).map(files -> {
              Map<Long, String> recused = new HashMap<>();
              String callRecusal = own.stream().filter(x -> x.applicationId() == null)
                  .map(ReviewRepository.Recusal::reason).findFirst().orElse(null);
              own.stream().filter(x -> x.applicationId() != null)
                  .forEach(x -> recused.put(x.applicationId(), x.reason()));
              Map<String, Object> model = new HashMap<>();
              List<Rubric.Criterion> criteria = rubric.map(Rubric::criteria).orElse(List.of());
              List<Sheet> sheets = list.stream().filter(a -> !Application.WITHDRAWN.equals(a.status()) && a.counts()).map(a -> {
                boolean mine = errorFor != null && errorFor == a.id();
                List<ScoreRow> rows = new ArrayList<>();
                for (int i = 0; i < criteria.size(); i++) {
                  String[] t = mine && typed != null && i < typed.size() ? typed.get(i) : new String[] {"", ""};
                  rows.add(new ScoreRow(i, criteria.get(i).name(), criteria.get(i).weight(), t[0], t[1]));
                }
                JsonObject proposal = a.proposal();
                List<ChallengePages.Answer> answers = new ArrayList<>();
                JsonArray given = proposal.getJsonArray("requirementAnswers", new JsonArray());
                for (int i = 0; i < given.size(); i++) {
                  answers.add(new ChallengePages.Answer(i, given.getJsonObject(i).getString("requirement"),
                      given.getJsonObject(i).getString("answer")));
                }
                return new Sheet(a.id(), a.leadOrganization(),
                    Cards.names(a.confirmedPartners().stream().map(Application.Partner::name).toList()),
                    proposal.getString("approach"), answers, Cards.budget(proposal.getLong("budgetWan", 0L), m),
                    proposal.getString("schedule"), proposal.getString("team"),
                    AttachmentPages.views(files.getOrDefault(a.id(), List.of())), rows,
                    mine ? MessageTranslator.translate(error, m) : null,
                    callRecusal != null ? callRecusal : recused.get(a.id()),
                    recusing != null && Long.valueOf(a.id()).equals(recusing.applicationId()) ? recusing.reason() : "",
                    recusing != null && Long.valueOf(a.id()).equals(recusing.applicationId())
                        ? MessageTranslator.translate(recusing.error(), m) : null);
              }).toList();
              boolean forCall = recusing != null && recusing.applicationId() == null;
              model.put("callRecusal", callRecusal);
              model.put("callReason", forCall ? recusing.reason() : "");
              model.put("callRecusalError", forCall ? MessageTranslator.translate(recusing.error(), m) : null);
              model.put("p", Cards.posting(p, m, LocalDate.now(s.clock())));
              model.put("statusLabel", ChallengePages.statusLabel(p.kind(), p.status(), m));
              model.put("sheets", sheets);
              model.put("scoring", PostingStatus.REVIEW.equals(p.status()));
              model.put("notice", ChallengePages.notice(ctx, m));
              model.put("pageTitle", m.format("score_heading", p.title()));
              model.put("section", "challenges");
              return model;
            })))))
        .onSuccess(model -> views.render(ctx, status, "score", (String) model.get("pageTitle"), model))
        .onFailure(ctx::fail);
  }
}
