package cn.qdaipark.scenariohub.conversation;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A thread about one posting or solution between its owner and another organization, with the reader's unread
 * count (messages of the other organization after the reader's marker; 0 for an admin).
 */
public record Conversation(long id, Long postingId, Long solutionId, String subjectTitle, long ownerId,
                           Party low, Party high, OffsetDateTime createdAt, OffsetDateTime lastMessageAt,
                           long unread) {

  /** One of the two organizations. */
  public record Party(long id, String name) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name);
    }
  }

  static Conversation fromRow(Row row) {
    return new Conversation(row.getLong("id"), row.getLong("posting_id"), row.getLong("solution_id"),
        row.getString("subject_title"), row.getLong("owner_id"),
        new Party(row.getLong("org_low"), row.getString("low_name")),
        new Party(row.getLong("org_high"), row.getString("high_name")),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_message_at"),
        row.getColumnIndex("unread") >= 0 ? row.getLong("unread") : 0);
  }

  public boolean involves(Long organizationId) {
    return organizationId != null && (low.id() == organizationId || high.id() == organizationId);
  }

  /** The other organization, seen from {@code organizationId} (the higher one for an outsider such as an admin). */
  public Party counterpart(Long organizationId) {
    return organizationId != null && high.id() == organizationId ? low : high;
  }

  public Party party(long organizationId) {
    return low.id() == organizationId ? low : high;
  }

  public String subjectUrl() {
    return postingId != null ? "/postings/" + postingId : "/solutions/" + solutionId;
  }

  public JsonObject toJson(Long viewerOrganizationId) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("subject", new JsonObject().put("type", postingId != null ? "posting" : "solution")
            .put("id", postingId != null ? postingId : solutionId).put("title", subjectTitle)
            .put("ownerOrganizationId", ownerId).put("url", subjectUrl()))
        .put("organizations", new io.vertx.core.json.JsonArray().add(low.toJson()).add(high.toJson()))
        .put("createdAt", createdAt.toString())
        .put("lastMessageAt", lastMessageAt.toString())
        .put("unread", unread)
        .put("url", "/conversations/" + id);
    if (involves(viewerOrganizationId)) {
      json.put("counterpart", counterpart(viewerOrganizationId).toJson());
    }
    return json;
  }
}
