package cn.qdaipark.scenariohub.eligibility;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The rules of calls, and the counts of applications they limit. */
final class RulesRepository {
  private static final String FIND = "SELECT r.allowed_regions, r.min_maturity, r.require_verified, "
      + "r.max_applications_per_org, r.endorsing_org_id, o.name AS endorsing_name FROM challenge_rules r "
      + "LEFT JOIN organizations o ON o.id = r.endorsing_org_id WHERE r.posting_id = #{posting}";
  // Applying, joining and changing the rules of one call take this lock in turn, so two applications at once cannot
  // both slip under the per-organization limit, nor one slip in while the rules change. It does not block the
  // foreign-key check of inserting an application (that takes only a key-share lock).
  private static final String LOCK_CALL = "SELECT id FROM postings WHERE id = #{posting} FOR NO KEY UPDATE";
  private static final String SAVE = "INSERT INTO challenge_rules (posting_id, allowed_regions, min_maturity, "
      + "require_verified, max_applications_per_org, endorsing_org_id, updated_by) VALUES (#{posting}, #{regions}, "
      + "#{maturity}, #{verified}, #{limit}, #{endorser}, #{user}) ON CONFLICT (posting_id) DO UPDATE SET "
      + "allowed_regions = EXCLUDED.allowed_regions, min_maturity = EXCLUDED.min_maturity, "
      + "require_verified = EXCLUDED.require_verified, max_applications_per_org = EXCLUDED.max_applications_per_org, "
      + "endorsing_org_id = EXCLUDED.endorsing_org_id, updated_by = EXCLUDED.updated_by, updated_at = now()";
  private static final String ANY_LIVE = "SELECT 1 FROM applications WHERE posting_id = #{posting} "
      + "AND status <> 'withdrawn' LIMIT 1";
  private static final String TAKING_PART = "SELECT count(*) AS n FROM applications a WHERE a.posting_id = #{posting} "
      + "AND a.status <> 'withdrawn' AND (a.lead_org_id = #{org} OR EXISTS (SELECT 1 FROM application_partners ap "
      + "WHERE ap.application_id = a.id AND ap.organization_id = #{org}))";

  Future<Optional<ChallengeRules>> find(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, FIND).mapTo(ChallengeRules::fromRow).execute(Map.of("posting", postingId))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  Future<Void> lockCall(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, LOCK_CALL).execute(Map.of("posting", postingId)).mapEmpty();
  }

  Future<Void> save(SqlClient db, long postingId, ChallengeRules rules, long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("regions", rules.regions().toArray(String[]::new));
    p.put("maturity", rules.minMaturity());
    p.put("verified", rules.requireVerified());
    p.put("limit", rules.maxApplicationsPerOrganization() == null ? null
        : rules.maxApplicationsPerOrganization().shortValue());
    p.put("endorser", rules.endorsingOrganizationId());
    p.put("user", userId);
    return SqlTemplate.forUpdate(db, SAVE).execute(p).mapEmpty();
  }

  Future<Boolean> anyLiveApplication(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, ANY_LIVE).execute(Map.of("posting", postingId)).map(rows -> rows.size() > 0);
  }

  /** The live applications to the call the organization leads or joins (invited or confirmed). */
  Future<Long> takingPart(SqlClient db, long postingId, long orgId) {
    return SqlTemplate.forQuery(db, TAKING_PART).execute(Map.of("posting", postingId, "org", orgId))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
