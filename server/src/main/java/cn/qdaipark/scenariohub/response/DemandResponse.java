package cn.qdaipark.scenariohub.response;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One organization's response to a demand, with the titles of the solutions it offers and the demand's title and
 * issuing organization (so a provider's list needs no second read).
 */
public record DemandResponse(long id, long postingId, String postingTitle, long postingOrganizationId,
                             String postingStatus, long organizationId, String organizationName, long userId,
                             String proposal, List<Long> solutionIds, List<String> solutionTitles, String status,
                             String declineReason, OffsetDateTime decidedAt, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt, int version) {
  public static final String SUBMITTED = "submitted";
  public static final String SHORTLISTED = "shortlisted";
  public static final String DECLINED = "declined";
  public static final String PILOT = "pilot";
  public static final String LANDED = "landed";
  private static final Map<String, String> LABELS = Map.of(SUBMITTED, "已提交", SHORTLISTED, "已入围洽谈",
      DECLINED, "未采纳", PILOT, "试点中", LANDED, "已落地");

  static DemandResponse fromRow(Row row) {
    Long[] ids = row.getArrayOfLongs("solution_ids");
    String[] titles = row.getArrayOfStrings("solution_titles");
    return new DemandResponse(row.getLong("id"), row.getLong("posting_id"), row.getString("posting_title"),
        row.getLong("posting_org_id"), row.getString("posting_status"), row.getLong("organization_id"),
        row.getString("organization_name"), row.getLong("user_id"), row.getString("proposal"), Arrays.asList(ids),
        titles == null ? List.of() : Arrays.asList(titles), row.getString("status"), row.getString("decline_reason"),
        row.getOffsetDateTime("decided_at"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
        row.getInteger("version"));
  }

  /** Not yet decided by the buyer: the provider may still edit or withdraw it. */
  public boolean undecided() {
    return SUBMITTED.equals(status);
  }

  public static String label(String status) {
    return LABELS.getOrDefault(status, status);
  }

  public JsonObject toJson() {
    JsonArray solutions = new JsonArray();
    for (int i = 0; i < solutionIds.size(); i++) {
      solutions.add(new JsonObject().put("id", solutionIds.get(i))
          .put("title", i < solutionTitles.size() ? solutionTitles.get(i) : null));
    }
    return new JsonObject()
        .put("id", id)
        .put("postingId", postingId)
        .put("postingTitle", postingTitle)
        .put("organization", new JsonObject().put("id", organizationId).put("name", organizationName))
        .put("byUserId", userId)
        .put("proposal", proposal)
        .put("solutions", solutions)
        .put("status", status)
        .put("statusLabel", label(status))
        .put("declineReason", declineReason)
        .put("decidedAt", decidedAt == null ? null : decidedAt.toString())
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
