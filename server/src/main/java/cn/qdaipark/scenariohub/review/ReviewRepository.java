package cn.qdaipark.scenariohub.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
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

  public record ScoreInput(String criterion, int score, String comment) {
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
