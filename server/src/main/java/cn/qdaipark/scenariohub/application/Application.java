package cn.qdaipark.scenariohub.application;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** An application (揭榜申报) of a lead organization, with its consortium partners, to one call. */
public record Application(long id, long postingId, String postingTitle, long postingOrganizationId, long leadOrganizationId,
                          String leadOrganization, String status, JsonObject proposal, List<Long> solutionIds,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt, int version, List<Partner> partners) {
  public static final String SUBMITTED = "submitted";
  public static final String WITHDRAWN = "withdrawn";
  public static final String SHORTLISTED = "shortlisted";
  public static final String AWARDED = "awarded";
  public static final String NOT_AWARDED = "not_awarded";

  public record Partner(long organizationId, String name, OffsetDateTime invitedAt, OffsetDateTime confirmedAt) {
    static Partner fromRow(Row row) {
      return new Partner(row.getLong("organization_id"), row.getString("name"), row.getOffsetDateTime("invited_at"),
          row.getOffsetDateTime("confirmed_at"));
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("organizationId", organizationId)
          .put("name", name)
          .put("confirmed", confirmedAt != null)
          .put("invitedAt", invitedAt.toString())
          .put("confirmedAt", confirmedAt == null ? null : confirmedAt.toString());
    }
  }

  static Application fromRow(Row row) {
    Long[] solutions = row.getArrayOfLongs("solution_ids");
    return new Application(row.getLong("id"), row.getLong("posting_id"), row.getString("posting_title"),
        row.getLong("posting_org_id"), row.getLong("lead_org_id"), row.getString("lead_name"), row.getString("status"),
        row.getJsonObject("proposal"), solutions == null ? List.of() : Arrays.asList(solutions),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getInteger("version"), List.of());
  }

  public Application withPartners(List<Partner> list) {
    return new Application(id, postingId, postingTitle, postingOrganizationId, leadOrganizationId, leadOrganization,
        status, proposal, solutionIds, createdAt, updatedAt, version, List.copyOf(list));
  }

  /** Whether an organization takes part: as the lead or as a partner (confirmed or not). */
  public boolean involves(Long organizationId) {
    return organizationId != null && (organizationId == leadOrganizationId
        || partners.stream().anyMatch(p -> p.organizationId() == organizationId));
  }

  public JsonObject toJson() {
    JsonArray partnerJson = new JsonArray();
    partners.forEach(p -> partnerJson.add(p.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("postingId", postingId)
        .put("postingTitle", postingTitle)
        .put("leadOrganizationId", leadOrganizationId)
        .put("leadOrganization", leadOrganization)
        .put("status", status)
        .put("proposal", proposal)
        .put("solutionIds", new JsonArray(List.copyOf(solutionIds)))
        .put("partners", partnerJson)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
