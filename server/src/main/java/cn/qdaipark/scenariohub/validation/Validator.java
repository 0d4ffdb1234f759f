package cn.qdaipark.scenariohub.validation;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  public String text(String field, boolean required, int min, int max) {
    Object raw = in.getValue(field);
    if (raw == null || raw instanceof String s && s.isBlank()) {
      if (required) {
        errors.put(field, "必填");
      }
      return "";
    }
    if (!(raw instanceof String s)) {
      errors.put(field, "必须是文本");
      return "";
    }
    String value = s.strip();
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      errors.put(field, "至少 " + min + " 个字");
    } else if (length > max) {
      errors.put(field, "不能超过 " + max + " 个字");
    } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      errors.put(field, "含有不可见的控制字符");
    }
    return value;
  }

  public String oneOf(String field, Collection<String> allowed, Map<String, String> aliases) {
    String value = text(field, true, 1, 40);
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
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        errors.put(field, "每一项都必须是非空文本");
        return List.of();
      }
      String v = s.strip();
      if (v.codePointCount(0, v.length()) > maxItemLength) {
        errors.put(field, "每一项不能超过 " + maxItemLength + " 个字");
        return List.of();
      }
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
    if (!(raw instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      errors.put(field, "必须是整数");
      return fallback;
    }
    long value = n.longValue();
    if (value < min || value > max) {
      errors.put(field, "应在 " + min + " 到 " + max + " 之间");
    }
    return value;
  }

  public Integer version(String field) {
    Object raw = in.getValue(field);
    if (!(raw instanceof Number n) || n.intValue() < 1) {
      errors.put(field, "缺少记录版本号（用于防止覆盖他人的修改）");
      return null;
    }
    return n.intValue();
  }

  public LocalDate date(String field, boolean required) {
    String raw = text(field, required, 10, 10);
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
