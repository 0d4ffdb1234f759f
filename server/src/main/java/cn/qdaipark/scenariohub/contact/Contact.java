package cn.qdaipark.scenariohub.contact;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * One 对接: who (organization and user) contacted the provider of which solution, for which posting (null when a
 * buyer contacted from the solution's page), and the provider's public contact details. Members' e-mail addresses
 * are never part of it: the provider answers through the platform.
 */
public record Contact(long id, Long postingId, long solutionId, String solutionTitle, long organizationId,
                      String organizationName, long userId, OffsetDateTime createdAt, long providerId,
                      String providerName, String providerRegion, boolean providerVerified) {

  static Contact fromRow(Row row) {
    return new Contact(row.getLong("id"), row.getLong("posting_id"), row.getLong("solution_id"),
        row.getString("solution_title"), row.getLong("organization_id"), row.getString("organization_name"),
        row.getLong("user_id"), row.getOffsetDateTime("created_at"), row.getLong("provider_id"),
        row.getString("provider_name"), row.getString("provider_region"), row.getBoolean("provider_verified"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("postingId", postingId)
        .put("solutionId", solutionId)
        .put("solutionTitle", solutionTitle)
        .put("organization", new JsonObject().put("id", organizationId).put("name", organizationName))
        .put("byUserId", userId)
        .put("createdAt", createdAt.toString())
        .put("provider", new JsonObject()
            .put("organizationId", providerId)
            .put("name", providerName)
            .put("region", providerRegion)
            .put("verified", providerVerified)
            .put("url", "/organizations/" + providerId)
            .put("solutionUrl", "/solutions/" + solutionId));
  }
}
