package cn.qdaipark.scenariohub.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An answer kept for an Idempotency-Key: its status, the headers a client acts on, and its body. */
record StoredResponse(int status, JsonObject headers, Buffer body) {
  static final String REPLAYED = "Idempotent-Replayed";
  private static final List<String> KEPT_HEADERS = List.of("Location");

  /** A JSON answer, with the headers of {@link #KEPT_HEADERS} the handler has already set on the response. */
  static StoredResponse json(HttpServerResponse response, int status, Buffer body) {
    JsonObject headers = new JsonObject().put("Content-Type", Responses.JSON);
    KEPT_HEADERS.forEach(name -> {
      String value = response.headers().get(name);
      if (value != null) {
        headers.put(name, value);
      }
    });
    return new StoredResponse(status, headers, body);
  }

  void replay(HttpServerResponse response) {
    response.setStatusCode(status);
    headers.forEach(header -> response.putHeader(header.getKey(), String.valueOf(header.getValue())));
    response.putHeader(REPLAYED, "true").end(body);
  }
}
