package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The acceptance rounds of calls, their panels and scores, and the buyers' acceptances of demands. */
public final class AcceptanceRepository {
  private static final String ROUND = "SELECT r.id, r.posting_id, r.round_no, r.status, r.outcome, r.findings, r.summary, "
      + "r.opened_at, r.concluded_at FROM acceptance_rounds r ";
  private static final String BY_ID = ROUND + "WHERE r.id = #{id}";
  private static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE";
  private static final String OF_POSTING = ROUND + "WHERE r.posting_id = #{posting} ORDER BY r.round_no";
  private static final String LATEST = ROUND + "WHERE r.posting_id = #{posting} ORDER BY r.round_no DESC LIMIT 1";
  private static final String OPEN = "INSERT INTO acceptance_rounds (posting_id, round_no) SELECT #{posting}, "
      + "COALESCE(max(round_no), 0) + 1 FROM acceptance_rounds WHERE posting_id = #{posting} RETURNING id";
  private static final String CONCLUDE = "UPDATE acceptance_rounds SET status = 'concluded', outcome = #{outcome}, "
      + "findings = #{findings}, summary = #{summary}, concluded_at = now(), concluded_by = #{user} "
      + "WHERE id = #{id} AND status = 'open' RETURNING id";
  private static final String PANEL = "SELECT m.user_id, u.display_name, u.organization_id, o.name AS organization, "
      + "m.appointed_at, m.recusal_reason, m.recused_at, "
      + "(SELECT max(s.scored_at) FROM acceptance_scores s WHERE s.round_id = m.round_id AND s.user_id = m.user_id) "
      + "AS scored_at FROM acceptance_panel m JOIN users u ON u.id = m.user_id "
      + "LEFT JOIN organizations o ON o.id = u.organization_id WHERE m.round_id = #{round} ORDER BY m.appointed_at, m.user_id";
  private static final String APPOINT = "INSERT INTO acceptance_panel (round_id, user_id, appointed_by) "
      + "VALUES (#{round}, #{user}, #{by}) ON CONFLICT DO NOTHING RETURNING user_id";
  private static final String RECUSE = "UPDATE acceptance_panel SET recusal_reason = #{reason}, recused_at = now() "
      + "WHERE round_id = #{round} AND user_id = #{user} AND recused_at IS NULL RETURNING user_id";
  private static final String CANDIDATE = "SELECT u.role, o.verified FROM users u LEFT JOIN organizations o "
      + "ON o.id = u.organization_id WHERE u.id = #{user}";
  private static final String USER_ORG = "SELECT organization_id FROM users WHERE id = #{user}";
  private static final String CONSORTIUM = "SELECT a.lead_org_id AS org FROM applications a "
      + "WHERE a.posting_id = #{posting} AND a.status = 'awarded' UNION SELECT ap.organization_id FROM application_partners ap "
      + "JOIN applications a ON a.id = ap.application_id WHERE a.posting_id = #{posting} AND a.status = 'awarded'";
  private static final String CLEAR_SCORES = "DELETE FROM acceptance_scores WHERE round_id = #{round} AND user_id = #{user}";
  private static final String INSERT_SCORE = "INSERT INTO acceptance_scores (round_id, user_id, requirement, verdict, comment) "
      + "VALUES (#{round}, #{user}, #{requirement}, #{verdict}, #{comment})";
  private static final String SCORES = "SELECT s.user_id, s.requirement, s.verdict, s.comment FROM acceptance_scores s "
      + "WHERE s.round_id = #{round} ORDER BY s.user_id, s.requirement";
  private static final String MINE = "SELECT r.id, r.round_no, r.status, r.outcome, p.id AS posting_id, p.title, "
      + "m.recused_at IS NOT NULL AS recused, "
      + "EXISTS (SELECT 1 FROM acceptance_scores s WHERE s.round_id = r.id AND s.user_id = m.user_id) AS scored "
      + "FROM acceptance_panel m JOIN acceptance_rounds r ON r.id = m.round_id JOIN postings p ON p.id = r.posting_id "
      + "WHERE m.user_id = #{user} ORDER BY (r.status = 'open') DESC, r.opened_at DESC";
  private static final String INSERT_DEMAND = "INSERT INTO demand_acceptances (posting_id, response_id, items, conclusion, "
      + "summary, submitted_by) VALUES (#{posting}, #{response}, #{items}, #{conclusion}, #{summary}, #{user}) RETURNING id";
  private static final String DEMAND_OF_POSTING = "SELECT d.id, d.posting_id, d.response_id, d.items, d.conclusion, "
      + "d.summary, d.created_at FROM demand_acceptances d WHERE d.posting_id = #{posting} ORDER BY d.created_at, d.id";
  private static final String DEMAND_PASSED = "SELECT 1 FROM demand_acceptances WHERE posting_id = #{posting} "
      + "AND conclusion = 'passed'";

  public Future<Optional<AcceptanceRound>> round(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(AcceptanceRound::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  /** The round, locked until the transaction ends: two conclusions of it run one after the other. */
  public Future<Optional<AcceptanceRound>> roundForUpdate(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID_FOR_UPDATE).mapTo(AcceptanceRound::fromRow).execute(Map.of("id", id))
        .map(Rows::first);
  }

  public Future<List<AcceptanceRound>> rounds(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, OF_POSTING).mapTo(AcceptanceRound::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  public Future<Optional<AcceptanceRound>> latest(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, LATEST).mapTo(AcceptanceRound::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::first);
  }

  /** Opens the next round of the call (1, 2, …). */
  public Future<Long> open(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, OPEN).execute(Map.of("posting", postingId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Concludes the round if it is still open; false when someone concluded it first. */
  public Future<Boolean> conclude(SqlClient db, long id, String outcome, PanelVerdict verdict, String summary, long userId) {
    return SqlTemplate.forQuery(db, CONCLUDE).execute(Map.of("id", id, "outcome", outcome, "findings", verdict.toJson(),
        "summary", summary, "user", userId)).map(rows -> rows.size() == 1);
  }

  public Future<List<PanelMember>> panel(SqlClient db, long roundId) {
    return SqlTemplate.forQuery(db, PANEL).mapTo(PanelMember::fromRow).execute(Map.of("round", roundId)).map(Rows::all);
  }

  /** Appoints a member; false when already on the panel. */
  public Future<Boolean> appoint(SqlClient db, long roundId, long userId, long by) {
    return SqlTemplate.forQuery(db, APPOINT).execute(Map.of("round", roundId, "user", userId, "by", by))
        .map(rows -> rows.size() == 1);
  }

  /** Records a member's recusal; false when the member had already recused. */
  public Future<Boolean> recuse(SqlClient db, long roundId, long userId, String reason) {
    return SqlTemplate.forQuery(db, RECUSE).execute(Map.of("round", roundId, "user", userId, "reason", reason))
        .map(rows -> rows.size() == 1);
  }

  /** Who a prospective member is: the role and whether the organization is verified; empty when no such user. */
  public Future<Optional<Candidate>> candidate(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, CANDIDATE).execute(Map.of("user", userId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new Candidate(row.getString("role"), Boolean.TRUE.equals(row.getBoolean("verified"))));
    });
  }

  public record Candidate(String role, boolean verifiedOrganization) {
  }

  public Future<Optional<Long>> organizationOf(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, USER_ORG).execute(Map.of("user", userId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.ofNullable(it.next().getLong("organization_id")) : Optional.empty();
    });
  }

  /** The organizations of the awarded consortium: every lead and every listed partner of an awarded application. */
  public Future<List<Long>> consortium(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, CONSORTIUM).execute(Map.of("posting", postingId)).map(rows -> {
      List<Long> list = new ArrayList<>();
      rows.forEach(row -> list.add(row.getLong("org")));
      return list;
    });
  }

  /** Replaces one member's verdicts in a round. */
  public Future<Void> replaceScores(SqlClient db, long roundId, long userId, List<Score> scores) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (Score s : scores) {
      Map<String, Object> p = new HashMap<>();
      p.put("round", roundId);
      p.put("user", userId);
      p.put("requirement", s.requirement());
      p.put("verdict", s.verdict());
      p.put("comment", s.comment());
      batch.add(p);
    }
    return SqlTemplate.forUpdate(db, CLEAR_SCORES).execute(Map.of("round", roundId, "user", userId))
        .compose(done -> SqlTemplate.forUpdate(db, INSERT_SCORE).executeBatch(batch))
        .mapEmpty();
  }

  public Future<List<Score>> scores(SqlClient db, long roundId) {
    return SqlTemplate.forQuery(db, SCORES).execute(Map.of("round", roundId)).map(rows -> {
      List<Score> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Score(row.getLong("user_id"), row.getString("requirement"),
          row.getString("verdict"), row.getString("comment"))));
      return list;
    });
  }

  /** A round on a panel member's list (待我验收). */
  public record Assignment(long roundId, int roundNo, String status, String outcome, long postingId, String title,
                           boolean recused, boolean scored) {
    public JsonObject toJson() {
      return new JsonObject().put("roundId", roundId).put("roundNo", roundNo).put("status", status)
          .put("outcome", outcome).put("postingId", postingId).put("title", title).put("recused", recused)
          .put("scored", scored).put("link", "/acceptances/" + roundId);
    }
  }

  public Future<List<Assignment>> assignmentsOf(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, MINE).execute(Map.of("user", userId)).map(rows -> {
      List<Assignment> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Assignment(row.getLong("id"), row.getInteger("round_no"), row.getString("status"),
          row.getString("outcome"), row.getLong("posting_id"), row.getString("title"), row.getBoolean("recused"),
          row.getBoolean("scored"))));
      return list;
    });
  }

  public Future<Long> insertDemandAcceptance(SqlClient db, long postingId, long responseId, DemandAcceptance.Input in,
                                             long userId) {
    return SqlTemplate.forQuery(db, INSERT_DEMAND).execute(Map.of("posting", postingId, "response", responseId,
            "items", in.itemsJson(), "conclusion", in.conclusion(), "summary", in.summary(), "user", userId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<DemandAcceptance>> demandAcceptances(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, DEMAND_OF_POSTING).mapTo(DemandAcceptance::fromRow)
        .execute(Map.of("posting", postingId)).map(Rows::all);
  }

  public Future<Boolean> demandPassed(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, DEMAND_PASSED).execute(Map.of("posting", postingId)).map(rows -> rows.size() > 0);
  }
}
