package cn.qdaipark.scenariohub.eligibility;

import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The application rules of a call (申报条件): the regions its lead organizations may come from, the maturity at least
 * one offered solution must reach, whether the lead must be verified, how many live applications one organization
 * may take part in, and the government body that must endorse (推荐) each application before it counts.
 */
public record ChallengeRules(List<String> regions, String minMaturity, boolean requireVerified,
                             Integer maxApplicationsPerOrganization, Long endorsingOrganizationId,
                             String endorsingOrganization) {
  static final int MAX_REGIONS = 20;
  static final int MAX_LIMIT = 20;

  /** The rules of a call that has set none: a verified lead, one live application per lead. */
  public static final ChallengeRules DEFAULT = new ChallengeRules(List.of(), null, true, null, null, null);

  /** Reads {@code PUT /postings/:id/rules}; every bad field is named in one 400. Missing fields take the defaults. */
  public static ChallengeRules read(JsonObject body) {
    Validator v = new Validator(body);
    List<String> regions = v.list("regions", 0, MAX_REGIONS, 60);
    String maturity = body.getValue("minMaturity") == null || "".equals(body.getValue("minMaturity")) ? null
        : v.oneOf("minMaturity", Vocabulary.MATURITIES, Map.of());
    Object verified = body.getValue("requireVerified");
    v.check(verified == null || verified instanceof Boolean, "requireVerified", "必须是 true 或 false");
    long limit = v.wholeNumber("maxApplicationsPerOrganization", 0, 1, MAX_LIMIT);
    long endorser = v.wholeNumber("endorsingOrganizationId", 0, 1, Long.MAX_VALUE);
    v.throwIfInvalid();
    return new ChallengeRules(regions, maturity, !Boolean.FALSE.equals(verified), limit == 0 ? null : (int) limit,
        endorser == 0 ? null : endorser, null);
  }

  /** The same rules with the endorsing body named by the page form, once its name is resolved to an organization. */
  public ChallengeRules withEndorser(long organizationId) {
    return new ChallengeRules(regions, minMaturity, requireVerified, maxApplicationsPerOrganization, organizationId,
        null);
  }

  static ChallengeRules fromRow(Row row) {
    String[] regions = row.getArrayOfStrings("allowed_regions");
    Short limit = row.getShort("max_applications_per_org");
    return new ChallengeRules(regions == null ? List.of() : Arrays.asList(regions), row.getString("min_maturity"),
        row.getBoolean("require_verified"), limit == null ? null : limit.intValue(), row.getLong("endorsing_org_id"),
        row.getString("endorsing_name"));
  }

  /** Whether a lead organization's region is admitted: a listed region admits its districts (青岛市 → 青岛市黄岛区). */
  public boolean admitsRegion(String region) {
    return regions.isEmpty() || region != null && regions.stream().anyMatch(region::startsWith);
  }

  /** Whether a solution's maturity reaches the minimum; the vocabulary lists maturities from most to least mature. */
  public boolean reachedBy(String maturity) {
    if (minMaturity == null) {
      return true;
    }
    int index = maturity == null ? -1 : Vocabulary.MATURITIES.indexOf(maturity);
    return index >= 0 && index <= Vocabulary.MATURITIES.indexOf(minMaturity);
  }

  public boolean requiresEndorsement() {
    return endorsingOrganizationId != null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("regions", new JsonArray(List.copyOf(regions)))
        .put("minMaturity", minMaturity)
        .put("requireVerified", requireVerified)
        .put("maxApplicationsPerOrganization", maxApplicationsPerOrganization)
        .put("endorsingOrganizationId", endorsingOrganizationId)
        .put("endorsingOrganization", endorsingOrganization);
  }
}
