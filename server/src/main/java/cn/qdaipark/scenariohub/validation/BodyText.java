package cn.qdaipark.scenariohub.validation;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every string of a JSON body, at any depth and in keys too, held to the rule every text shares ({@link Text},
 * multi-line): a field no validator reads, or one a service reads by hand, can still not carry NUL, another control
 * character, half a surrogate pair or a bidi override into the database, a log or a page.
 */
public final class BodyText {
  private BodyText() {
  }

  /** Throws a 400 naming each top-level field that holds such a string somewhere. */
  public static JsonObject check(JsonObject body) {
    Map<String, String> errors = new LinkedHashMap<>();
    body.forEach(e -> {
      String problem = problem(e.getKey());
      if (problem == null) {
        problem = problem(e.getValue());
      }
      if (problem != null) {
        errors.put(e.getKey(), problem);
      }
    });
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return body;
  }

  private static String problem(Object value) {
    if (value instanceof String s) {
      return Text.problem(s, Text.Kind.MULTI_LINE);
    }
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        String problem = problem(item);
        if (problem != null) {
          return problem;
        }
      }
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        String problem = problem(e.getKey());
        if (problem == null) {
          problem = problem(e.getValue());
        }
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }
}
