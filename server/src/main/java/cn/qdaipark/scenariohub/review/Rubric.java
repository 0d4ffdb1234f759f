package cn.qdaipark.scenariohub.review;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.validation.Text;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scoring criteria of a call, each with a whole-number weight; the weights sum to 100. */
public record Rubric(List<Criterion> criteria) {
  static final int MAX_CRITERIA = 10;

  public record Criterion(String name, int weight) {
  }

  /** Reads {@code {criteria: [{name, weight}]}}; a 400 names what is wrong, e.g. weights summing to 90. */
  public static Rubric read(JsonObject body) {
    if (!(body.getValue("criteria") instanceof JsonArray array) || array.isEmpty()) {
      throw invalid("至少设置 1 项评分标准：[{name, weight}]");
    }
    if (array.size() > MAX_CRITERIA) {
      throw invalid("最多 " + MAX_CRITERIA + " 项评分标准");
    }
    List<Criterion> criteria = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject o) || !(o.getValue("name") instanceof String raw) || Text.blank(raw)) {
        throw invalid("每项评分标准都必须有名称 name");
      }
      String problem = Text.problem(raw, Text.Kind.TITLE);
      String name = Text.clean(raw, Text.Kind.TITLE);
      if (problem != null) {
        throw invalid("评分标准名称" + problem);
      }
      if (name.codePointCount(0, name.length()) > 40) {
        throw invalid("评分标准名称不能超过 40 个字：" + name);
      }
      if (!names.add(name)) {
        throw invalid("评分标准名称重复：" + name);
      }
      if (!(o.getValue("weight") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.intValue() < 1 || n.intValue() > 100) {
        throw invalid("「" + name + "」的权重必须是 1 到 100 之间的整数");
      }
      criteria.add(new Criterion(name, n.intValue()));
    }
    int sum = criteria.stream().mapToInt(Criterion::weight).sum();
    if (sum != 100) {
      throw invalid("各项权重之和必须为 100，当前为 " + sum);
    }
    return new Rubric(List.copyOf(criteria));
  }

  static Rubric fromJson(JsonArray stored) {
    List<Criterion> criteria = new ArrayList<>();
    stored.forEach(o -> criteria.add(new Criterion(((JsonObject) o).getString("name"), ((JsonObject) o).getInteger("weight"))));
    return new Rubric(List.copyOf(criteria));
  }

  public JsonArray toJson() {
    JsonArray array = new JsonArray();
    criteria.forEach(c -> array.add(new JsonObject().put("name", c.name()).put("weight", c.weight())));
    return array;
  }

  public boolean has(String name) {
    return criteria.stream().anyMatch(c -> c.name().equals(name));
  }

  private static ApiException invalid(String message) {
    return ApiException.validation(Map.of("criteria", message));
  }
}
