package cn.qdaipark.scenariohub.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values an attacker or a fuzzer sends instead of a field's text, list or whole number, and a tally of the statuses
 * they got back. Half a surrogate pair cannot travel in a Java string over HTTP, so it is a marker that
 * {@link #encode} turns into the JSON escape {@code \ud800}.
 */
public final class Hostile {
  private static final String LONE_MARK = "\uE000lone-surrogate\uE000";
  /** Under the default 1 MB body limit, so it reaches the validators (3 bytes a character in UTF-8). */
  public static final String HUGE = "长".repeat(300_000);
  /** Over the default 1 MB body limit. */
  public static final String OVER_LIMIT = "a".repeat(1_100_000);

  /** A value with what it is, for the failure message. */
  public record Value(String label, Object json) {
  }

  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private int requests;

  /** Text that reads as text but must be refused: control, bidi and invisible characters, halves, huge. */
  public static List<Value> strings() {
    return List.of(
        new Value("NUL", "正常的文本内容\u0000正常的文本内容"),
        new Value("C0 control", "正常的文本内容\u001B正常的文本内容"),
        new Value("RLO U+202E", "正常的文本内容\u202E正常的文本内容"),
        new Value("RLI U+2067", "正常的文本内容\u2067正常的文本内容"),
        new Value("U+200B only", "\u200B".repeat(12)),
        new Value("U+FEFF only", "\uFEFF".repeat(12)),
        new Value("NBSP and ZWJ only", "\u00A0\u200D".repeat(6)),
        new Value("lone surrogate", "正常的文本内容" + LONE_MARK + "正常的文本内容"),
        new Value("900 KB", HUGE));
  }

  /** Every hostile value for a text field: the strings and the wrong JSON types. */
  public static List<Value> texts() {
    List<Value> values = new ArrayList<>(strings());
    values.add(new Value("number", 12345));
    values.add(new Value("boolean", true));
    values.add(new Value("object", new JsonObject().put("a", "b")));
    values.add(new Value("array", new JsonArray().add("文本")));
    return values;
  }

  /** Every hostile value for a list of texts: each hostile string as an item, wrong item types, not a list. */
  public static List<Value> lists() {
    List<Value> values = new ArrayList<>();
    strings().forEach(s -> values.add(new Value("item " + s.label(), new JsonArray().add("正常的一项").add(s.json()))));
    values.add(new Value("number item", new JsonArray().add(7)));
    values.add(new Value("null item", new JsonArray().addNull()));
    values.add(new Value("object item", new JsonArray().add(new JsonObject())));
    values.add(new Value("string", "不是列表"));
    values.add(new Value("object", new JsonObject()));
    return values;
  }

  /** Every hostile value for a whole number: fractions, numbers as text, wrong types, beyond any long. */
  public static List<Value> integers() {
    return List.of(
        new Value("fraction", 1.5),
        new Value("negative fraction", -0.5),
        new Value("tiny fraction", 2.000001),
        new Value("text", "12"),
        new Value("boolean", true),
        new Value("array", new JsonArray().add(1)),
        new Value("beyond long", new BigInteger("99999999999999999999999")));
  }

  /** The body as JSON, with every lone-surrogate marker as the escape {@code \ud800}. */
  public static String encode(JsonObject body) {
    return Json.encode(body).replace(LONE_MARK, "\\ud800");
  }

  /** A copy of the body with the value at a dotted path ({@code criteria.0.name}) replaced. */
  public static JsonObject with(JsonObject body, String path, Object value) {
    JsonObject copy = body.copy();
    String[] steps = path.split("\\.");
    Object at = copy;
    for (int i = 0; i < steps.length - 1; i++) {
      at = at instanceof JsonObject o ? o.getValue(steps[i]) : ((JsonArray) at).getValue(Integer.parseInt(steps[i]));
    }
    String last = steps[steps.length - 1];
    if (at instanceof JsonObject o) {
      o.put(last, value);
    } else {
      ((JsonArray) at).set(Integer.parseInt(last), value);
    }
    return copy;
  }

  public synchronized void count(int status) {
    requests++;
    statuses.merge(status, 1, Integer::sum);
  }

  public synchronized int requests() {
    return requests;
  }

  public synchronized Map<Integer, Integer> statuses() {
    return new TreeMap<>(statuses);
  }

  public synchronized long serverErrors() {
    return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
  }
}
