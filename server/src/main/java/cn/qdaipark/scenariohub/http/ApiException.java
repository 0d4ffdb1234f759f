package cn.qdaipark.scenariohub.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** A failure with a meaning for the client; the failure handler turns it into the JSON error of API.md. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> fields;
  private final JsonArray lines;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of(), null);
  }

  public ApiException(int status, String code, String message, Map<String, String> fields, JsonArray lines) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = Map.copyOf(fields);
    this.lines = lines;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException validation(Map<String, String> fields) {
    return new ApiException(400, "validation_failed", "提交的内容有误，请检查标注的字段", fields, null);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + "不存在");
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  /** The server cannot serve the request now (database down, deadline passed); the same request may succeed later. */
  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject toJson() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (!fields.isEmpty()) {
      error.put("fields", new JsonObject(Map.copyOf(fields)));
    }
    if (lines != null) {
      error.put("lines", lines);
    }
    return new JsonObject().put("error", error);
  }
}
