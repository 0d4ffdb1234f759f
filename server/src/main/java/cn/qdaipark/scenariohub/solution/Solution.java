package cn.qdaipark.scenariohub.solution;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

public record Solution(long id, String sourceRef, long organizationId, String provider, boolean providerVerified,
                       String title, String summary, String description, List<String> domains, String track,
                       List<String> tags, String maturity, String region, List<String> cases, String priceRange,
                       String status, String moderationReason, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                       int version) {

  public static Solution fromRow(Row row) {
    return new Solution(row.getLong("id"), row.getString("source_ref"), row.getLong("organization_id"),
        row.getString("provider"), row.getBoolean("provider_verified"), row.getString("title"),
        row.getString("summary"), row.getString("description"), strings(row, "domains"), row.getString("track"),
        strings(row, "tags"), row.getString("maturity"), row.getString("region"), strings(row, "cases"),
        row.getString("price_range"), row.getString("status"), row.getString("moderation_reason"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getInteger("version"));
  }

  private static List<String> strings(Row row, String column) {
    String[] values = row.getArrayOfStrings(column);
    return values == null ? List.of() : Arrays.asList(values);
  }

  public boolean isPublished() {
    return SolutionStatus.PUBLISHED.equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("sourceRef", sourceRef)
        .put("title", title)
        .put("summary", summary)
        .put("description", description)
        .put("domains", new JsonArray(domains))
        .put("track", track)
        .put("tags", new JsonArray(tags))
        .put("maturity", maturity)
        .put("provider", provider)
        .put("organizationId", organizationId)
        .put("providerVerified", providerVerified)
        .put("region", region)
        .put("cases", new JsonArray(cases))
        .put("priceRange", priceRange)
        .put("status", status)
        .put("moderationReason", moderationReason)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
