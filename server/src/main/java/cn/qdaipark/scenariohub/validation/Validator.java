package cn.qdaipark.scenariohub.validation;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a JSON object, collecting one message per bad field instead of stopping at
 * the first; {@link #throwIfInvalid()} turns them into a 400 with every field named.
 */
public final class Validator {
  private final JsonObject in;
  private final Map<String, String> errors = new LinkedHashMap<>();

  public Validator(JsonObject in) {
    this.in = in;
  }

  /** A free text over one or more lines. */
  public String text(String field, boolean required, int min, int max) {
    return read(field, required, min, max, Text.Kind.MULTI_LINE);
  }

  /** A text of one line. */
  public String line(String field, boolean required, int min, int max) {
    return read(field, required, min, max, Text.Kind.LINE);
  }

  /** The title of a record. */
  public String title(String field, boolean required, int min, int max) {
    return read(field, required, min, max, Text.Kind.TITLE);
  }

  /** The name of an organization or a person, as {@link Text.Kind#NAME} stores it. */
  public String name(String field, boolean required, int min, int max) {
    return read(field, required, min, max, Text.Kind.NAME);
  }

  private String read(String field, boolean required, int min, int max, Text.Kind kind) {
    Object raw = in.getValue(field);
    if (raw == null || raw instanceof String s && Text.blank(s)) {
      if (required) {
        errors.put(field, "必填");
      }
      return "";
    }
    if (!(raw instanceof String s)) {
      errors.put(field, "必须是文本");
      return "";
    }
    String problem = Text.problem(s, kind);
    if (problem != null) {
      errors.put(field, problem);
      return "";
    }
    String value = Text.clean(s, kind);
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      errors.put(field, "至少 " + min + " 个字");
    } else if (length > max) {
      errors.put(field, "不能超过 " + max + " 个字");
    }
    return value;
  }

  public String oneOf(String field, Collection<String> allowed, Map<String, String> aliases) {
    String value = line(field, true, 1, 40);
    if (errors.containsKey(field)) {
      return value;
    }
    String canonical = aliases.getOrDefault(value, value);
    if (!allowed.contains(canonical)) {
      errors.put(field, "取值必须是以下之一：" + String.join("、", allowed));
    }
    return canonical;
  }

  public List<String> list(String field, int minItems, int maxItems, int maxItemLength) {
    Object raw = in.getValue(field);
    if (raw == null) {
      raw = new JsonArray();
    }
    if (!(raw instanceof JsonArray array)) {
      errors.put(field, "必须是列表");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String problem = itemProblem(array.getValue(i), i, maxItemLength);
      if (problem != null) {
        errors.put(field, problem);
        return List.of();
      }
      String v = Text.clean(array.getString(i), Text.Kind.LINE);
      if (!values.contains(v)) {
        values.add(v);
      }
    }
    if (values.size() < minItems) {
      errors.put(field, minItems == 1 ? "至少填写 1 项" : "至少填写 " + minItems + " 项");
    } else if (values.size() > maxItems) {
      errors.put(field, "最多 " + maxItems + " 项");
    }
    return values;
  }

  private static String itemProblem(Object item, int index, int maxLength) {
    if (!(item instanceof String s) || Text.blank(s)) {
      return "每一项都必须是非空文本";
    }
    String problem = Text.problem(s, Text.Kind.LINE);
    if (problem != null) {
      return "第 " + (index + 1) + " 项：" + problem;
    }
    String v = Text.clean(s, Text.Kind.LINE);
    return v.codePointCount(0, v.length()) > maxLength ? "每一项不能超过 " + maxLength + " 个字" : null;
  }

  public List<String> listOf(String field, int minItems, int maxItems, Collection<String> allowed, Map<String, String> aliases) {
    List<String> values = list(field, minItems, maxItems, 40).stream().map(v -> aliases.getOrDefault(v, v)).distinct().toList();
    for (String v : values) {
      if (!allowed.contains(v)) {
        errors.put(field, "「" + v + "」不是有效取值，可选：" + String.join("、", allowed));
      }
    }
    return values;
  }

  public long wholeNumber(String field, long fallback, long min, long max) {
    Object raw = in.getValue(field);
    if (raw == null) {
      return fallback;
    }
    BigDecimal n = integral(raw);
    if (n == null) {
      errors.put(field, "必须是整数");
      return fallback;
    }
    if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      errors.put(field, "应在 " + min + " 到 " + max + " 之间");
      return fallback;
    }
    return n.longValueExact();
  }

  public Integer version(String field) {
    Object raw = in.getValue(field);
    if (!(raw instanceof Number)) {
      errors.put(field, "缺少记录版本号（用于防止覆盖他人的修改）");
      return null;
    }
    BigDecimal n = integral(raw);
    if (n == null || n.signum() <= 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      errors.put(field, "记录版本号必须是正整数");
      return null;
    }
    return n.intValueExact();
  }

  /** The value of a JSON number with no fractional part (1 and 1.0, not 1.5), else null. */
  public static BigDecimal integral(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    BigDecimal value;
    if (raw instanceof BigDecimal decimal) {
      value = decimal;
    } else if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
      value = BigDecimal.valueOf(n.doubleValue());
    } else {
      return null;
    }
    try {
      return value.setScale(0, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException fractional) {
      return null;
    }
  }

  public LocalDate date(String field, boolean required) {
    String raw = line(field, required, 10, 10);
    if (raw.isEmpty() || errors.containsKey(field)) {
      if (errors.containsKey(field) && !raw.isEmpty()) {
        errors.put(field, "日期格式应为 YYYY-MM-DD");
      }
      return null;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      errors.put(field, "日期格式应为 YYYY-MM-DD");
      return null;
    }
  }

  public void check(boolean ok, String field, String message) {
    if (!ok && !errors.containsKey(field)) {
      errors.put(field, message);
    }
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  public Map<String, String> errors() {
    return Map.copyOf(errors);
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }
}
