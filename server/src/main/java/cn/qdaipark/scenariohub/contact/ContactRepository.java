package cn.qdaipark.scenariohub.contact;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ContactRepository {
  private static final String SELECT = "SELECT c.id, c.posting_id, c.solution_id, s.title AS solution_title, "
      + "c.organization_id, co.name AS organization_name, c.user_id, c.created_at, s.organization_id AS provider_id, "
      + "po.name AS provider_name, po.region AS provider_region, po.verified AS provider_verified "
      + "FROM contacts c JOIN solutions s ON s.id = c.solution_id JOIN organizations po ON po.id = s.organization_id "
      + "JOIN organizations co ON co.id = c.organization_id ";
  private static final String INSERT = "INSERT INTO contacts (posting_id, solution_id, organization_id, user_id) "
      + "VALUES (#{posting}, #{solution}, #{org}, #{user}) ";
  private static final String INSERT_FOR_POSTING = INSERT
      + "ON CONFLICT (posting_id, solution_id) WHERE posting_id IS NOT NULL DO NOTHING RETURNING id";
  private static final String INSERT_FROM_BUYER = INSERT
      + "ON CONFLICT (organization_id, solution_id) WHERE posting_id IS NULL DO NOTHING RETURNING id";
  private static final String OF_POSTING = SELECT + "WHERE c.posting_id = #{posting} AND c.solution_id = #{solution}";
  private static final String OF_BUYER = SELECT
      + "WHERE c.posting_id IS NULL AND c.organization_id = #{org} AND c.solution_id = #{solution}";
  private static final String LIST_OF_POSTING = SELECT + "WHERE c.posting_id = #{posting} ORDER BY c.created_at, c.id";

  /** Records the contact unless it exists; true when this call recorded it. */
  Future<Boolean> insertForPosting(SqlClient db, long postingId, long solutionId, long orgId, long userId) {
    return insert(db, INSERT_FOR_POSTING, postingId, solutionId, orgId, userId);
  }

  Future<Boolean> insertFromBuyer(SqlClient db, long solutionId, long orgId, long userId) {
    return insert(db, INSERT_FROM_BUYER, null, solutionId, orgId, userId);
  }

  Future<Optional<Contact>> findForPosting(SqlClient db, long postingId, long solutionId) {
    return SqlTemplate.forQuery(db, OF_POSTING).mapTo(Contact::fromRow)
        .execute(Map.of("posting", postingId, "solution", solutionId)).map(Rows::first);
  }

  Future<Optional<Contact>> findFromBuyer(SqlClient db, long orgId, long solutionId) {
    return SqlTemplate.forQuery(db, OF_BUYER).mapTo(Contact::fromRow)
        .execute(Map.of("org", orgId, "solution", solutionId)).map(Rows::first);
  }

  Future<List<Contact>> listOfPosting(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, LIST_OF_POSTING).mapTo(Contact::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  private static Future<Boolean> insert(SqlClient db, String sql, Long postingId, long solutionId, long orgId,
                                        long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("solution", solutionId);
    p.put("org", orgId);
    p.put("user", userId);
    return SqlTemplate.forQuery(db, sql).execute(p).map(rows -> rows.size() == 1);
  }
}
