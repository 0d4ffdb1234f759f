package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.validation.Text;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a sheet of verdicts, {@code [{requirement, verdict, comment}]}, against the requirements it must cover:
 * each requirement once, a verdict of {@link Verdict#ALL}, a comment of at most 1000 characters, required unless met.
 */
public final class ScoreSheet {
  public static final int MAX_COMMENT = 1000;

  private ScoreSheet() {
  }

  public static List<Score> read(JsonObject body, List<String> requirements, long userId) {
    if (!(body.getValue("scores") instanceof JsonArray array)) {
      throw invalid("必须是列表：[{requirement, verdict, comment}]");
    }
    Map<String, Score> byRequirement = new LinkedHashMap<>();
    int index = 0;
    for (Object item : array) {
      index++;
      if (!(item instanceof JsonObject o) || !(o.getValue("requirement") instanceof String requirement)) {
        throw invalid("每一项都必须指明考核指标 requirement");
      }
      if (!requirements.contains(requirement)) {
        throw invalid("包含不属于该项目考核指标的项");
      }
      if (byRequirement.containsKey(requirement)) {
        throw invalid("「" + requirement + "」重复评价");
      }
      if (!(o.getValue("verdict") instanceof String verdict) || !Verdict.ALL.contains(verdict)) {
        throw invalid("「" + requirement + "」的结论必须是 met、partly 或 not_met");
      }
      Object raw = o.getValue("comment");
      String problem = raw == null ? null : raw instanceof String c ? Text.problem(c, Text.Kind.MULTI_LINE) : "必须是文本";
      if (problem != null) {
        throw invalid("第 " + index + " 项：" + problem);
      }
      String comment = raw instanceof String c ? Text.clean(c, Text.Kind.MULTI_LINE) : "";
      if (comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
        throw invalid("第 " + index + " 项：不能超过 " + MAX_COMMENT + " 个字");
      }
      if (Verdict.needsComment(verdict) && comment.isEmpty()) {
        throw invalid("「" + requirement + "」结论为部分达到或未达到时，请填写意见");
      }
      byRequirement.put(requirement, new Score(userId, requirement, verdict, comment));
    }
    List<String> missing = requirements.stream().filter(r -> !byRequirement.containsKey(r)).toList();
    if (!missing.isEmpty()) {
      throw invalid("请对每项考核指标给出结论，尚未评价：" + String.join("、", missing));
    }
    return List.copyOf(byRequirement.values());
  }

  private static ApiException invalid(String message) {
    return ApiException.validation(Map.of("scores", message));
  }
}
