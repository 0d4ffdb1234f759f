package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structured proposal of an application: technical approach, how each 考核指标 of the call is met, schedule,
 * team and budget, plus the lead organization's solutions it offers.
 */
public record ProposalInput(String approach, Map<String, String> requirementAnswers, String schedule, String team,
                            long budgetWan, List<Long> solutionIds) {
  static final int MAX_SOLUTIONS = 5;

  /** Reads and checks a proposal against the call it answers; every bad field is named. */
  public static ProposalInput read(JsonObject body, Posting posting) {
    Validator v = new Validator(body);
    String approach = v.text("approach", true, 10, 5000);
    String schedule = v.text("schedule", true, 2, 2000);
    String team = v.text("team", true, 2, 2000);
    long budget = v.wholeNumber("budgetWan", -1, 0, 10_000_000);
    v.check(budget >= 0, "budgetWan", "必填");
    v.check(posting.budgetWan() == 0 || budget <= posting.budgetWan(), "budgetWan",
        "申报预算不能超过榜单支持资金 " + posting.budgetWan() + " 万元");
    Map<String, String> answers = answers(body.getValue("requirementAnswers"), v);
    List<String> missing = posting.requirements().stream().filter(r -> answers.getOrDefault(r, "").isBlank()).toList();
    v.check(missing.isEmpty(), "requirementAnswers", "请逐项说明如何满足考核指标，尚未填写：" + String.join("；", missing));
    List<Long> solutions = solutionIds(body.getValue("solutionIds"), v);
    v.throwIfInvalid();
    return new ProposalInput(approach, answers, schedule, team, budget, solutions);
  }

  private static Map<String, String> answers(Object raw, Validator v) {
    Map<String, String> answers = new LinkedHashMap<>();
    if (raw == null) {
      return answers;
    }
    if (!(raw instanceof JsonArray array)) {
      v.check(false, "requirementAnswers", "必须是列表：[{requirement, answer}]");
      return answers;
    }
    for (Object item : array) {
      if (!(item instanceof JsonObject o) || !(o.getValue("requirement") instanceof String r)
          || !(o.getValue("answer") instanceof String a)) {
        v.check(false, "requirementAnswers", "每一项都必须包含考核指标 requirement 和说明 answer");
        return answers;
      }
      String problem = Text.problem(r, Text.Kind.LINE) != null ? Text.problem(r, Text.Kind.LINE)
          : Text.problem(a, Text.Kind.MULTI_LINE);
      if (problem != null) {
        v.check(false, "requirementAnswers", "第 " + (answers.size() + 1) + " 项：" + problem);
        return answers;
      }
      String answer = Text.clean(a, Text.Kind.MULTI_LINE);
      if (answer.codePointCount(0, answer.length()) > 2000) {
        v.check(false, "requirementAnswers", "每项说明不能超过 2000 个字");
        return answers;
      }
      answers.put(Text.clean(r, Text.Kind.LINE), answer);
    }
    return answers;
  }

  private static List<Long> solutionIds(Object raw, Validator v) {
    List<Long> ids = new ArrayList<>();
    if (raw == null) {
      return ids;
    }
    if (!(raw instanceof JsonArray array)) {
      v.check(false, "solutionIds", "必须是方案编号的列表");
      return ids;
    }
    for (Object item : array) {
      if (!(item instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
        v.check(false, "solutionIds", "必须是方案编号的列表");
        return ids;
      }
      if (!ids.contains(n.longValue())) {
        ids.add(n.longValue());
      }
    }
    v.check(ids.size() <= MAX_SOLUTIONS, "solutionIds", "最多提供 " + MAX_SOLUTIONS + " 个方案");
    return ids;
  }

  /** The proposal as stored: answers follow the order of the call's requirements. */
  JsonObject toJson(Posting posting) {
    JsonArray answerJson = new JsonArray();
    posting.requirements().forEach(r -> answerJson.add(new JsonObject().put("requirement", r)
        .put("answer", requirementAnswers.getOrDefault(r, ""))));
    return new JsonObject()
        .put("approach", approach)
        .put("requirementAnswers", answerJson)
        .put("schedule", schedule)
        .put("team", team)
        .put("budgetWan", budgetWan);
  }
}
