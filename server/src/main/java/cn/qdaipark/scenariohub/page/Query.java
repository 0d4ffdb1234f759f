package cn.qdaipark.scenariohub.page;

import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable query string, for shareable links that change one parameter and keep the others. */
final class Query {
  private final Map<String, List<String>> params;

  private Query(Map<String, List<String>> params) {
    this.params = params;
  }

  static Query empty() {
    return new Query(Map.of());
  }

  static Query of(MultiMap query, String... keep) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String name : keep) {
      List<String> values = query.getAll(name).stream().filter(v -> !v.isBlank()).toList();
      if (!values.isEmpty()) {
        params.put(name, values);
      }
    }
    return new Query(params);
  }

  String get(String name) {
    List<String> values = params.get(name);
    return values == null ? null : values.get(0);
  }

  Query with(String name, Object value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(params);
    copy.remove(name);
    if (value != null) {
      copy.put(name, List.of(value.toString()));
    }
    return new Query(copy);
  }

  Query without(String name) {
    return with(name, null);
  }

  /** The link {@code path?query}; the page number resets whenever a filter changes. */
  String link(String path) {
    List<String> parts = new ArrayList<>();
    params.forEach((name, values) -> values.forEach(v -> parts.add(enc(name) + "=" + enc(v))));
    return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
