package cn.qdaipark.scenariohub.response;

import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** What a provider sends in answer to a demand: a short proposal and 1 to 5 of its own published solutions. */
public record ResponseInput(String proposal, List<Long> solutionIds) {
  public static final int MIN_PROPOSAL = 10;
  public static final int MAX_PROPOSAL = 2000;
  public static final int MAX_SOLUTIONS = 5;

  /** Reads and checks the fields; every bad field is named in one 400. */
  public static ResponseInput read(JsonObject body) {
    Validator v = new Validator(body);
    String proposal = v.text("proposal", true, MIN_PROPOSAL, MAX_PROPOSAL);
    List<Long> ids = solutionIds(body.getValue("solutionIds"), v);
    v.throwIfInvalid();
    return new ResponseInput(proposal, ids);
  }

  /** The reason of a decline, which the provider reads: required, one short text. */
  public static String reason(JsonObject body) {
    Validator v = new Validator(body);
    String reason = v.text("reason", true, 2, 500);
    v.throwIfInvalid();
    return reason;
  }

  private static List<Long> solutionIds(Object raw, Validator v) {
    List<Long> ids = new ArrayList<>();
    if (raw != null && !(raw instanceof JsonArray)) {
      v.check(false, "solutionIds", "必须是方案编号的列表");
      return ids;
    }
    for (Object item : raw == null ? new JsonArray() : (JsonArray) raw) {
      if (!(item instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
        v.check(false, "solutionIds", "必须是方案编号的列表");
        return ids;
      }
      if (!ids.contains(n.longValue())) {
        ids.add(n.longValue());
      }
    }
    v.check(!ids.isEmpty(), "solutionIds", "请至少选择 1 个本单位已发布的方案");
    v.check(ids.size() <= MAX_SOLUTIONS, "solutionIds", "最多选择 " + MAX_SOLUTIONS + " 个方案");
    return ids;
  }
}
