package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The buyer's acceptance of a demand's pilot (先试后转): each requirement met / partly / not met with a comment,
 * and an overall conclusion; passed lands the demand, failed keeps it in pilot with these findings.
 */
public record DemandAcceptance(long id, long postingId, long responseId, JsonArray items, String conclusion,
                               String summary, OffsetDateTime createdAt) {
  public static final String PASSED = "passed";
  public static final String FAILED = "failed";

  static DemandAcceptance fromRow(Row row) {
    Object items = row.getJson("items");
    return new DemandAcceptance(row.getLong("id"), row.getLong("posting_id"), row.getLong("response_id"),
        items instanceof JsonArray a ? a : new JsonArray(), row.getString("conclusion"), row.getString("summary"),
        row.getOffsetDateTime("created_at"));
  }

  public boolean passed() {
    return PASSED.equals(conclusion);
  }

  public JsonObject toJson() {
    JsonArray labelled = new JsonArray();
    items.forEach(i -> labelled.add(((JsonObject) i).copy()
        .put("verdictLabel", Verdict.label(((JsonObject) i).getString("verdict")))));
    return new JsonObject().put("id", id).put("postingId", postingId).put("responseId", responseId)
        .put("items", labelled).put("conclusion", conclusion).put("summary", summary)
        .put("createdAt", createdAt.toString());
  }

  /** What the buyer submits: {@code {scores: [{requirement, verdict, comment}], conclusion, summary}}. */
  public record Input(List<Score> scores, String conclusion, String summary) {
    public boolean passed() {
      return PASSED.equals(conclusion);
    }

    JsonArray itemsJson() {
      JsonArray list = new JsonArray();
      scores.forEach(s -> list.add(new JsonObject().put("requirement", s.requirement()).put("verdict", s.verdict())
          .put("comment", s.comment())));
      return list;
    }

    /** Reads and checks the acceptance against the demand's requirements; a pass with a requirement not met is refused. */
    public static Input read(JsonObject body, List<String> requirements, long userId) {
      Validator v = new Validator(body);
      String conclusion = v.oneOf("conclusion", List.of(PASSED, FAILED), Map.of());
      String summary = v.text("summary", false, 0, ScoreSheet.MAX_COMMENT);
      v.throwIfInvalid();
      List<Score> scores = ScoreSheet.read(body, requirements, userId);
      if (PASSED.equals(conclusion) && scores.stream().anyMatch(s -> Verdict.NOT_MET.equals(s.verdict()))) {
        throw ApiException.validation(Map.of("conclusion", "有考核指标未达到，不能作出验收通过的结论"));
      }
      if (FAILED.equals(conclusion) && summary.isEmpty()) {
        throw ApiException.validation(Map.of("summary", "验收不通过时，请说明需要整改的问题"));
      }
      return new Input(scores, conclusion, summary);
    }
  }
}
