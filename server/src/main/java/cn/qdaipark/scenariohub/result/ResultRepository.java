package cn.qdaipark.scenariohub.result;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Published results (公示) of calls, their winners, and the objections (异议) filed against them. */
public final class ResultRepository {
  private static final String SAVE_RESULT = "INSERT INTO challenge_results (posting_id, published_at, objection_until) "
      + "VALUES (#{posting}, #{published}, #{until}) ON CONFLICT (posting_id) DO UPDATE SET "
      + "published_at = EXCLUDED.published_at, objection_until = EXCLUDED.objection_until";
  private static final String RESULT = "SELECT published_at, objection_until FROM challenge_results WHERE posting_id = #{posting}";
  private static final String RESULTS = "SELECT count(*) OVER () AS total, p.id, p.title, p.domain, p.budget_wan, p.status, "
      + "p.organization_id, o.name AS issuer, r.published_at, r.objection_until FROM challenge_results r "
      + "JOIN postings p ON p.id = r.posting_id JOIN organizations o ON o.id = p.organization_id "
      + "WHERE p.status = ANY(#{states}) ORDER BY r.published_at DESC, p.id DESC LIMIT #{limit} OFFSET #{offset}";
  private static final String WINNERS = "SELECT a.id, a.posting_id, a.lead_org_id, o.name AS lead, "
      + "(SELECT coalesce(array_agg(po.name ORDER BY po.name), '{}') FROM application_partners ap "
      + "JOIN organizations po ON po.id = ap.organization_id "
      + "WHERE ap.application_id = a.id AND ap.confirmed_at IS NOT NULL) AS partners, "
      + "coalesce((a.proposal->>'budgetWan')::bigint, 0) AS budget_wan "
      + "FROM applications a JOIN organizations o ON o.id = a.lead_org_id "
      + "WHERE a.posting_id = ANY(#{ids}) AND a.status = 'awarded' ORDER BY a.id";
  private static final String OBJECTION_COLUMNS = "id, posting_id, author_id, text, created_at, answer, answered_by, answered_at";
  private static final String INSERT_OBJECTION = "INSERT INTO objections (posting_id, author_id, text, created_at) "
      + "VALUES (#{posting}, #{author}, #{text}, #{at}) RETURNING " + OBJECTION_COLUMNS;
  private static final String OBJECTION = "SELECT " + OBJECTION_COLUMNS + " FROM objections WHERE id = #{id}";
  private static final String OBJECTIONS = "SELECT " + OBJECTION_COLUMNS + " FROM objections WHERE posting_id = #{posting} "
      + "AND (#{all} OR author_id = #{author}) ORDER BY id";
  private static final String ANSWER = "UPDATE objections SET answer = #{answer}, answered_by = #{user}, answered_at = #{at} "
      + "WHERE id = #{id} AND answer IS NULL RETURNING " + OBJECTION_COLUMNS;
  private static final String LOCK_RESULT = "SELECT 1 FROM challenge_results WHERE posting_id = #{posting} FOR UPDATE";
  private static final String BY_ORGANIZATION = "SELECT count(*) AS n FROM objections o JOIN users u ON u.id = o.author_id "
      + "WHERE o.posting_id = #{posting} AND u.organization_id = #{org}";
  private static final String BY_AUTHOR = "SELECT count(*) AS n FROM objections WHERE posting_id = #{posting} "
      + "AND author_id = #{author}";
  private static final String UNANSWERED = "SELECT count(*) AS n FROM objections WHERE posting_id = #{posting} AND answer IS NULL";

  public record Result(OffsetDateTime publishedAt, OffsetDateTime objectionUntil) {
  }

  /** An awarded application: its lead organization, its confirmed partners and the amount it applied for. */
  public record Winner(String lead, List<String> partners, long budgetWan) {
    static Winner fromRow(Row row) {
      String[] partners = row.getArrayOfStrings("partners");
      return new Winner(row.getString("lead"), partners == null ? List.of() : List.of(partners), row.getLong("budget_wan"));
    }
  }

  public record Objection(long id, long postingId, long authorId, String text, OffsetDateTime createdAt, String answer,
                          Long answeredBy, OffsetDateTime answeredAt) {
    static Objection fromRow(Row row) {
      return new Objection(row.getLong("id"), row.getLong("posting_id"), row.getLong("author_id"), row.getString("text"),
          row.getOffsetDateTime("created_at"), row.getString("answer"), row.getLong("answered_by"),
          row.getOffsetDateTime("answered_at"));
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("postingId", postingId)
          .put("authorId", authorId)
          .put("text", text)
          .put("createdAt", createdAt.toString())
          .put("answer", answer)
          .put("answeredAt", answeredAt == null ? null : answeredAt.toString());
    }
  }

  public Future<Void> saveResult(SqlClient db, long postingId, OffsetDateTime publishedAt, OffsetDateTime objectionUntil) {
    return SqlTemplate.forUpdate(db, SAVE_RESULT)
        .execute(Map.of("posting", postingId, "published", publishedAt, "until", objectionUntil)).mapEmpty();
  }

  public Future<Optional<Result>> result(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, RESULT).execute(Map.of("posting", postingId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new Result(row.getOffsetDateTime("published_at"), row.getOffsetDateTime("objection_until")));
    });
  }

  /** A page of published results with their winners; {@code total} counts all of them. */
  public Future<JsonObject> results(SqlClient db, List<String> states, int limit, int offset) {
    Map<String, Object> p = new HashMap<>();
    p.put("states", states.toArray(String[]::new));
    p.put("limit", limit);
    p.put("offset", offset);
    return SqlTemplate.forQuery(db, RESULTS).execute(p).compose(rows -> {
      Map<Long, JsonObject> byPosting = new LinkedHashMap<>();
      long total = 0;
      for (Row row : rows) {
        total = row.getLong("total");
        byPosting.put(row.getLong("id"), new JsonObject()
            .put("postingId", row.getLong("id"))
            .put("title", row.getString("title"))
            .put("domain", row.getString("domain"))
            .put("budgetWan", row.getLong("budget_wan"))
            .put("status", row.getString("status"))
            .put("issuerId", row.getLong("organization_id"))
            .put("issuer", row.getString("issuer"))
            .put("publishedAt", row.getOffsetDateTime("published_at").toString())
            .put("objectionUntil", row.getOffsetDateTime("objection_until").toString())
            .put("winners", new JsonArray()));
      }
      long count = total;
      return winners(db, byPosting).map(done -> new JsonObject()
          .put("items", new JsonArray(new ArrayList<>(byPosting.values())))
          .put("total", count));
    });
  }

  /** The awarded applications of one call. */
  public Future<List<Winner>> winners(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, WINNERS).mapTo(Winner::fromRow).execute(Map.of("ids", new Long[] {postingId}))
        .map(rows -> {
          List<Winner> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }

  private Future<Void> winners(SqlClient db, Map<Long, JsonObject> byPosting) {
    if (byPosting.isEmpty()) {
      return Future.succeededFuture();
    }
    return SqlTemplate.forQuery(db, WINNERS).execute(Map.of("ids", byPosting.keySet().toArray(Long[]::new)))
        .map(rows -> {
          for (Row row : rows) {
            String[] partners = row.getArrayOfStrings("partners");
            byPosting.get(row.getLong("posting_id")).getJsonArray("winners").add(new JsonObject()
                .put("applicationId", row.getLong("id"))
                .put("leadOrganizationId", row.getLong("lead_org_id"))
                .put("leadOrganization", row.getString("lead"))
                .put("partners", new JsonArray(partners == null ? List.of() : List.of(partners)))
                .put("budgetWan", row.getLong("budget_wan")));
          }
          return null;
        });
  }

  public Future<Objection> insertObjection(SqlClient db, long postingId, long authorId, String text, OffsetDateTime at) {
    return SqlTemplate.forQuery(db, INSERT_OBJECTION).mapTo(Objection::fromRow)
        .execute(Map.of("posting", postingId, "author", authorId, "text", text, "at", at))
        .map(rows -> rows.iterator().next());
  }

  public Future<Optional<Objection>> objection(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, OBJECTION).mapTo(Objection::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  public Future<List<Objection>> objections(SqlClient db, long postingId, boolean all, long authorId) {
    return SqlTemplate.forQuery(db, OBJECTIONS).mapTo(Objection::fromRow)
        .execute(Map.of("posting", postingId, "all", all, "author", authorId))
        .map(rows -> {
          List<Objection> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }

  /** Answers an objection once; empty when it was answered already. */
  public Future<Optional<Objection>> answer(SqlClient db, long id, String answer, long userId, OffsetDateTime at) {
    return SqlTemplate.forQuery(db, ANSWER).mapTo(Objection::fromRow)
        .execute(Map.of("id", id, "answer", answer, "user", userId, "at", at)).map(Rows::first);
  }

  /**
   * How many objections to a result the organization (or, for an account without one, the author) has filed; locks
   * the result until the transaction ends, so that parallel filings are counted one after the other.
   */
  public Future<Long> filedBy(SqlClient db, long postingId, Long organizationId, long authorId) {
    return SqlTemplate.forQuery(db, LOCK_RESULT).execute(Map.of("posting", postingId))
        .compose(locked -> organizationId == null
            ? SqlTemplate.forQuery(db, BY_AUTHOR).execute(Map.of("posting", postingId, "author", authorId))
            : SqlTemplate.forQuery(db, BY_ORGANIZATION).execute(Map.of("posting", postingId, "org", organizationId)))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Long> unanswered(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, UNANSWERED).execute(Map.of("posting", postingId))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
