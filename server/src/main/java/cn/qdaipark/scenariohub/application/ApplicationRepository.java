package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class ApplicationRepository {
  private static final String SELECT = "SELECT a.id, a.posting_id, p.title AS posting_title, p.organization_id AS posting_org_id, "
      + "a.lead_org_id, o.name AS lead_name, a.status, a.proposal, a.solution_ids, a.created_at, a.updated_at, a.version, "
      + "a.endorsement, a.endorser_org_id, a.endorsement_note "
      + "FROM applications a JOIN organizations o ON o.id = a.lead_org_id JOIN postings p ON p.id = a.posting_id ";
  private static final String BY_ID = SELECT + "WHERE a.id = #{id}";
  // Partners are added under this lock, so that two at once cannot make a sixth member.
  private static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE OF a";
  private static final String BY_POSTING = SELECT + "WHERE a.posting_id = #{posting} AND (#{all} "
      + "OR a.lead_org_id = #{org} OR EXISTS (SELECT 1 FROM application_partners ap "
      + "WHERE ap.application_id = a.id AND ap.organization_id = #{org})) "
      + "AND (#{withdrawn} OR a.status <> 'withdrawn') ORDER BY a.id";
  private static final String BY_ENDORSER = SELECT + "WHERE a.endorser_org_id = #{org} AND a.endorsement = #{state} "
      + "AND a.status <> 'withdrawn' ORDER BY a.id LIMIT 200";
  private static final String LIVE_OF_LEAD = "SELECT id FROM applications WHERE posting_id = #{posting} "
      + "AND lead_org_id = #{org} AND status <> 'withdrawn'";
  private static final String INSERT = "INSERT INTO applications (posting_id, lead_org_id, submitted_by, status, proposal, "
      + "solution_ids) VALUES (#{posting}, #{org}, #{user}, 'submitted', #{proposal}, #{solutions}) RETURNING id";
  private static final String UPDATE = "UPDATE applications SET proposal = #{proposal}, solution_ids = #{solutions}, "
      + "updated_at = now(), version = version + 1 WHERE id = #{id} AND version = #{version} RETURNING id";
  private static final String SET_STATUS = "UPDATE applications SET status = #{to}, updated_at = now(), "
      + "version = version + 1 WHERE id = #{id} AND status = #{from} RETURNING id";
  private static final String CLOSE_OTHERS = "WITH closed AS (UPDATE applications SET status = 'not_awarded', "
      + "updated_at = now(), version = version + 1 WHERE posting_id = #{posting} "
      + "AND status IN ('submitted', 'shortlisted') RETURNING id, lead_org_id) "
      + "SELECT lead_org_id AS org FROM closed UNION "
      + "SELECT ap.organization_id FROM application_partners ap JOIN closed c ON c.id = ap.application_id "
      + "WHERE ap.confirmed_at IS NOT NULL";
  private static final String COUNT_IN_STATUS = "SELECT count(*) AS n FROM applications "
      + "WHERE posting_id = #{posting} AND status = #{status}";
  private static final String PARTNERS = "SELECT ap.application_id, ap.organization_id, o.name, ap.invited_at, "
      + "ap.confirmed_at, ap.declined_at, ap.decline_reason FROM application_partners ap JOIN organizations o ON o.id = ap.organization_id "
      + "WHERE ap.application_id = ANY(#{ids}) ORDER BY ap.invited_at, ap.organization_id";
  /** A new invitation; inviting a partner that declined invites it afresh, any other existing one is a conflict. */
  private static final String ADD_PARTNER = "INSERT INTO application_partners (application_id, organization_id) "
      + "VALUES (#{application}, #{org}) ON CONFLICT (application_id, organization_id) DO UPDATE SET invited_at = now(), "
      + "declined_at = NULL, declined_by = NULL, decline_reason = NULL "
      + "WHERE application_partners.declined_at IS NOT NULL RETURNING application_id";
  private static final String CONFIRM_PARTNER = "UPDATE application_partners SET confirmed_at = now(), "
      + "confirmed_by = #{user} WHERE application_id = #{application} AND organization_id = #{org} "
      + "AND confirmed_at IS NULL AND declined_at IS NULL RETURNING application_id";
  private static final String DECLINE_PARTNER = "UPDATE application_partners SET declined_at = now(), "
      + "declined_by = #{user}, decline_reason = #{reason} WHERE application_id = #{application} "
      + "AND organization_id = #{org} AND confirmed_at IS NULL AND declined_at IS NULL RETURNING application_id";
  private static final String IS_REVIEWER = "SELECT 1 FROM challenge_reviewers WHERE posting_id = #{posting} "
      + "AND user_id = #{user}";

  public Future<Optional<Application>> findById(SqlClient db, long id) {
    return one(db, BY_ID, id);
  }

  public Future<Optional<Application>> findByIdForUpdate(SqlClient db, long id) {
    return one(db, BY_ID_FOR_UPDATE, id);
  }

  /** The applications to a call: all of them, or those the organization leads or joins; withdrawn ones optionally. */
  public Future<List<Application>> listForPosting(SqlClient db, long postingId, boolean all, Long orgId,
                                                  boolean withdrawn) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("all", all);
    p.put("org", orgId == null ? -1L : orgId);
    p.put("withdrawn", withdrawn);
    return SqlTemplate.forQuery(db, BY_POSTING).mapTo(Application::fromRow).execute(p).map(Rows::all)
        .compose(list -> withPartners(db, list));
  }

  /** The live applications waiting for (or decided by) an endorsing organization, oldest first. */
  public Future<List<Application>> listByEndorser(SqlClient db, long orgId, String state) {
    return SqlTemplate.forQuery(db, BY_ENDORSER).mapTo(Application::fromRow).execute(Map.of("org", orgId, "state", state))
        .map(Rows::all).compose(list -> withPartners(db, list));
  }

  public Future<Boolean> hasLiveApplication(SqlClient db, long postingId, long orgId) {
    return SqlTemplate.forQuery(db, LIVE_OF_LEAD).execute(Map.of("posting", postingId, "org", orgId))
        .map(rows -> rows.size() > 0);
  }

  public Future<Long> insert(SqlClient db, long postingId, long orgId, long userId, JsonObject proposal,
                             List<Long> solutionIds) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("org", orgId);
    p.put("user", userId);
    p.put("proposal", proposal);
    p.put("solutions", solutionIds.toArray(Long[]::new));
    return SqlTemplate.forQuery(db, INSERT).execute(p).map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Replaces the proposal if the version still matches; false when someone else saved first. */
  public Future<Boolean> update(SqlClient db, long id, int version, JsonObject proposal, List<Long> solutionIds) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("version", version);
    p.put("proposal", proposal);
    p.put("solutions", solutionIds.toArray(Long[]::new));
    return SqlTemplate.forQuery(db, UPDATE).execute(p).map(rows -> rows.size() == 1);
  }

  public Future<Boolean> setStatus(SqlClient db, long id, String from, String to) {
    return SqlTemplate.forQuery(db, SET_STATUS).execute(Map.of("id", id, "from", from, "to", to))
        .map(rows -> rows.size() == 1);
  }

  /**
   * Every application of the call still in the running becomes not awarded (the result is out, or 流榜); answers
   * their member organizations, as {@link Application#memberOrganizations()} counts them (lead and confirmed partners).
   */
  public Future<List<Long>> closeOthers(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, CLOSE_OTHERS).mapTo(row -> row.getLong("org")).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  public Future<Long> countInStatus(SqlClient db, long postingId, String status) {
    return SqlTemplate.forQuery(db, COUNT_IN_STATUS).execute(Map.of("posting", postingId, "status", status))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Invites a partner; false when it is already invited or confirmed (and did not decline). */
  public Future<Boolean> addPartner(SqlClient db, long applicationId, long orgId) {
    return SqlTemplate.forQuery(db, ADD_PARTNER).execute(Map.of("application", applicationId, "org", orgId))
        .map(rows -> rows.size() == 1);
  }

  /** Records a partner's refusal; false when it had confirmed or declined already. */
  public Future<Boolean> declinePartner(SqlClient db, long applicationId, long orgId, long userId, String reason) {
    Map<String, Object> p = new HashMap<>();
    p.put("application", applicationId);
    p.put("org", orgId);
    p.put("user", userId);
    p.put("reason", reason);
    return SqlTemplate.forQuery(db, DECLINE_PARTNER).execute(p).map(rows -> rows.size() == 1);
  }

  /** Confirms a partner's participation; false when it was confirmed already. */
  public Future<Boolean> confirmPartner(SqlClient db, long applicationId, long orgId, long userId) {
    return SqlTemplate.forQuery(db, CONFIRM_PARTNER)
        .execute(Map.of("application", applicationId, "org", orgId, "user", userId))
        .map(rows -> rows.size() == 1);
  }

  public Future<Boolean> isReviewer(SqlClient db, long postingId, long userId) {
    return SqlTemplate.forQuery(db, IS_REVIEWER).execute(Map.of("posting", postingId, "user", userId))
        .map(rows -> rows.size() > 0);
  }

  private Future<Optional<Application>> one(SqlClient db, String sql, long id) {
    return SqlTemplate.forQuery(db, sql).mapTo(Application::fromRow).execute(Map.of("id", id)).map(Rows::all)
        .compose(list -> withPartners(db, list))
        .map(list -> list.stream().findFirst());
  }

  private Future<List<Application>> withPartners(SqlClient db, List<Application> list) {
    if (list.isEmpty()) {
      return Future.succeededFuture(list);
    }
    Collection<Long> ids = list.stream().map(Application::id).toList();
    return SqlTemplate.forQuery(db, PARTNERS).execute(Map.of("ids", ids.toArray(Long[]::new))).map(rows -> {
      Map<Long, List<Application.Partner>> byApplication = new LinkedHashMap<>();
      rows.forEach(row -> byApplication.computeIfAbsent(row.getLong("application_id"), k -> new ArrayList<>())
          .add(Application.Partner.fromRow(row)));
      return list.stream().map(a -> a.withPartners(byApplication.getOrDefault(a.id(), List.of()))).toList();
    });
  }
}
