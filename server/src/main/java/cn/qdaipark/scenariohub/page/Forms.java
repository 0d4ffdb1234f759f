package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a posted HTML form into the JSON shape the services' validators read, so pages apply exactly the
 * API's rules: list fields come one item per line (or as repeated checkboxes), numbers stay text when they
 * are not numbers so the validator reports them.
 */
final class Forms {
  private Forms() {
  }

  /** The fields of one form by how they are typed: single texts, one-item-per-line lists, checkbox groups, numbers. */
  record Shape(List<String> texts, List<String> lines, List<String> multi, List<String> numbers) {
  }

  static JsonObject read(RoutingContext ctx, Shape shape) {
    return read(ctx, shape.texts(), shape.lines(), shape.multi(), shape.numbers());
  }

  static JsonObject read(RoutingContext ctx, List<String> texts, List<String> lines, List<String> multi,
                         List<String> numbers) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject json = new JsonObject();
    texts.forEach(name -> json.put(name, form.get(name)));
    lines.forEach(name -> json.put(name, new JsonArray(Arrays.stream(form.get(name) == null ? new String[0]
        : form.get(name).split("tags".equals(name) ? "[\\r\\n,，、;；]+" : "\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList())));
    multi.forEach(name -> json.put(name, new JsonArray(form.getAll(name))));
    numbers.forEach(name -> {
      String raw = form.get(name) == null ? "" : form.get(name).strip();
      json.put(name, raw.isEmpty() ? null : raw.matches("-?\\d{1,15}") ? (Object) Long.parseLong(raw) : raw);
    });
    return json;
  }

  /**
   * The messages to show next to the form's fields when the service refused the input (validation 400, or a
   * stale version / duplicate 409 shown above the form); empty for any other failure, which is not the form's.
   */
  static Optional<Map<String, String>> problems(Throwable failure) {
    if (!(failure instanceof ApiException api) || api.status() != 400 && api.status() != 409) {
      return Optional.empty();
    }
    Map<String, String> errors = new HashMap<>();
    JsonObject fields = api.toJson().getJsonObject("error").getJsonObject("fields");
    if (fields != null) {
      fields.forEach(e -> errors.put(e.getKey(), String.valueOf(e.getValue())));
    }
    if (errors.isEmpty()) {
      errors.put("form", api.getMessage());
    }
    return Optional.of(errors);
  }

  /** What the person typed, for re-showing the form: list fields joined back into lines. */
  static Map<String, Object> typed(JsonObject json) {
    Map<String, Object> values = new HashMap<>();
    json.forEach(e -> values.put(e.getKey(), e.getValue() instanceof JsonArray a
        ? String.join("\n", a.stream().map(String::valueOf).toList()) : e.getValue() == null ? "" : e.getValue()));
    return values;
  }

  /**
   * Checkbox/option lists of vocabulary terms with their checked state: the value submitted is the term as the API
   * knows it, the label its name in the page's language.
   */
  static List<Option> options(List<String> values, List<String> chosen, Messages m) {
    return values.stream().map(v -> new Option(v, Terms.name(m, v), chosen.contains(v))).toList();
  }

  static List<Option> options(List<String> values, String chosen, Messages m) {
    return options(values, chosen == null ? List.of() : List.of(chosen), m);
  }

  record Option(String value, String label, boolean selected) {
  }
}
