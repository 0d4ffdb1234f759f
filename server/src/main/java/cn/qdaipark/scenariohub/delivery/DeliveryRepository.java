package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Delivery plans, milestones, progress reports with their evidence, and funding releases. */
public final class DeliveryRepository {
  private static final String AWARD = "SELECT a.id, a.lead_org_id, o.name AS lead, "
      + "(SELECT coalesce(array_agg(ap.organization_id ORDER BY ap.organization_id), '{}') FROM application_partners ap "
      + "WHERE ap.application_id = a.id AND ap.confirmed_at IS NOT NULL) AS partners "
      + "FROM applications a JOIN organizations o ON o.id = a.lead_org_id "
      + "WHERE a.posting_id = #{posting} AND a.status = 'awarded' ORDER BY a.id LIMIT 1";
  private static final String LOCK_POSTING = "SELECT status FROM postings WHERE id = #{posting} FOR SHARE";
  private static final String PLAN_COLUMNS = "posting_id, application_id, status, comment, proposed_at, decided_at, version";
  private static final String PLAN = "SELECT " + PLAN_COLUMNS + " FROM delivery_plans WHERE posting_id = #{posting}";
  private static final String INSERT_PLAN = "INSERT INTO delivery_plans (posting_id, application_id, status, proposed_by, "
      + "proposed_at) VALUES (#{posting}, #{application}, 'proposed', #{user}, #{at}) ON CONFLICT (posting_id) DO NOTHING "
      + "RETURNING " + PLAN_COLUMNS;
  private static final String REPROPOSE = "UPDATE delivery_plans SET status = 'proposed', comment = NULL, "
      + "proposed_by = #{user}, proposed_at = #{at}, decided_by = NULL, decided_at = NULL, version = version + 1 "
      + "WHERE posting_id = #{posting} RETURNING " + PLAN_COLUMNS;
  private static final String DECIDE_PLAN = "UPDATE delivery_plans SET status = #{status}, comment = #{comment}, "
      + "decided_by = #{user}, decided_at = #{at}, version = version + 1 WHERE posting_id = #{posting} "
      + "RETURNING " + PLAN_COLUMNS;
  private static final String DELETE_MILESTONES = "DELETE FROM milestones WHERE posting_id = #{posting}";
  private static final String INSERT_MILESTONE = "INSERT INTO milestones (posting_id, position, title, due_date, "
      + "deliverable, funding_wan) VALUES (#{posting}, #{position}, #{title}, #{due}, #{deliverable}, #{funding})";
  private static final String MILESTONE_COLUMNS = "id, posting_id, position, title, due_date, deliverable, funding_wan, status";
  private static final String MILESTONES = "SELECT " + MILESTONE_COLUMNS + " FROM milestones WHERE posting_id = #{posting} "
      + "ORDER BY position";
  private static final String MILESTONE_FOR_UPDATE = "SELECT " + MILESTONE_COLUMNS + " FROM milestones WHERE id = #{id} "
      + "FOR UPDATE";
  private static final String MILESTONE = "SELECT " + MILESTONE_COLUMNS + " FROM milestones WHERE id = #{id}";
  private static final String SET_MILESTONE_STATUS = "UPDATE milestones SET status = #{status} WHERE id = #{id}";
  private static final String REPORT_COLUMNS = "id, milestone_id, text, indicators, status, submitted_at, comment, decided_at";
  private static final String INSERT_REPORT = "INSERT INTO milestone_reports (milestone_id, text, indicators, status, "
      + "submitted_by, submitted_at) VALUES (#{milestone}, #{text}, #{indicators}, 'submitted', #{user}, #{at}) "
      + "RETURNING " + REPORT_COLUMNS;
  private static final String REPORT = "SELECT " + REPORT_COLUMNS + " FROM milestone_reports WHERE id = #{id}";
  private static final String REPORT_FOR_UPDATE = "SELECT " + REPORT_COLUMNS + " FROM milestone_reports WHERE id = #{id} "
      + "FOR UPDATE";
  private static final String DECIDE_REPORT = "UPDATE milestone_reports SET status = #{status}, comment = #{comment}, "
      + "decided_by = #{user}, decided_at = #{at} WHERE id = #{id} RETURNING " + REPORT_COLUMNS;
  private static final String REPORTS = "SELECT r.id, r.milestone_id, r.text, r.indicators, r.status, r.submitted_at, "
      + "r.comment, r.decided_at FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id "
      + "WHERE m.posting_id = #{posting} ORDER BY r.id";
  private static final String INSERT_EVIDENCE = "INSERT INTO report_evidence (report_id, file_name, content_type, size, "
      + "sha256, content) VALUES (#{report}, #{name}, #{type}, #{size}, #{sha}, #{content}) "
      + "RETURNING id, report_id, file_name, content_type, size, sha256";
  private static final String EVIDENCE_OF_CALL = "SELECT e.id, e.report_id, e.file_name, e.content_type, e.size, e.sha256 "
      + "FROM report_evidence e JOIN milestone_reports r ON r.id = e.report_id JOIN milestones m ON m.id = r.milestone_id "
      + "WHERE m.posting_id = #{posting} ORDER BY e.id";
  private static final String EVIDENCE_CONTENT = "SELECT e.id, e.report_id, e.file_name, e.content_type, e.size, e.sha256, "
      + "e.content, m.posting_id FROM report_evidence e JOIN milestone_reports r ON r.id = e.report_id "
      + "JOIN milestones m ON m.id = r.milestone_id WHERE e.id = #{id}";
  private static final String LOCK_PLAN = "SELECT " + PLAN_COLUMNS + " FROM delivery_plans WHERE posting_id = #{posting} "
      + "FOR UPDATE";
  private static final String RELEASED = "SELECT coalesce(sum(amount_wan), 0) AS total FROM funding_releases "
      + "WHERE posting_id = #{posting}";
  private static final String INSERT_RELEASE = "INSERT INTO funding_releases (posting_id, milestone_id, amount_wan, "
      + "released_on, recorded_by, recorded_at) VALUES (#{posting}, #{milestone}, #{amount}, #{on}, #{user}, #{at}) "
      + "RETURNING id, milestone_id, amount_wan, released_on, recorded_at";
  private static final String RELEASES = "SELECT id, milestone_id, amount_wan, released_on, recorded_at "
      + "FROM funding_releases WHERE posting_id = #{posting} ORDER BY released_on, id";
  private static final String UNACCEPTED = "SELECT count(*) AS n FROM milestones WHERE posting_id = #{posting} "
      + "AND status <> 'accepted'";
  private static final String CLAIM_LATE = "UPDATE milestones m SET late_notified_at = #{now} FROM delivery_plans d, postings p "
      + "WHERE d.posting_id = m.posting_id AND p.id = m.posting_id AND d.status = 'accepted' "
      + "AND p.status IN ('awarded', 'result_published', 'in_delivery') AND m.status <> 'accepted' "
      + "AND m.due_date < #{today} AND m.late_notified_at IS NULL "
      + "RETURNING m.id, m.posting_id, m.title, m.due_date, p.title AS call_title, p.organization_id, d.application_id";
  private static final String LEAD_OF_APPLICATION = "SELECT lead_org_id FROM applications WHERE id = #{id}";
  private static final String TIMELINE = "SELECT a.id, a.action, a.detail, a.created_at, u.display_name, o.name AS org "
      + "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN organizations o ON o.id = u.organization_id "
      + "WHERE a.entity = 'delivery' AND a.entity_id = #{posting} ORDER BY a.id";

  /** A milestone found past its due date by the late job, with what the notice needs. */
  public record LateMilestone(long id, long postingId, String title, LocalDate dueDate, String callTitle,
                              long issuerOrganizationId, long applicationId) {
  }

  /**
   * One delivery event of the audit log; {@code actor} and {@code organization} are null for the system. The person
   * who acted is named to the parties only; everyone else sees the organization.
   */
  public record Event(long id, String action, JsonObject detail, OffsetDateTime at, String actor, String organization) {
    public JsonObject toJson(boolean insider) {
      JsonObject shown = detail.copy();
      if (!insider) {
        shown.remove("comment");
      }
      return new JsonObject().put("action", action).put("at", at.toString()).put("actor", insider ? actor : null)
          .put("organization", organization).put("detail", shown);
    }
  }

  /** A stored evidence file with the call it belongs to. */
  public record EvidenceContent(Evidence evidence, long postingId, Buffer bytes) {
  }

  public Future<Optional<Award>> award(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, AWARD).mapTo(Award::fromRow).execute(Map.of("posting", postingId)).map(Rows::first);
  }

  /** The call's state, share-locked so that it cannot move while the caller's transaction writes. */
  public Future<String> lockPostingStatus(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, LOCK_POSTING).execute(Map.of("posting", postingId))
        .map(rows -> rows.iterator().next().getString("status"));
  }

  public Future<Optional<DeliveryPlan>> plan(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, PLAN).mapTo(DeliveryPlan::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::first);
  }

  public Future<Optional<DeliveryPlan>> lockPlan(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, LOCK_PLAN).mapTo(DeliveryPlan::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::first);
  }

  /** A first proposal; empty when another proposal was written first. */
  public Future<Optional<DeliveryPlan>> insertPlan(SqlClient db, long postingId, long applicationId, long userId,
                                                   OffsetDateTime at) {
    return SqlTemplate.forQuery(db, INSERT_PLAN).mapTo(DeliveryPlan::fromRow)
        .execute(Map.of("posting", postingId, "application", applicationId, "user", userId, "at", at)).map(Rows::first);
  }

  public Future<DeliveryPlan> repropose(SqlClient db, long postingId, long userId, OffsetDateTime at) {
    return SqlTemplate.forQuery(db, REPROPOSE).mapTo(DeliveryPlan::fromRow)
        .execute(Map.of("posting", postingId, "user", userId, "at", at)).map(rows -> rows.iterator().next());
  }

  public Future<DeliveryPlan> decidePlan(SqlClient db, long postingId, String status, String comment, long userId,
                                         OffsetDateTime at) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("status", status);
    p.put("comment", comment);
    p.put("user", userId);
    p.put("at", at);
    return SqlTemplate.forQuery(db, DECIDE_PLAN).mapTo(DeliveryPlan::fromRow).execute(p)
        .map(rows -> rows.iterator().next());
  }

  /** Replaces the milestones of a plan not yet accepted (none of them has a report or a release). */
  public Future<Void> replaceMilestones(SqlClient db, long postingId, List<MilestoneInput> milestones) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < milestones.size(); i++) {
      MilestoneInput m = milestones.get(i);
      batch.add(Map.of("posting", postingId, "position", i + 1, "title", m.title(), "due", m.dueDate(),
          "deliverable", m.deliverable(), "funding", m.fundingWan()));
    }
    return SqlTemplate.forUpdate(db, DELETE_MILESTONES).execute(Map.of("posting", postingId))
        .compose(deleted -> SqlTemplate.forUpdate(db, INSERT_MILESTONE).executeBatch(batch)).mapEmpty();
  }

  public Future<List<Milestone>> milestones(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, MILESTONES).mapTo(Milestone::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  public Future<Optional<Milestone>> milestone(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, MILESTONE).mapTo(Milestone::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  public Future<Optional<Milestone>> lockMilestone(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, MILESTONE_FOR_UPDATE).mapTo(Milestone::fromRow).execute(Map.of("id", id))
        .map(Rows::first);
  }

  public Future<Void> setMilestoneStatus(SqlClient db, long id, String status) {
    return SqlTemplate.forUpdate(db, SET_MILESTONE_STATUS).execute(Map.of("id", id, "status", status)).mapEmpty();
  }

  public Future<MilestoneReport> insertReport(SqlClient db, long milestoneId, String text, JsonArray indicators,
                                              long userId, OffsetDateTime at) {
    return SqlTemplate.forQuery(db, INSERT_REPORT).mapTo(MilestoneReport::fromRow)
        .execute(Map.of("milestone", milestoneId, "text", text, "indicators", indicators, "user", userId, "at", at))
        .map(rows -> rows.iterator().next());
  }

  public Future<Optional<MilestoneReport>> report(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, REPORT).mapTo(MilestoneReport::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  public Future<Optional<MilestoneReport>> lockReport(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, REPORT_FOR_UPDATE).mapTo(MilestoneReport::fromRow).execute(Map.of("id", id))
        .map(Rows::first);
  }

  public Future<MilestoneReport> decideReport(SqlClient db, long id, String status, String comment, long userId,
                                              OffsetDateTime at) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("status", status);
    p.put("comment", comment);
    p.put("user", userId);
    p.put("at", at);
    return SqlTemplate.forQuery(db, DECIDE_REPORT).mapTo(MilestoneReport::fromRow).execute(p)
        .map(rows -> rows.iterator().next());
  }

  /** Every report of the call with its evidence, by milestone, oldest first. */
  public Future<Map<Long, List<MilestoneReport>>> reports(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, EVIDENCE_OF_CALL).mapTo(Evidence::fromRow).execute(Map.of("posting", postingId))
        .compose(files -> {
          Map<Long, List<Evidence>> byReport = new HashMap<>();
          files.forEach(e -> byReport.computeIfAbsent(e.reportId(), k -> new ArrayList<>()).add(e));
          return SqlTemplate.forQuery(db, REPORTS).mapTo(MilestoneReport::fromRow).execute(Map.of("posting", postingId))
              .map(rows -> {
                Map<Long, List<MilestoneReport>> byMilestone = new LinkedHashMap<>();
                rows.forEach(r -> byMilestone.computeIfAbsent(r.milestoneId(), k -> new ArrayList<>())
                    .add(r.withEvidence(byReport.getOrDefault(r.id(), List.of()))));
                return byMilestone;
              });
        });
  }

  public Future<Evidence> insertEvidence(SqlClient db, long reportId, EvidenceFile file) {
    return SqlTemplate.forQuery(db, INSERT_EVIDENCE).mapTo(Evidence::fromRow)
        .execute(Map.of("report", reportId, "name", file.fileName(), "type", file.contentType(),
            "size", file.bytes().length, "sha", file.sha256(), "content", Buffer.buffer(file.bytes())))
        .map(rows -> rows.iterator().next());
  }

  public Future<Optional<EvidenceContent>> evidence(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, EVIDENCE_CONTENT).execute(Map.of("id", id)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new EvidenceContent(Evidence.fromRow(row), row.getLong("posting_id"), row.getBuffer("content")));
    });
  }

  public Future<Long> released(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, RELEASED).execute(Map.of("posting", postingId))
        .map(rows -> rows.iterator().next().getLong("total"));
  }

  public Future<FundingRelease> insertRelease(SqlClient db, long postingId, long milestoneId, long amountWan,
                                              LocalDate on, long userId, OffsetDateTime at) {
    return SqlTemplate.forQuery(db, INSERT_RELEASE).mapTo(FundingRelease::fromRow)
        .execute(Map.of("posting", postingId, "milestone", milestoneId, "amount", amountWan, "on", on, "user", userId,
            "at", at))
        .map(rows -> rows.iterator().next());
  }

  public Future<List<FundingRelease>> releases(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, RELEASES).mapTo(FundingRelease::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  public Future<Long> unacceptedMilestones(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, UNACCEPTED).execute(Map.of("posting", postingId))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Claims the milestones that became late and were not yet notified; a claimed one is never claimed again. */
  public Future<List<LateMilestone>> claimLate(SqlClient db, LocalDate today, OffsetDateTime now) {
    return SqlTemplate.forQuery(db, CLAIM_LATE).execute(Map.of("today", today, "now", now)).map(rows -> {
      List<LateMilestone> list = new ArrayList<>();
      rows.forEach(r -> list.add(new LateMilestone(r.getLong("id"), r.getLong("posting_id"), r.getString("title"),
          r.getLocalDate("due_date"), r.getString("call_title"), r.getLong("organization_id"),
          r.getLong("application_id"))));
      return list;
    });
  }

  public Future<Long> leadOf(SqlClient db, long applicationId) {
    return SqlTemplate.forQuery(db, LEAD_OF_APPLICATION).execute(Map.of("id", applicationId))
        .map(rows -> rows.iterator().next().getLong("lead_org_id"));
  }

  public Future<List<Event>> timeline(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, TIMELINE).execute(Map.of("posting", postingId)).map(rows -> {
      List<Event> list = new ArrayList<>();
      rows.forEach(r -> {
        Object detail = r.getValue("detail");
        list.add(new Event(r.getLong("id"), r.getString("action"),
            detail instanceof JsonObject json ? json : new JsonObject(String.valueOf(detail)),
            r.getOffsetDateTime("created_at"), r.getString("display_name"), r.getString("org")));
      });
      return list;
    });
  }
}
