package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery of an awarded call (攻关): the winning lead proposes milestones and reports on them, the issuer
 * accepts or returns plan and reports and records the funding it releases. Every change is audit-logged under
 * the entity {@code delivery} with the call's id, which is the delivery timeline, and notifies the other side.
 */
public final class DeliveryService {
  public static final int MAX_MILESTONES = 12;
  static final int MAX_YEARS_AHEAD = 5;
  /** States in which the lead may propose or revise its plan and the issuer decide on it. */
  public static final Set<String> PLANNING = Set.of(PostingStatus.AWARDED, PostingStatus.RESULT_PUBLISHED,
      PostingStatus.IN_DELIVERY);
  /** States in which a delivery exists to be shown. */
  public static final Set<String> SHOWN = Set.of(PostingStatus.AWARDED, PostingStatus.RESULT_PUBLISHED,
      PostingStatus.IN_DELIVERY, PostingStatus.ACCEPTANCE, PostingStatus.ACCEPTED, PostingStatus.FAILED);
  /** States in which released funding may be recorded. */
  public static final Set<String> FUNDING_STATES = Set.of(PostingStatus.IN_DELIVERY, PostingStatus.ACCEPTANCE, PostingStatus.ACCEPTED);

  private final Pool pool;
  private final PostingService postings;
  private final DeliveryRepository repository;
  private final EvidenceReader evidenceReader;
  private final AuditLog audit;
  private final NotificationRepository notifications;
  private final Clock clock;

  public DeliveryService(Pool pool, PostingService postings, DeliveryRepository repository, EvidenceReader evidenceReader,
                         AuditLog audit, NotificationRepository notifications, Clock clock) {
    this.pool = pool;
    this.postings = postings;
    this.repository = repository;
    this.evidenceReader = evidenceReader;
    this.audit = audit;
    this.notifications = notifications;
    this.clock = clock;
  }

  private record Context(Posting posting, Award award) {
    Delivery.Viewer viewer(Optional<CurrentUser> user) {
      boolean lead = user.map(award::isLead).orElse(false);
      boolean issuer = user.map(u -> u.belongsTo(posting.organizationId())).orElse(false);
      boolean insider = user.map(u -> u.isAdmin() || issuer || award.inConsortium(u)).orElse(false);
      return new Delivery.Viewer(lead, issuer, insider);
    }
  }

  // ---- reading ---------------------------------------------------------------------------------------------------

  /** The delivery of a call; 404 for a call the caller may not see or one without a winner. */
  public Future<Delivery> view(Optional<CurrentUser> user, long postingId) {
    return context(user, postingId).compose(c -> {
      Delivery.Viewer viewer = c.viewer(user);
      Future<Optional<DeliveryPlan>> plan = repository.plan(pool, postingId);
      Future<List<Milestone>> milestones = repository.milestones(pool, postingId);
      Future<Map<Long, List<MilestoneReport>>> reports = viewer.insider() ? repository.reports(pool, postingId)
          : Future.succeededFuture(Map.of());
      Future<List<FundingRelease>> releases = repository.releases(pool, postingId);
      Future<List<DeliveryRepository.Event>> timeline = repository.timeline(pool, postingId);
      return Future.all(plan, milestones, reports, releases, timeline).map(done -> new Delivery(c.posting(), c.award(),
          plan.result(), milestones.result(), reports.result(), releases.result(), timeline.result(), viewer, today()));
    });
  }

  /** A stored evidence file, for the issuer's and the consortium's members and admins only. */
  public Future<DeliveryRepository.EvidenceContent> evidence(CurrentUser user, long evidenceId) {
    return repository.evidence(pool, evidenceId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("佐证材料")))
        .compose(file -> context(Optional.of(user), file.postingId()).compose(c -> c.viewer(Optional.of(user)).insider()
            ? Future.succeededFuture(file)
            : Future.failedFuture(ApiException.forbidden("只有发榜单位、揭榜联合体成员和管理员可以查看佐证材料"))));
  }

  public Future<Milestone> milestone(long id) {
    return repository.milestone(pool, id).map(found -> found.orElseThrow(() -> ApiException.notFound("里程碑")));
  }

  /** The milestone a report is on. */
  public Future<Milestone> reportMilestone(long reportId) {
    return repository.report(pool, reportId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("进展报告")))
        .compose(report -> milestone(report.milestoneId()));
  }

  // ---- the plan --------------------------------------------------------------------------------------------------

  /** The lead proposes (or, before it is accepted, revises) the plan: {version, milestones: [...]}. */
  public Future<DeliveryPlan> proposePlan(CurrentUser user, long postingId, JsonObject body) {
    return context(Optional.of(user), postingId).compose(c -> {
      requireLead(user, c);
      requireState(c.posting(), PLANNING, "不能再编制或修改交付计划");
      List<MilestoneInput> milestones = milestones(body, c.posting().budgetWan());
      Integer version = body.getValue("version") == null ? null : versionOf(body);
      OffsetDateTime now = OffsetDateTime.now(clock);
      long total = milestones.stream().mapToLong(MilestoneInput::fundingWan).sum();
      return pool.withTransaction(db -> lockedState(db, postingId, PLANNING, "不能再编制或修改交付计划")
          .compose(ok -> repository.lockPlan(db, postingId))
          .compose(existing -> {
            if (existing.isEmpty()) {
              return repository.insertPlan(db, postingId, c.award().applicationId(), user.id(), now)
                  .map(inserted -> inserted.orElseThrow(DeliveryService::stale));
            }
            if (existing.get().accepted()) {
              throw ApiException.conflict("交付计划已经发榜单位确认，不能再修改");
            }
            if (version == null || version != existing.get().version()) {
              throw stale();
            }
            return repository.repropose(db, postingId, user.id(), now);
          })
          .compose(plan -> repository.replaceMilestones(db, postingId, milestones).map(plan))
          .compose(plan -> audit.record(db, user.id(), "delivery.plan.propose", "delivery", postingId,
              new JsonObject().put("milestones", milestones.size()).put("fundingWan", total)).map(plan))
          .compose(plan -> notifications.notifyOrganizations(db, List.of(c.posting().organizationId()),
              "delivery_plan_proposed", postingId, "揭榜单位提交了交付计划：" + c.posting().title(),
              "请在交付页面确认或退回交付计划。", link(postingId)).map(plan)));
    });
  }

  /** The issuer accepts the proposed plan, or returns it with a comment: {version, comment}. */
  public Future<DeliveryPlan> decidePlan(CurrentUser user, long postingId, boolean accept, JsonObject body) {
    return context(Optional.of(user), postingId).compose(c -> {
      requireIssuer(user, c);
      requireState(c.posting(), PLANNING, "不能再确认交付计划");
      Validator v = new Validator(body);
      Integer version = v.version("version");
      String comment = v.text("comment", !accept, 2, 1000);
      v.throwIfInvalid();
      OffsetDateTime now = OffsetDateTime.now(clock);
      String status = accept ? DeliveryPlan.ACCEPTED : DeliveryPlan.RETURNED;
      return pool.withTransaction(db -> lockedState(db, postingId, PLANNING, "不能再确认交付计划")
          .compose(ok -> repository.lockPlan(db, postingId))
          .compose(found -> {
            DeliveryPlan plan = found.orElseThrow(() -> ApiException.conflict("揭榜单位尚未提交交付计划"));
            if (!DeliveryPlan.PROPOSED.equals(plan.status())) {
              throw ApiException.conflict("交付计划当前不是待确认状态");
            }
            if (plan.version() != version) {
              throw stale();
            }
            return repository.decidePlan(db, postingId, status, comment.isEmpty() ? null : comment, user.id(), now);
          })
          .compose(plan -> audit.record(db, user.id(), accept ? "delivery.plan.accept" : "delivery.plan.return",
              "delivery", postingId, new JsonObject().put("comment", plan.comment())).map(plan))
          .compose(plan -> notifications.notifyOrganizations(db, List.of(c.award().leadOrganizationId()),
              "delivery_plan_decided", postingId,
              (accept ? "发榜单位已确认交付计划：" : "交付计划被退回修改：") + c.posting().title(),
              accept ? "请按里程碑提交进展报告。" : "意见：" + comment, link(postingId)).map(plan)));
    });
  }

  // ---- reports ---------------------------------------------------------------------------------------------------

  /** The lead reports on a milestone: {text, indicators: [{requirement, value}]} and up to 5 evidence files. */
  public Future<MilestoneReport> submitReport(CurrentUser user, long milestoneId, JsonObject body, List<FileUpload> files,
                                              InTransaction<MilestoneReport> alsoInTransaction) {
    return milestoneContext(user, milestoneId).compose(mc -> {
      Context c = mc.context();
      requireLead(user, c);
      requireState(c.posting(), Set.of(PostingStatus.IN_DELIVERY), "不能提交进展报告");
      return repository.plan(pool, c.posting().id()).compose(plan -> {
        if (plan.isEmpty() || !plan.get().accepted()) {
          throw ApiException.conflict("交付计划尚未经发榜单位确认，不能提交进展报告");
        }
        requireReportable(mc.milestone());
        Validator v = new Validator(body);
        String text = v.text("text", true, 10, 4000);
        JsonArray indicators = indicators(body.getValue("indicators"), c.posting().requirements(), v);
        v.throwIfInvalid();
        return evidenceReader.read(EvidenceReader.chosen(files)).compose(evidence -> pool.withTransaction(db ->
            lockedState(db, c.posting().id(), Set.of(PostingStatus.IN_DELIVERY), "不能提交进展报告")
                .compose(ok -> repository.lockMilestone(db, milestoneId))
                .compose(locked -> {
                  requireReportable(locked.orElseThrow(() -> ApiException.notFound("里程碑")));
                  return repository.insertReport(db, milestoneId, text, indicators, user.id(), OffsetDateTime.now(clock));
                })
                .compose(report -> storeEvidence(db, report, evidence))
                .compose(report -> repository.setMilestoneStatus(db, milestoneId, Milestone.REPORTED).map(report))
                .compose(report -> audit.record(db, user.id(), "delivery.report.submit", "delivery", c.posting().id(),
                    new JsonObject().put("milestoneId", milestoneId).put("milestone", mc.milestone().title())
                        .put("reportId", report.id()).put("evidence", evidence.size())).map(report))
                .compose(report -> notifications.notifyOrganizations(db, List.of(c.posting().organizationId()),
                    "delivery_report_submitted", c.posting().id(),
                    "收到里程碑进展报告：" + mc.milestone().title() + "（" + c.posting().title() + "）",
                    "请在交付页面审核进展报告。", link(c.posting().id())).map(report))
                .compose(report -> alsoInTransaction.run(db, report).map(report))));
      });
    });
  }

  /** The issuer accepts a submitted report, or returns it with a comment: {comment}. */
  public Future<MilestoneReport> decideReport(CurrentUser user, long reportId, boolean accept, JsonObject body) {
    return repository.report(pool, reportId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("进展报告")))
        .compose(found -> milestoneContext(user, found.milestoneId()).compose(mc -> {
          Context c = mc.context();
          requireIssuer(user, c);
          requireState(c.posting(), Set.of(PostingStatus.IN_DELIVERY), "不能审核进展报告");
          Validator v = new Validator(body);
          String comment = v.text("comment", !accept, 2, 1000);
          v.throwIfInvalid();
          String status = accept ? MilestoneReport.ACCEPTED : MilestoneReport.RETURNED;
          return pool.withTransaction(db -> lockedState(db, c.posting().id(), Set.of(PostingStatus.IN_DELIVERY),
                  "不能审核进展报告")
              .compose(ok -> repository.lockMilestone(db, found.milestoneId()))
              .compose(ok -> repository.lockReport(db, reportId))
              .compose(locked -> {
                if (!MilestoneReport.SUBMITTED.equals(locked.orElseThrow().status())) {
                  throw ApiException.conflict("该进展报告已审核");
                }
                return repository.decideReport(db, reportId, status, comment.isEmpty() ? null : comment, user.id(),
                    OffsetDateTime.now(clock));
              })
              .compose(report -> repository.setMilestoneStatus(db, report.milestoneId(),
                  accept ? Milestone.ACCEPTED : Milestone.RETURNED).map(report))
              .compose(report -> audit.record(db, user.id(), accept ? "delivery.report.accept" : "delivery.report.return",
                  "delivery", c.posting().id(), new JsonObject().put("milestoneId", report.milestoneId())
                      .put("milestone", mc.milestone().title()).put("reportId", reportId)
                      .put("comment", report.comment())).map(report))
              .compose(report -> notifications.notifyOrganizations(db, List.of(c.award().leadOrganizationId()),
                  "delivery_report_decided", c.posting().id(),
                  (accept ? "里程碑进展报告已通过：" : "里程碑进展报告被退回：") + mc.milestone().title()
                      + "（" + c.posting().title() + "）",
                  accept ? "该里程碑已确认完成。" : "意见：" + comment, link(c.posting().id())).map(report)));
        }));
  }

  // ---- funding ---------------------------------------------------------------------------------------------------

  /**
   * The issuer records funding released for an accepted milestone: {amountWan, releasedOn}. The call's plan row is
   * locked while the releases are summed, so two releases at once cannot together exceed the amount awarded.
   */
  public Future<FundingRelease> releaseFunding(CurrentUser user, long milestoneId, JsonObject body,
                                               InTransaction<FundingRelease> alsoInTransaction) {
    return milestoneContext(user, milestoneId).compose(mc -> {
      Context c = mc.context();
      requireIssuer(user, c);
      requireState(c.posting(), FUNDING_STATES, "不能登记资金拨付");
      if (!Milestone.ACCEPTED.equals(mc.milestone().status())) {
        throw ApiException.conflict("只有已通过确认的里程碑可以登记资金拨付");
      }
      long awarded = c.posting().budgetWan();
      Validator v = new Validator(body);
      long amount = v.wholeNumber("amountWan", 0, 1, Math.max(1, awarded));
      v.check(body.getValue("amountWan") != null, "amountWan", "必填");
      LocalDate on = v.date("releasedOn", true);
      v.check(on == null || !on.isAfter(today()), "releasedOn", "拨付日期不能晚于今天");
      v.throwIfInvalid();
      long postingId = c.posting().id();
      return pool.withTransaction(db -> repository.lockPlan(db, postingId)
          .compose(plan -> repository.released(db, postingId))
          .compose(released -> released + amount <= awarded
              ? repository.insertRelease(db, postingId, milestoneId, amount, on, user.id(), OffsetDateTime.now(clock))
              : Future.failedFuture(ApiException.conflict("拨付合计将达 " + (released + amount) + " 万元，超过揭榜支持资金 "
                  + awarded + " 万元（已拨付 " + released + " 万元）")))
          .compose(release -> audit.record(db, user.id(), "delivery.funding.release", "delivery", postingId,
              new JsonObject().put("milestoneId", milestoneId).put("milestone", mc.milestone().title())
                  .put("amountWan", amount).put("releasedOn", on.toString())).map(release))
          .compose(release -> notifications.notifyOrganizations(db, List.of(c.award().leadOrganizationId()),
              "delivery_funding", postingId, "已登记资金拨付 " + amount + " 万元：" + c.posting().title(),
              "里程碑：" + mc.milestone().title(), link(postingId)).map(release))
          .compose(release -> alsoInTransaction.run(db, release).map(release)));
    });
  }

  // ---- late milestones -------------------------------------------------------------------------------------------

  /**
   * Notifies the lead and the issuer of each milestone that has become late (逾期), once: the milestone is claimed
   * by a conditional update, so replicas running this at the same time never both notify. Answers how many.
   */
  public Future<Integer> notifyLate() {
    return pool.withTransaction(db -> repository.claimLate(db, today(), OffsetDateTime.now(clock))
        .compose(late -> {
          Future<Void> chain = Future.succeededFuture();
          for (DeliveryRepository.LateMilestone m : late) {
            chain = chain.compose(ok -> repository.leadOf(db, m.applicationId()))
                .compose(lead -> notifications.notifyOrganizations(db, List.of(m.issuerOrganizationId(), lead),
                    "delivery_late", m.postingId(), "里程碑已逾期：" + m.title() + "（" + m.callTitle() + "）",
                    "到期日 " + m.dueDate() + "，请尽快提交进展报告或与对方沟通。", link(m.postingId())))
                .compose(ok -> audit.record(db, null, "delivery.milestone.late", "delivery", m.postingId(),
                    new JsonObject().put("milestoneId", m.id()).put("milestone", m.title())
                        .put("dueDate", m.dueDate().toString())));
          }
          return chain.map(late.size());
        }));
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private record MilestoneContext(Milestone milestone, Context context) {
  }

  private Future<Context> context(Optional<CurrentUser> user, long postingId) {
    return postings.get(user, postingId).compose(posting -> {
      if (!"challenge".equals(posting.kind())) {
        return Future.failedFuture(ApiException.notFound("交付计划"));
      }
      return repository.award(pool, postingId).map(award -> new Context(posting,
          award.orElseThrow(() -> ApiException.notFound("交付计划"))));
    });
  }

  private Future<MilestoneContext> milestoneContext(CurrentUser user, long milestoneId) {
    return repository.milestone(pool, milestoneId)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("里程碑")))
        .compose(m -> context(Optional.of(user), m.postingId()).map(c -> new MilestoneContext(m, c)));
  }

  private Future<MilestoneReport> storeEvidence(SqlClient db, MilestoneReport report, List<EvidenceFile> files) {
    Future<List<Evidence>> chain = Future.succeededFuture(new ArrayList<>());
    for (EvidenceFile file : files) {
      chain = chain.compose(list -> repository.insertEvidence(db, report.id(), file).map(e -> {
        list.add(e);
        return list;
      }));
    }
    return chain.map(report::withEvidence);
  }

  private static void requireLead(CurrentUser user, Context c) {
    if (!c.award().isLead(user)) {
      throw ApiException.forbidden("只有揭榜牵头单位可以编制交付计划和提交进展报告");
    }
  }

  private static void requireIssuer(CurrentUser user, Context c) {
    if (!user.belongsTo(c.posting().organizationId())) {
      throw ApiException.forbidden("只有发榜单位可以确认交付计划、审核进展报告和登记资金拨付");
    }
  }

  private static void requireState(Posting posting, Set<String> allowed, String refusal) {
    if (!allowed.contains(posting.status())) {
      throw ApiException.conflict(refused(posting.status(), refusal));
    }
  }

  /** The call's state read under a share lock inside the transaction, so it cannot move until the write commits. */
  private Future<Void> lockedState(SqlClient db, long postingId, Set<String> allowed, String refusal) {
    return repository.lockPostingStatus(db, postingId).compose(status -> allowed.contains(status)
        ? Future.succeededFuture() : Future.failedFuture(ApiException.conflict(refused(status, refusal))));
  }

  private static String refused(String status, String refusal) {
    return "榜单当前为「" + PostingStatus.label("challenge", status) + "」，" + refusal;
  }

  private static void requireReportable(Milestone m) {
    if (Milestone.REPORTED.equals(m.status())) {
      throw ApiException.conflict("该里程碑的进展报告正在等待发榜单位审核");
    }
    if (Milestone.ACCEPTED.equals(m.status())) {
      throw ApiException.conflict("该里程碑已通过确认，不能再提交进展报告");
    }
  }

  private static ApiException stale() {
    return ApiException.conflict("交付计划已被他人修改，请刷新后重试");
  }

  private static Integer versionOf(JsonObject body) {
    Validator v = new Validator(body);
    Integer version = v.version("version");
    v.throwIfInvalid();
    return version;
  }

  /** The milestones of a plan, validated; a problem of one is named {@code milestones[i].field}. */
  private List<MilestoneInput> milestones(JsonObject body, long awardedWan) {
    Map<String, String> errors = new LinkedHashMap<>();
    Object raw = body.getValue("milestones");
    if (!(raw instanceof JsonArray array)) {
      throw ApiException.validation(Map.of("milestones", raw == null ? "必填" : "必须是列表"));
    }
    if (array.isEmpty() || array.size() > MAX_MILESTONES) {
      throw ApiException.validation(Map.of("milestones", "交付计划应有 1 到 " + MAX_MILESTONES + " 个里程碑"));
    }
    LocalDate today = today();
    List<MilestoneInput> list = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        errors.put("milestones[" + i + "]", "必须是对象");
        continue;
      }
      Validator v = new Validator(item);
      String title = v.title("title", true, 2, 100);
      LocalDate due = v.date("dueDate", true);
      v.check(due == null || due.isAfter(today), "dueDate", "到期日必须晚于今天");
      v.check(due == null || !due.isAfter(today.plusYears(MAX_YEARS_AHEAD)), "dueDate", "到期日不能晚于 5 年后");
      String deliverable = v.text("deliverable", true, 2, 500);
      v.check(item.getValue("fundingWan") != null, "fundingWan", "必填");
      long funding = v.wholeNumber("fundingWan", 0, 0, Math.max(0, awardedWan));
      int index = i;
      v.errors().forEach((field, message) -> errors.put("milestones[" + index + "]." + field, message));
      list.add(new MilestoneInput(title, due, deliverable, funding));
    }
    long total = list.stream().mapToLong(MilestoneInput::fundingWan).sum();
    if (errors.isEmpty() && total > awardedWan) {
      errors.put("milestones", "各里程碑资金合计 " + total + " 万元，超过揭榜支持资金 " + awardedWan + " 万元");
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return list;
  }

  /** Measured values against the call's 考核指标: each a requirement of the call, at most once; blank values dropped. */
  private static JsonArray indicators(Object raw, List<String> requirements, Validator v) {
    JsonArray out = new JsonArray();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof JsonArray array)) {
      v.check(false, "indicators", "必须是列表");
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        v.check(false, "indicators", "第 " + (i + 1) + " 项：必须是对象");
        continue;
      }
      Validator one = new Validator(item);
      String requirement = one.line("requirement", true, 1, 200);
      String value = one.line("value", false, 0, 200);
      one.check(requirements.contains(requirement), "requirement", "「" + requirement + "」不是本榜单的考核指标");
      one.check(seen.add(requirement), "requirement", "同一考核指标只能填写一次");
      if (!one.errors().isEmpty()) {
        v.check(false, "indicators", "第 " + (i + 1) + " 项：" + one.errors().values().iterator().next());
      } else if (!value.isEmpty()) {
        out.add(new JsonObject().put("requirement", requirement).put("value", value));
      }
    }
    return out;
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  static String link(long postingId) {
    return "/postings/" + postingId + "/delivery";
  }
}
