package cn.qdaipark.scenariohub.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A file attached to a progress report: a PDF, or a JPEG/PNG re-encoded without its metadata. */
public record Evidence(long id, long reportId, String fileName, String contentType, int size, String sha256) {
  static Evidence fromRow(Row row) {
    return new Evidence(row.getLong("id"), row.getLong("report_id"), row.getString("file_name"),
        row.getString("content_type"), row.getInteger("size"), row.getString("sha256"));
  }

  public String downloadPath() {
    return "/api/v1/evidence/" + id;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("fileName", fileName)
        .put("contentType", contentType)
        .put("size", size)
        .put("sha256", sha256)
        .put("href", downloadPath());
  }
}
