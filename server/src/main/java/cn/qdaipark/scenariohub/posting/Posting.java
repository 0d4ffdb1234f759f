package cn.qdaipark.scenariohub.posting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

public record Posting(long id, String sourceRef, String kind, long organizationId, String issuer, boolean issuerVerified,
                      String title, String description, String domain, long budgetWan, LocalDate deadline,
                      List<String> requirements, String region, String status, String moderationReason,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {

  public static Posting fromRow(Row row) {
    String[] requirements = row.getArrayOfStrings("requirements");
    return new Posting(row.getLong("id"), row.getString("source_ref"), row.getString("kind"),
        row.getLong("organization_id"), row.getString("issuer"), row.getBoolean("issuer_verified"),
        row.getString("title"), row.getString("description"), row.getString("domain"), row.getLong("budget_wan"),
        row.getLocalDate("deadline"), requirements == null ? List.of() : Arrays.asList(requirements),
        row.getString("region"), row.getString("status"), row.getString("moderation_reason"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getInteger("version"));
  }

  /** The content as it was entered, to compare with a new version of it. */
  public PostingInput content() {
    return new PostingInput(title, description, domain, budgetWan, deadline, requirements, region);
  }

  public boolean isPublic() {
    return PostingStatus.PUBLIC.contains(status);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("sourceRef", sourceRef)
        .put("kind", kind)
        .put("title", title)
        .put("description", description)
        .put("domain", domain)
        .put("issuer", issuer)
        .put("organizationId", organizationId)
        .put("issuerVerified", issuerVerified)
        .put("budgetWan", budgetWan)
        .put("deadline", deadline == null ? null : deadline.toString())
        .put("requirements", new JsonArray(requirements))
        .put("region", region)
        .put("status", status)
        .put("moderationReason", moderationReason)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
