package cn.qdaipark.scenariohub.importer;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Splits an NDJSON body into numbered JSON objects, noting lines that are not JSON objects. */
final class NdjsonRecords {
  record Line(int number, JsonObject json) {
  }

  private record LineError(int line, String message) {
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<LineError> errors = new ArrayList<>();

  static NdjsonRecords parse(String body) {
    NdjsonRecords records = new NdjsonRecords();
    String[] raw = body.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String text = raw[i].strip();
      if (text.isEmpty()) {
        continue;
      }
      try {
        Object value = Json.decodeValue(text);
        if (value instanceof JsonObject obj) {
          records.lines.add(new Line(i + 1, obj));
        } else {
          records.error(i + 1, "该行不是 JSON 对象");
        }
      } catch (DecodeException e) {
        records.error(i + 1, "该行不是合法的 JSON");
      }
    }
    return records;
  }

  List<Line> lines() {
    return lines;
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The bad lines, in line order, in the shape of API.md. */
  JsonArray errors() {
    JsonArray array = new JsonArray();
    errors.stream().sorted(Comparator.comparingInt(LineError::line))
        .forEach(e -> array.add(new JsonObject().put("line", e.line()).put("message", e.message())));
    return array;
  }

  void error(int line, String message) {
    errors.add(new LineError(line, message));
  }
}
