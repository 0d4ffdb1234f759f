package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.delivery.Delivery;
import cn.qdaipark.scenariohub.delivery.DeliveryPlan;
import cn.qdaipark.scenariohub.delivery.DeliveryRepository;
import cn.qdaipark.scenariohub.delivery.DeliveryRoutes;
import cn.qdaipark.scenariohub.delivery.DeliveryService;
import cn.qdaipark.scenariohub.delivery.Milestone;
import cn.qdaipark.scenariohub.delivery.MilestoneReport;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delivery of an awarded call on the pages: a summary on the call page (plan, due dates, 逾期 flags, funding) and
 * the delivery page with the lead's plan and report forms, the issuer's decisions and funding form, and the
 * timeline. A refused form comes back with its messages next to its fields; the rules are the delivery service's.
 */
final class DeliveryPages {
  private static final Set<String> NOTICES = Set.of("proposed", "plan_accepted", "plan_returned", "reported",
      "report_accepted", "report_returned", "funded");
  private static final Set<Integer> FIELD_STATUSES = Set.of(400, 409, 413, 415);
  private static final Pattern ROW_FIELD = Pattern.compile("milestones\\[(\\d+)]\\.(\\w+)");
  private static final int MIN_ROWS = 3;

  private final Views views;
  private final DeliveryService delivery;
  private final Clock clock;

  DeliveryPages(Views views, DeliveryService delivery, Clock clock) {
    this.views = views;
    this.delivery = delivery;
    this.clock = clock;
  }

  record Amounts(String awarded, String released) {
  }

  record EvidenceView(long id, String name, String type) {
  }

  record IndicatorView(String requirement, String value) {
  }

  record ReportView(long id, String text, List<IndicatorView> indicators, List<EvidenceView> evidence, String status,
                    String statusLabel, String submittedAt, String comment, boolean decidable,
                    Map<String, String> errors, String typedComment) {
  }

  record MilestoneView(long id, int position, String title, String due, String deliverable, String funding,
                       String released, String status, String statusLabel, boolean late, List<ReportView> reports,
                       boolean mayReport, boolean mayFund, Map<String, String> reportErrors,
                       Map<String, String> fundingErrors, Map<String, String> typed, List<RequirementInput> inputs,
                       List<String> releases) {
  }

  /** A row of the plan form; {@code number} counts from 1 for people. */
  record Row(int index, int number, String title, String due, String deliverable, String funding,
             Map<String, String> errors) {
  }

  record RequirementInput(int index, String requirement, String value) {
  }

  record EventView(String at, String label, String actor, String organization, String detail) {
  }

  /** What a refused form brings back: which form, for what, its messages and what was typed. */
  private record Problems(String form, long target, Map<String, String> errors, Map<String, String> typed,
                          List<Row> rows) {
    static Problems none() {
      return new Problems("", 0, Map.of(), Map.of(), null);
    }
  }

  // ---- the summary on the call page ----------------------------------------------------------------------------

  /** Puts the delivery summary of a call in delivery (or after) into the call page's model; nothing otherwise. */
  static Future<Void> summary(DeliveryService delivery, Optional<CurrentUser> user, Posting p, Messages m,
                              Map<String, Object> model) {
    if (!"challenge".equals(p.kind()) || !DeliveryService.SHOWN.contains(p.status())) {
      return Future.succeededFuture();
    }
    return delivery.view(user, p.id()).<Void>map(d -> {
      model.put("delivery", Map.of("milestones", milestones(d, m, Problems.none()), "amounts", amounts(d, m),
          "planStatus", d.plan().map(plan -> m.get("dlv_plan_" + plan.status())).orElse(m.get("dlv_plan_none"))));
      return null;
    }).recover(e -> e instanceof ApiException api && api.status() == 404 ? Future.succeededFuture()
        : Future.failedFuture(e));
  }

  // ---- the delivery page ---------------------------------------------------------------------------------------

  void page(RoutingContext ctx) {
    show(ctx, 200, PageRoutes.pathId(ctx), Problems.none());
  }

  private void show(RoutingContext ctx, int status, long postingId, Problems problems) {
    Messages m = Views.messages(ctx);
    Optional<CurrentUser> user = CurrentUser.of(ctx);
    delivery.view(user, postingId).onSuccess(d -> {
      Posting p = d.posting();
      Delivery.Viewer viewer = d.viewer();
      Map<String, Object> model = new HashMap<>();
      model.put("p", Map.of("id", p.id(), "title", p.title()));
      model.put("statusLabel", ChallengePages.statusLabel(p.kind(), p.status(), m));
      model.put("lead", d.award().lead());
      model.put("amounts", amounts(d, m));
      String notice = ctx.queryParams().get("notice");
      model.put("notice", notice != null && NOTICES.contains(notice) ? m.get("dlv_notice_" + notice) : null);
      d.plan().ifPresent(plan -> {
        model.put("plan", Map.of("status", plan.status(), "statusLabel", m.get("dlv_plan_" + plan.status()),
            "version", plan.version()));
        if (viewer.insider() && plan.comment() != null) {
          model.put("planComment", plan.comment());
        }
      });
      model.put("milestones", milestones(d, m, problems));
      boolean planning = DeliveryService.PLANNING.contains(p.status());
      boolean planOpen = d.plan().map(plan -> !plan.accepted()).orElse(true);
      if (viewer.lead() && planning && planOpen) {
        model.put("planForm", Map.of("rows", "plan".equals(problems.form()) ? problems.rows() : rows(d),
            "version", d.plan().map(DeliveryPlan::version).map(String::valueOf).orElse("")));
      }
      if (viewer.issuer() && planning && d.plan().map(plan -> DeliveryPlan.PROPOSED.equals(plan.status())).orElse(false)) {
        model.put("planDecision", Map.of("version", d.plan().get().version(),
            "typedComment", problems.typed().getOrDefault("comment", "")));
      }
      model.put("planErrors", "plan".equals(problems.form()) || "decision".equals(problems.form())
          ? MessageTranslator.fields(problems.errors(), m) : Map.of());
      model.put("today", LocalDate.now(clock).toString());
      model.put("timeline", d.timeline().stream().map(e -> event(e, m, viewer.insider())).toList());
      model.put("insider", viewer.insider());
      views.render(ctx, status, "delivery", m.format("dlv_page_title", p.title()), model);
    }).onFailure(ctx::fail);
  }

  void proposePlan(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    List<Row> rows = new ArrayList<>();
    List<Integer> rowOf = new ArrayList<>();
    JsonArray milestones = new JsonArray();
    for (int i = 0; i < DeliveryService.MAX_MILESTONES; i++) {
      String title = field(form, "title_" + i);
      String due = field(form, "due_" + i);
      String deliverable = field(form, "deliverable_" + i);
      String funding = field(form, "funding_" + i);
      if (title.isEmpty() && due.isEmpty() && deliverable.isEmpty() && funding.isEmpty()) {
        continue;
      }
      rows.add(new Row(rows.size(), rows.size() + 1, title, due, deliverable, funding, new HashMap<>()));
      rowOf.add(rows.size() - 1);
      milestones.add(new JsonObject().put("title", title).put("dueDate", due).put("deliverable", deliverable)
          .put("fundingWan", funding.matches("-?\\d{1,15}") ? (Object) Long.valueOf(funding) : funding.isEmpty() ? null : funding));
    }
    JsonObject body = new JsonObject().put("milestones", milestones);
    String version = field(form, "version");
    if (version.matches("\\d{1,9}")) {
      body.put("version", Integer.valueOf(version));
    }
    delivery.proposePlan(user, id, body)
        .onSuccess(plan -> Views.redirect(ctx, "/postings/" + id + "/delivery?notice=proposed#plan"))
        .onFailure(failure -> backToForm(ctx, id, failure, errors -> {
          Map<String, String> formErrors = new LinkedHashMap<>();
          errors.forEach((key, message) -> {
            Matcher row = ROW_FIELD.matcher(key);
            if (row.matches() && Integer.parseInt(row.group(1)) < rowOf.size()) {
              rows.get(rowOf.get(Integer.parseInt(row.group(1)))).errors().put(row.group(2), message);
            } else {
              formErrors.put("form", message);
            }
          });
          Messages m = Views.messages(ctx);
          List<Row> shown = new ArrayList<>();
          rows.forEach(r -> shown.add(new Row(r.index(), r.index() + 1, r.title(), r.due(), r.deliverable(), r.funding(),
              MessageTranslator.fields(r.errors(), m))));
          padRows(shown, shown.size() + 1);
          return new Problems("plan", 0, formErrors, Map.of(), shown);
        }));
  }

  void decidePlan(RoutingContext ctx, boolean accept) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    JsonObject body = new JsonObject().put("comment", field(form, "comment"));
    String version = field(form, "version");
    if (version.matches("\\d{1,9}")) {
      body.put("version", Integer.valueOf(version));
    }
    delivery.decidePlan(user, id, accept, body)
        .onSuccess(plan -> Views.redirect(ctx, "/postings/" + id + "/delivery?notice="
            + (accept ? "plan_accepted" : "plan_returned") + "#plan"))
        .onFailure(failure -> backToForm(ctx, id, failure, errors -> new Problems("decision", 0, errors,
            Map.of("comment", field(form, "comment")), null)));
  }

  void report(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long milestoneId = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    delivery.milestone(milestoneId).compose(found -> delivery.view(Optional.of(user), found.postingId()).compose(d -> {
      List<String> requirements = d.posting().requirements();
      JsonArray indicators = new JsonArray();
      Map<String, String> typed = new HashMap<>();
      typed.put("text", field(form, "text"));
      for (int i = 0; i < requirements.size(); i++) {
        String value = field(form, "value_" + i);
        typed.put("value_" + i, value);
        if (!value.isEmpty()) {
          indicators.add(new JsonObject().put("requirement", requirements.get(i)).put("value", value));
        }
      }
      JsonObject body = new JsonObject().put("text", field(form, "text")).put("indicators", indicators);
      long postingId = d.posting().id();
      return delivery.submitReport(user, milestoneId, body, ctx.fileUploads(), InTransaction.nothing())
          .onSuccess(r -> Views.redirect(ctx, "/postings/" + postingId + "/delivery?notice=reported#milestone-"
              + milestoneId))
          .<Void>mapEmpty()
          .recover(failure -> {
            backToForm(ctx, postingId, failure, errors -> new Problems("report", milestoneId, errors, typed, null));
            return Future.succeededFuture();
          });
    })).onFailure(ctx::fail);
  }

  void decideReport(RoutingContext ctx, boolean accept) {
    CurrentUser user = CurrentUser.required(ctx);
    long reportId = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    String comment = field(form, "comment");
    delivery.decideReport(user, reportId, accept, new JsonObject().put("comment", comment))
        .compose(r -> delivery.milestone(r.milestoneId()))
        .onSuccess(ms -> Views.redirect(ctx, "/postings/" + ms.postingId() + "/delivery?notice="
            + (accept ? "report_accepted" : "report_returned") + "#milestone-" + ms.id()))
        .onFailure(failure -> delivery.reportMilestone(reportId)
            .onSuccess(ms -> backToForm(ctx, ms.postingId(), failure, errors -> new Problems("decide", reportId, errors,
                Map.of("comment", comment), null)))
            .onFailure(ctx::fail));
  }

  void fund(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long milestoneId = PageRoutes.pathId(ctx);
    MultiMap form = ctx.request().formAttributes();
    String amount = field(form, "amountWan");
    String on = field(form, "releasedOn");
    JsonObject body = new JsonObject()
        .put("amountWan", amount.matches("-?\\d{1,15}") ? (Object) Long.valueOf(amount) : amount.isEmpty() ? null : amount)
        .put("releasedOn", on);
    delivery.milestone(milestoneId).compose(ms -> delivery.releaseFunding(user, milestoneId, body, InTransaction.nothing())
            .onSuccess(r -> Views.redirect(ctx, "/postings/" + ms.postingId() + "/delivery?notice=funded#milestone-"
                + milestoneId))
            .<Void>mapEmpty()
            .recover(failure -> {
              backToForm(ctx, ms.postingId(), failure, errors -> new Problems("funding", milestoneId, errors,
                  Map.of("amountWan", amount, "releasedOn", on), null));
              return Future.succeededFuture();
            }))
        .onFailure(ctx::fail);
  }

  void evidence(RoutingContext ctx) {
    delivery.evidence(CurrentUser.required(ctx), PageRoutes.pathId(ctx))
        .onSuccess(file -> DeliveryRoutes.send(ctx, file))
        .onFailure(ctx::fail);
  }

  /** A refusal the form can show (validation, state, file) re-shows the page with it; anything else is an error page. */
  private void backToForm(RoutingContext ctx, long postingId, Throwable failure,
                          java.util.function.Function<Map<String, String>, Problems> problems) {
    if (!(failure instanceof ApiException api) || !FIELD_STATUSES.contains(api.status())) {
      ctx.fail(failure);
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    JsonObject fields = api.toJson().getJsonObject("error").getJsonObject("fields");
    if (fields != null) {
      fields.forEach(e -> errors.put(e.getKey(), String.valueOf(e.getValue())));
    }
    if (errors.isEmpty()) {
      errors.put(api.status() == 413 || api.status() == 415 ? "evidence" : "form", api.getMessage());
    }
    show(ctx, api.status(), postingId, problems.apply(errors));
  }

  // ---- views ---------------------------------------------------------------------------------------------------

  private static Amounts amounts(Delivery d, Messages m) {
    return new Amounts(Cards.budget(d.awardedWan(), m), Terms.wan(m, d.releasedWan()));
  }

  private static List<MilestoneView> milestones(Delivery d, Messages m, Problems problems) {
    Delivery.Viewer viewer = d.viewer();
    String status = d.posting().status();
    boolean planAccepted = d.plan().map(DeliveryPlan::accepted).orElse(false);
    List<MilestoneView> list = new ArrayList<>();
    for (Milestone ms : d.milestones()) {
      List<ReportView> reports = new ArrayList<>();
      for (MilestoneReport r : d.reportsOf(ms.id())) {
        boolean target = "decide".equals(problems.form()) && problems.target() == r.id();
        reports.add(new ReportView(r.id(), r.text(), r.indicators().stream().map(JsonObject.class::cast)
            .map(i -> new IndicatorView(i.getString("requirement"), i.getString("value"))).toList(),
            r.evidence().stream().map(e -> new EvidenceView(e.id(), e.fileName(), e.contentType())).toList(),
            r.status(), m.get("dlv_report_" + r.status()), ChallengePages.display(r.submittedAt()), r.comment(),
            viewer.issuer() && MilestoneReport.SUBMITTED.equals(r.status()) && PostingStatus.IN_DELIVERY.equals(status),
            target ? MessageTranslator.fields(problems.errors(), m) : Map.of(),
            target ? problems.typed().getOrDefault("comment", "") : ""));
      }
      boolean reportTarget = "report".equals(problems.form()) && problems.target() == ms.id();
      boolean fundingTarget = "funding".equals(problems.form()) && problems.target() == ms.id();
      List<RequirementInput> inputs = new ArrayList<>();
      List<String> requirements = d.posting().requirements();
      for (int i = 0; i < requirements.size(); i++) {
        inputs.add(new RequirementInput(i, requirements.get(i),
            reportTarget ? problems.typed().getOrDefault("value_" + i, "") : ""));
      }
      list.add(new MilestoneView(ms.id(), ms.position(), ms.title(), ms.dueDate().toString(), ms.deliverable(),
          Terms.wan(m, ms.fundingWan()), Terms.wan(m, d.releasedWan(ms.id())), ms.status(),
          m.get("dlv_milestone_" + ms.status()), ms.late(d.today()), viewer.insider() ? reports : List.of(),
          viewer.lead() && planAccepted && PostingStatus.IN_DELIVERY.equals(status) && ms.reportable(),
          viewer.issuer() && Milestone.ACCEPTED.equals(ms.status()) && DeliveryService.FUNDING_STATES.contains(status),
          reportTarget ? MessageTranslator.fields(problems.errors(), m) : Map.of(),
          fundingTarget ? MessageTranslator.fields(problems.errors(), m) : Map.of(),
          reportTarget || fundingTarget ? problems.typed() : Map.of(), inputs,
          d.releases().stream().filter(r -> r.milestoneId() == ms.id())
              .map(r -> r.releasedOn() + " · " + Terms.wan(m, r.amountWan())).toList()));
    }
    return list;
  }

  /** The plan form's rows: the milestones as planned, then blank rows to add more. */
  private static List<Row> rows(Delivery d) {
    List<Row> rows = new ArrayList<>();
    for (Milestone ms : d.milestones()) {
      rows.add(new Row(rows.size(), rows.size() + 1, ms.title(), ms.dueDate().toString(), ms.deliverable(),
          String.valueOf(ms.fundingWan()), Map.of()));
    }
    padRows(rows, Math.max(MIN_ROWS, rows.size() + 2));
    return rows;
  }

  private static void padRows(List<Row> rows, int count) {
    while (rows.size() < Math.min(count, DeliveryService.MAX_MILESTONES)) {
      rows.add(new Row(rows.size(), rows.size() + 1, "", "", "", "", Map.of()));
    }
  }

  private static EventView event(DeliveryRepository.Event e, Messages m, boolean insider) {
    JsonObject detail = e.detail();
    List<String> parts = new ArrayList<>();
    if (detail.getString("milestone") != null) {
      parts.add(detail.getString("milestone"));
    }
    if (detail.getValue("amountWan") != null) {
      parts.add(Terms.wan(m, detail.getLong("amountWan")) + " · " + detail.getString("releasedOn"));
    }
    if (detail.getValue("milestones") != null) {
      parts.add(m.format("dlv_event_milestones", detail.getLong("milestones"),
          Terms.wan(m, detail.getLong("fundingWan", 0L))));
    }
    if (detail.getString("dueDate") != null) {
      parts.add(m.format("dlv_event_due", detail.getString("dueDate")));
    }
    if (insider && detail.getString("comment") != null) {
      parts.add(detail.getString("comment"));
    }
    return new EventView(ChallengePages.display(e.at()), m.get("dlv_event_" + e.action().replace('.', '_')),
        e.actor() == null ? m.get("by_system") : insider ? e.actor() : null, e.organization(), String.join(" · ", parts));
  }

  private static String field(MultiMap form, String name) {
    return Optional.ofNullable(form.get(name)).map(String::strip).orElse("");
  }
}
