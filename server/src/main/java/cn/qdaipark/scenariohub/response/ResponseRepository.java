package cn.qdaipark.scenariohub.response;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ResponseRepository {
  // The titles in the order of solution_ids (a missing solution leaves a null, so the two arrays stay aligned).
  private static final String SELECT = "SELECT r.id, r.posting_id, p.title AS posting_title, "
      + "p.organization_id AS posting_org_id, p.status AS posting_status, r.organization_id, o.name AS organization_name, "
      + "r.user_id, r.proposal, r.solution_ids, ARRAY(SELECT s.title FROM unnest(r.solution_ids) WITH ORDINALITY "
      + "AS u(sid, n) LEFT JOIN solutions s ON s.id = u.sid ORDER BY u.n) AS solution_titles, r.status, "
      + "r.decline_reason, r.decided_at, r.created_at, r.updated_at, r.version "
      + "FROM demand_responses r JOIN postings p ON p.id = r.posting_id JOIN organizations o ON o.id = r.organization_id ";
  private static final String BY_ID = SELECT + "WHERE r.id = #{id}";
  private static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE OF r";
  private static final String OF_POSTING = SELECT + "WHERE r.posting_id = #{posting} ORDER BY r.created_at, r.id";
  private static final String OF_POSTING_AND_ORG = SELECT + "WHERE r.posting_id = #{posting} AND r.organization_id = #{org}";
  private static final String OF_ORG = SELECT + "WHERE r.organization_id = #{org} ORDER BY r.updated_at DESC, r.id DESC";
  private static final String INSERT = "INSERT INTO demand_responses (posting_id, organization_id, user_id, proposal, "
      + "solution_ids) VALUES (#{posting}, #{org}, #{user}, #{proposal}, #{solutions}) RETURNING id";
  private static final String UPDATE = "UPDATE demand_responses SET proposal = #{proposal}, solution_ids = #{solutions}, "
      + "updated_at = now(), version = version + 1 "
      + "WHERE id = #{id} AND version = #{version} AND status = 'submitted' RETURNING id";
  private static final String DELETE = "DELETE FROM demand_responses WHERE id = #{id} AND status = 'submitted' RETURNING id";
  private static final String DECIDE = "UPDATE demand_responses SET status = #{to}, decline_reason = #{reason}, "
      + "decided_at = now(), updated_at = now(), version = version + 1 WHERE id = #{id} AND status = #{from} RETURNING id";
  private static final String LOCK_POSTING = "SELECT id FROM postings WHERE id = #{id} FOR UPDATE";

  Future<Optional<DemandResponse>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(DemandResponse::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  /** The response, locked until the transaction ends, so two decisions on it wait for each other. */
  Future<Optional<DemandResponse>> findByIdForUpdate(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID_FOR_UPDATE).mapTo(DemandResponse::fromRow).execute(Map.of("id", id))
        .map(Rows::first);
  }

  Future<List<DemandResponse>> listOfPosting(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, OF_POSTING).mapTo(DemandResponse::fromRow).execute(Map.of("posting", postingId))
        .map(Rows::all);
  }

  Future<Optional<DemandResponse>> findOfOrganization(SqlClient db, long postingId, long orgId) {
    return SqlTemplate.forQuery(db, OF_POSTING_AND_ORG).mapTo(DemandResponse::fromRow)
        .execute(Map.of("posting", postingId, "org", orgId)).map(Rows::first);
  }

  Future<List<DemandResponse>> listOfOrganization(SqlClient db, long orgId) {
    return SqlTemplate.forQuery(db, OF_ORG).mapTo(DemandResponse::fromRow).execute(Map.of("org", orgId)).map(Rows::all);
  }

  Future<Long> insert(SqlClient db, long postingId, long orgId, long userId, ResponseInput in) {
    return SqlTemplate.forQuery(db, INSERT)
        .execute(Map.of("posting", postingId, "org", orgId, "user", userId, "proposal", in.proposal(),
            "solutions", in.solutionIds().toArray(Long[]::new)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** False when the response changed meanwhile (another version) or has been decided. */
  Future<Boolean> update(SqlClient db, long id, int version, ResponseInput in) {
    return SqlTemplate.forQuery(db, UPDATE)
        .execute(Map.of("id", id, "version", version, "proposal", in.proposal(),
            "solutions", in.solutionIds().toArray(Long[]::new)))
        .map(rows -> rows.size() == 1);
  }

  Future<Boolean> delete(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, DELETE).execute(Map.of("id", id)).map(rows -> rows.size() == 1);
  }

  /** Moves the response if it is still in {@code from}; false when someone decided first. */
  Future<Boolean> decide(SqlClient db, long id, String from, String to, String reason) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("from", from);
    p.put("to", to);
    p.put("reason", reason);
    return SqlTemplate.forQuery(db, DECIDE).execute(p).map(rows -> rows.size() == 1);
  }

  /** Locks the demand's row until the transaction ends: decisions on its responses run one after another. */
  Future<Void> lockPosting(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, LOCK_POSTING).execute(Map.of("id", postingId)).mapEmpty();
  }
}
