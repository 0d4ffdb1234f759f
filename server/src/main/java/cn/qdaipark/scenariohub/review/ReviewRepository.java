package cn.qdaipark.scenariohub.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rubric, the reviewers and the scores of a call. */
public final class ReviewRepository {
  private static final String RUBRIC = "SELECT criteria FROM challenge_rubrics WHERE posting_id = #{posting}";
  private static final String SAVE_RUBRIC = "INSERT INTO challenge_rubrics (posting_id, criteria, updated_by) "
      + "VALUES (#{posting}, #{criteria}, #{user}) ON CONFLICT (posting_id) DO UPDATE SET criteria = EXCLUDED.criteria, "
      + "updated_by = EXCLUDED.updated_by, updated_at = now()";
  private static final String ADD_REVIEWER = "INSERT INTO challenge_reviewers (posting_id, user_id, assigned_by) "
      + "VALUES (#{posting}, #{user}, #{by})";
  private static final String REVIEWERS = "SELECT r.user_id, u.display_name, u.organization_id, o.name AS organization, "
      + "r.assigned_at FROM challenge_reviewers r JOIN users u ON u.id = r.user_id "
      + "LEFT JOIN organizations o ON o.id = u.organization_id WHERE r.posting_id = #{posting} ORDER BY r.assigned_at, r.user_id";
  private static final String IN_VERIFIED_ORGANIZATION = "SELECT 1 FROM users u JOIN organizations o "
      + "ON o.id = u.organization_id WHERE u.id = #{user} AND o.verified";
  private static final String ANY_SCORE = "SELECT 1 FROM review_scores s JOIN applications a ON a.id = s.application_id "
      + "WHERE a.posting_id = #{posting} LIMIT 1";
  private static final String CLEAR_SCORES = "DELETE FROM review_scores WHERE application_id = #{application} "
      + "AND reviewer_id = #{reviewer}";
  private static final String INSERT_SCORE = "INSERT INTO review_scores (application_id, reviewer_id, criterion, score, "
      + "comment) VALUES (#{application}, #{reviewer}, #{criterion}, #{score}, #{comment})";
  private static final String SCORES_OF_POSTING = "SELECT s.application_id, s.reviewer_id, s.criterion, s.score "
      + "FROM review_scores s JOIN applications a ON a.id = s.application_id WHERE a.posting_id = #{posting}";

  /**
   * Every (application, reviewer) pair of a call that the review expects or excuses: each assigned reviewer against
   * each live application that counts (not withdrawn, endorsed when needed), with the reviewer's declared recusal
   * (for that application or the whole call), the automatic conflict (the reviewer's organization is the lead or a
   * confirmed partner), and whether the reviewer has scored it. The one place the rule "who must still score" lives.
   */
  private static final String PAIRS = "SELECT r.posting_id, a.id AS application_id, r.user_id AS reviewer_id, "
      + "u.display_name AS reviewer, rr.reason AS recusal, "
      + "COALESCE(a.lead_org_id = u.organization_id OR EXISTS (SELECT 1 FROM application_partners ap "
      + "WHERE ap.application_id = a.id AND ap.organization_id = u.organization_id AND ap.confirmed_at IS NOT NULL), false) "
      + "AS conflicted, EXISTS (SELECT 1 FROM review_scores s WHERE s.application_id = a.id AND s.reviewer_id = r.user_id) "
      + "AS scored FROM challenge_reviewers r JOIN users u ON u.id = r.user_id "
      + "JOIN applications a ON a.posting_id = r.posting_id AND a.status <> 'withdrawn' "
      + "AND a.endorsement NOT IN ('pending', 'declined') "
      + "LEFT JOIN LATERAL (SELECT x.reason FROM review_recusals x WHERE x.posting_id = r.posting_id "
      + "AND x.reviewer_id = r.user_id AND (x.application_id IS NULL OR x.application_id = a.id) "
      + "ORDER BY x.application_id NULLS FIRST LIMIT 1) rr ON true ";
  private static final String PAIRS_OF_POSTING = PAIRS + "WHERE r.posting_id = #{posting} ORDER BY a.id, r.assigned_at, r.user_id";
  private static final String MINE = "SELECT p.id, p.title, p.status, p.deadline, r.assigned_at, "
      + "count(x.application_id) FILTER (WHERE x.recusal IS NULL AND NOT x.conflicted) AS to_score, "
      + "count(x.application_id) FILTER (WHERE x.recusal IS NULL AND NOT x.conflicted AND x.scored) AS scored, "
      + "count(x.application_id) FILTER (WHERE x.recusal IS NOT NULL OR x.conflicted) AS excused, "
      + "EXISTS (SELECT 1 FROM review_recusals w WHERE w.posting_id = p.id AND w.reviewer_id = r.user_id "
      + "AND w.application_id IS NULL) AS recused "
      + "FROM challenge_reviewers r JOIN postings p ON p.id = r.posting_id "
      + "LEFT JOIN (" + PAIRS + "WHERE r.user_id = #{user}) x ON x.posting_id = r.posting_id "
      + "WHERE r.user_id = #{user} GROUP BY p.id, r.user_id, r.assigned_at "
      + "ORDER BY (p.status = 'review') DESC, p.deadline NULLS LAST, p.id DESC";
  private static final String RECUSE = "INSERT INTO review_recusals (posting_id, application_id, reviewer_id, reason) "
      + "VALUES (#{posting}, #{application}, #{reviewer}, #{reason}) ON CONFLICT DO NOTHING RETURNING id";
  private static final String RECUSALS = "SELECT x.reviewer_id, u.display_name AS reviewer, x.application_id, x.reason, "
      + "x.created_at FROM review_recusals x JOIN users u ON u.id = x.reviewer_id WHERE x.posting_id = #{posting} "
      + "ORDER BY x.created_at, x.id";

  public record ScoreInput(String criterion, int score, String comment) {
  }

  /** One (application, reviewer) pair of {@link #PAIRS}: expected to score unless recused or conflicted. */
  public record Pair(long applicationId, long reviewerId, String reviewer, String recusal, boolean conflicted,
                     boolean scored) {
    public boolean expected() {
      return recusal == null && !conflicted;
    }
  }

  /** A call on a reviewer's 待我评审 list: scored of toScore applications; excused ones are recused or conflicted. */
  public record Assignment(long postingId, String title, String status, LocalDate deadline, long toScore,
                           long scored, long excused, boolean recused) {
    public JsonObject toJson() {
      return new JsonObject().put("postingId", postingId).put("title", title).put("status", status)
          .put("deadline", deadline == null ? null : deadline.toString()).put("toScore", toScore).put("scored", scored)
          .put("excused", excused).put("recusedFromCall", recused).put("complete", scored >= toScore)
          .put("link", "/postings/" + postingId + "/score");
    }
  }

  /** A declared recusal: for one application, or the whole call when the application is null. */
  public record Recusal(long reviewerId, String reviewer, Long applicationId, String reason, String at) {
    public JsonObject toJson() {
      return new JsonObject().put("reviewerId", reviewerId).put("reviewer", reviewer)
          .put("applicationId", applicationId).put("reason", reason).put("createdAt", at);
    }
  }

  public Future<Optional<Rubric>> rubric(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, RUBRIC).execute(Map.of("posting", postingId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Rubric.fromJson((JsonArray) it.next().getJson("criteria"))) : Optional.empty();
    });
  }

  public Future<Void> saveRubric(SqlClient db, long postingId, Rubric rubric, long userId) {
    return SqlTemplate.forUpdate(db, SAVE_RUBRIC)
        .execute(Map.of("posting", postingId, "criteria", rubric.toJson(), "user", userId)).mapEmpty();
  }

  public Future<Void> addReviewer(SqlClient db, long postingId, long userId, long assignedBy) {
    return SqlTemplate.forUpdate(db, ADD_REVIEWER).execute(Map.of("posting", postingId, "user", userId, "by", assignedBy))
        .mapEmpty();
  }

  public Future<JsonArray> reviewers(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, REVIEWERS).execute(Map.of("posting", postingId)).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row row : rows) {
        list.add(new JsonObject()
            .put("userId", row.getLong("user_id"))
            .put("displayName", row.getString("display_name"))
            .put("organizationId", row.getLong("organization_id"))
            .put("organization", row.getString("organization"))
            .put("assignedAt", row.getOffsetDateTime("assigned_at").toString()));
      }
      return list;
    });
  }

  /** Whether the user belongs to an organization the platform has verified. */
  public Future<Boolean> inVerifiedOrganization(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, IN_VERIFIED_ORGANIZATION).execute(Map.of("user", userId)).map(rows -> rows.size() > 0);
  }

  public Future<List<Pair>> pairs(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, PAIRS_OF_POSTING).execute(Map.of("posting", postingId)).map(rows -> {
      List<Pair> pairs = new ArrayList<>();
      for (Row row : rows) {
        pairs.add(new Pair(row.getLong("application_id"), row.getLong("reviewer_id"), row.getString("reviewer"),
            row.getString("recusal"), row.getBoolean("conflicted"), row.getBoolean("scored")));
      }
      return pairs;
    });
  }

  public Future<List<Assignment>> assignmentsOf(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, MINE).execute(Map.of("user", userId)).map(rows -> {
      List<Assignment> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new Assignment(row.getLong("id"), row.getString("title"), row.getString("status"),
            row.getLocalDate("deadline"), row.getLong("to_score"), row.getLong("scored"), row.getLong("excused"),
            row.getBoolean("recused")));
      }
      return list;
    });
  }

  /** Records a recusal; false when the reviewer had already recused from it. */
  public Future<Boolean> recuse(SqlClient db, long postingId, Long applicationId, long reviewerId, String reason) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("application", applicationId);
    p.put("reviewer", reviewerId);
    p.put("reason", reason);
    return SqlTemplate.forQuery(db, RECUSE).execute(p).map(rows -> rows.size() == 1);
  }

  public Future<List<Recusal>> recusals(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, RECUSALS).execute(Map.of("posting", postingId)).map(rows -> {
      List<Recusal> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new Recusal(row.getLong("reviewer_id"), row.getString("reviewer"), row.getLong("application_id"),
            row.getString("reason"), row.getOffsetDateTime("created_at").toString()));
      }
      return list;
    });
  }

  public Future<Boolean> anyScore(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, ANY_SCORE).execute(Map.of("posting", postingId)).map(rows -> rows.size() > 0);
  }

  /** Replaces one reviewer's scores of one application. */
  public Future<Void> replaceScores(SqlClient db, long applicationId, long reviewerId, List<ScoreInput> scores) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (ScoreInput s : scores) {
      Map<String, Object> p = new HashMap<>();
      p.put("application", applicationId);
      p.put("reviewer", reviewerId);
      p.put("criterion", s.criterion());
      p.put("score", (short) s.score());
      p.put("comment", s.comment());
      batch.add(p);
    }
    return SqlTemplate.forUpdate(db, CLEAR_SCORES).execute(Map.of("application", applicationId, "reviewer", reviewerId))
        .compose(done -> SqlTemplate.forUpdate(db, INSERT_SCORE).executeBatch(batch))
        .mapEmpty();
  }

  public Future<List<ReviewTable.Score>> scoresOfPosting(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, SCORES_OF_POSTING).execute(Map.of("posting", postingId)).map(rows -> {
      List<ReviewTable.Score> scores = new ArrayList<>();
      for (Row row : rows) {
        scores.add(new ReviewTable.Score(row.getLong("application_id"), row.getLong("reviewer_id"),
            row.getString("criterion"), row.getShort("score")));
      }
      return scores;
    });
  }
}
