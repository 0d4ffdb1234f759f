package cn.qdaipark.scenariohub.application;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** An application (揭榜申报) of a lead organization, with its consortium partners, to one call. */
public record Application(long id, long postingId, String postingTitle, long postingOrganizationId, long leadOrganizationId,
                          String leadOrganization, String status, JsonObject proposal, List<Long> solutionIds,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt, int version, List<Partner> partners,
                          Endorsement endorsement) {
  public static final String SUBMITTED = "submitted";
  public static final String WITHDRAWN = "withdrawn";
  public static final String SHORTLISTED = "shortlisted";
  public static final String AWARDED = "awarded";
  public static final String NOT_AWARDED = "not_awarded";

  /** The endorsement (推荐) an application needs when its call names an endorsing body, and its outcome. */
  public record Endorsement(String state, Long organizationId, String note) {
    public static final String NOT_REQUIRED = "not_required";
    public static final String PENDING = "pending";
    public static final String ENDORSED = "endorsed";
    public static final String DECLINED = "declined";
  }

  /** An invited partner: invited, then confirmed or declined (declined only until the lead invites it again). */
  public record Partner(long organizationId, String name, OffsetDateTime invitedAt, OffsetDateTime confirmedAt,
                        OffsetDateTime declinedAt, String declineReason) {
    public static final String INVITED = "invited";
    public static final String CONFIRMED = "confirmed";
    public static final String DECLINED = "declined";

    static Partner fromRow(Row row) {
      return new Partner(row.getLong("organization_id"), row.getString("name"), row.getOffsetDateTime("invited_at"),
          row.getOffsetDateTime("confirmed_at"), row.getOffsetDateTime("declined_at"), row.getString("decline_reason"));
    }

    public String state() {
      return confirmedAt != null ? CONFIRMED : declinedAt != null ? DECLINED : INVITED;
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("organizationId", organizationId)
          .put("name", name)
          .put("state", state())
          .put("confirmed", confirmedAt != null)
          .put("invitedAt", invitedAt.toString())
          .put("confirmedAt", confirmedAt == null ? null : confirmedAt.toString())
          .put("declinedAt", declinedAt == null ? null : declinedAt.toString())
          .put("declineReason", declineReason);
    }
  }

  static Application fromRow(Row row) {
    Long[] solutions = row.getArrayOfLongs("solution_ids");
    return new Application(row.getLong("id"), row.getLong("posting_id"), row.getString("posting_title"),
        row.getLong("posting_org_id"), row.getLong("lead_org_id"), row.getString("lead_name"), row.getString("status"),
        row.getJsonObject("proposal"), solutions == null ? List.of() : Arrays.asList(solutions),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getInteger("version"), List.of(),
        new Endorsement(row.getString("endorsement"), row.getLong("endorser_org_id"), row.getString("endorsement_note")));
  }

  public Application withPartners(List<Partner> list) {
    return new Application(id, postingId, postingTitle, postingOrganizationId, leadOrganizationId, leadOrganization,
        status, proposal, solutionIds, createdAt, updatedAt, version, List.copyOf(list), endorsement);
  }

  /** Whether the application counts for the review: it needs no endorsement or has it. */
  public boolean counts() {
    return !Endorsement.PENDING.equals(endorsement.state()) && !Endorsement.DECLINED.equals(endorsement.state());
  }

  /**
   * The organizations that hear of the application's outcome: the lead and the partners that confirmed (an
   * invitation not confirmed does not make a member).
   */
  public List<Long> memberOrganizations() {
    return Stream.concat(Stream.of(leadOrganizationId), confirmedPartners().stream().map(Partner::organizationId)).toList();
  }

  /** The partners that confirmed, the consortium as the review, the exports and the results show it. */
  public List<Partner> confirmedPartners() {
    return partners.stream().filter(p -> p.confirmedAt() != null).toList();
  }

  /**
   * Whether an organization is a member (the lead or a confirmed partner): what makes a conflict of interest. A bare
   * invitation does not, or any lead could bar a reviewer by inviting its organization.
   */
  public boolean hasMember(Long organizationId) {
    return organizationId != null && memberOrganizations().contains(organizationId);
  }

  /** Whether an organization takes part: as the lead or as a partner (confirmed or not), to see the application. */
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
        .put("version", version)
        .put("endorsement", endorsement.state())
        .put("endorsingOrganizationId", endorsement.organizationId())
        .put("endorsementNote", endorsement.note());
  }
}
