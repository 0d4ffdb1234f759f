package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.index.SavedSearchMonitor;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A saved search as submitted, validated like /search: the same text limit and the same filters with the same
 * values; a filter the target does not have (track on postings, kind on solutions) is refused.
 */
record SavedSearchInput(String name, String query, String target, JsonObject filters) {
  static final int MAX_NAME = 60;
  static final int MAX_QUERY = 200;
  private static final Set<String> POSTING_FILTERS = Set.of("domain", "region", "kind");
  private static final Set<String> SOLUTION_FILTERS = Set.of("domain", "track", "maturity", "region");

  static SavedSearchInput read(JsonObject body) {
    Validator v = new Validator(body);
    String name = v.title("name", true, 1, MAX_NAME);
    String query = v.line("query", false, 0, MAX_QUERY);
    v.check(query.codePoints().noneMatch(Character::isLetterOrDigit) || SavedSearchMonitor.hasKeyWords(query), "query",
        "请至少包含一个两个字以上的词（单个字或纯数字无法用于搜索）");
    String target = v.oneOf("target", List.of(SavedSearch.POSTINGS, SavedSearch.SOLUTIONS), Map.of());
    Object rawFilters = body.getValue("filters");
    JsonObject filters = new JsonObject();
    if (rawFilters != null && !(rawFilters instanceof JsonObject)) {
      v.check(false, "filters", "必须是对象");
    } else if (rawFilters != null && !v.hasError("target")) {
      filters = readFilters((JsonObject) rawFilters, target, v);
    }
    v.throwIfInvalid();
    return new SavedSearchInput(name, query, target, filters);
  }

  private static JsonObject readFilters(JsonObject raw, String target, Validator parent) {
    Set<String> allowed = SavedSearch.SOLUTIONS.equals(target) ? SOLUTION_FILTERS : POSTING_FILTERS;
    for (String key : raw.fieldNames()) {
      if (!allowed.contains(key)) {
        throw ApiException.validation(Map.of("filters." + key, "搜索" + (SavedSearch.SOLUTIONS.equals(target) ? "方案" : "需求")
            + "时可用的筛选条件：" + String.join("、", allowed.stream().sorted().toList())));
      }
    }
    Validator v = new Validator(raw);
    JsonObject filters = new JsonObject();
    Object domain = raw.getValue("domain");
    if (domain instanceof String single) {
      raw = raw.copy().put("domain", new JsonArray().add(single));
      v = new Validator(raw);
    }
    List<String> domains = v.listOf("domain", 0, Vocabulary.DOMAINS.size(), Vocabulary.DOMAINS, Map.of());
    if (!domains.isEmpty()) {
      filters.put("domain", new JsonArray(domains));
    }
    optionalOneOf(v, raw, filters, "track", Vocabulary.TRACKS);
    optionalOneOf(v, raw, filters, "maturity", Vocabulary.MATURITIES);
    optionalOneOf(v, raw, filters, "kind", Vocabulary.POSTING_KINDS);
    String region = v.line("region", false, 0, 60);
    if (!region.isEmpty()) {
      filters.put("region", region);
    }
    v.errors().forEach((field, message) -> parent.check(false, "filters." + field, message));
    return filters;
  }

  private static void optionalOneOf(Validator v, JsonObject raw, JsonObject filters, String key, List<String> allowed) {
    Object value = raw.getValue(key);
    if (value == null || value instanceof String s && s.isBlank()) {
      return;
    }
    filters.put(key, v.oneOf(key, allowed, Map.of()));
  }
}
