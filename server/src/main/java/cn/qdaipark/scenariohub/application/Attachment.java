package cn.qdaipark.scenariohub.application;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A PDF attached to an application, as metadata: the bytes are only ever sent by the download. */
public record Attachment(long id, long applicationId, String fileName, int size, String sha256,
                         OffsetDateTime uploadedAt) {
  static Attachment fromRow(Row row) {
    return new Attachment(row.getLong("id"), row.getLong("application_id"), row.getString("file_name"),
        row.getInteger("size_bytes"), row.getString("sha256"), row.getOffsetDateTime("uploaded_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("applicationId", applicationId)
        .put("fileName", fileName)
        .put("contentType", PdfUpload.CONTENT_TYPE)
        .put("size", size)
        .put("sha256", sha256)
        .put("uploadedAt", uploadedAt.toString());
  }
}
