package cn.qdaipark.scenariohub.importer;

import io.vertx.core.json.JsonObject;

/**
 * What an import did: {@code imported} records created or updated, {@code unchanged} records left alone because the
 * stored record already says what their line says.
 */
public record ImportReport(int imported, int unchanged) {
  public JsonObject toJson() {
    return new JsonObject().put("imported", imported).put("unchanged", unchanged);
  }
}
