package cn.qdaipark.scenariohub.conversation;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * One message of a thread with its optional PDF (metadata only). The author's name is a contact detail: it is
 * shown to the author's own organization and admins, while the other side sees the organization.
 */
public record Message(long id, long conversationId, long organizationId, String organizationName, long userId,
                      String author, String body, OffsetDateTime createdAt, Attachment attachment) {

  /** A PDF sent with a message. */
  public record Attachment(long id, String fileName, int size, String sha256) {
  }

  static Message fromRow(Row row) {
    Long attachmentId = row.getLong("attachment_id");
    return new Message(row.getLong("id"), row.getLong("conversation_id"), row.getLong("organization_id"),
        row.getString("organization_name"), row.getLong("user_id"), row.getString("author"), row.getString("body"),
        row.getOffsetDateTime("created_at"), attachmentId == null ? null : new Attachment(attachmentId,
            row.getString("file_name"), row.getInteger("size_bytes"), row.getString("sha256")));
  }

  /** Whether the author's name may be shown to this reader. */
  public boolean authorVisibleTo(Long readerOrganizationId, boolean admin) {
    return admin || readerOrganizationId != null && readerOrganizationId == organizationId;
  }

  public JsonObject toJson(Long readerOrganizationId, boolean admin) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("conversationId", conversationId)
        .put("organization", new JsonObject().put("id", organizationId).put("name", organizationName))
        .put("mine", readerOrganizationId != null && readerOrganizationId == organizationId)
        .put("body", body)
        .put("createdAt", createdAt.toString());
    if (authorVisibleTo(readerOrganizationId, admin)) {
      json.put("author", author);
    }
    if (attachment != null) {
      json.put("attachment", new JsonObject().put("id", attachment.id()).put("fileName", attachment.fileName())
          .put("contentType", "application/pdf").put("size", attachment.size()).put("sha256", attachment.sha256())
          .put("url", "/api/v1/conversations/" + conversationId + "/attachments/" + attachment.id()));
    }
    return json;
  }
}
