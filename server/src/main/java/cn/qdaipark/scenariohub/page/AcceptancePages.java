package cn.qdaipark.scenariohub.page;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** 验收 in the browser: the call page's section, the round page (panel, scoring, conclusion), the demand's form. */
final class AcceptancePages {
  /** The context key of the acceptance a buyer typed, to re-show it with the refusal. */
  static final String TYPED = "acceptanceTyped";

  /** The demand acceptance form ({@code requirement_i, verdict_i, comment_i, conclusion, summary}) as the API's body. */
  static JsonObject demandAcceptance(MultiMap form) {
    return new JsonObject().put("scores", sheet(form)).put("conclusion", form.get("conclusion"))
        .put("summary", form.get("summary"));
  }

  /** The verdict rows of a form, {@code requirement_i, verdict_i, comment_i} for i = 0, 1, …. */
  static JsonArray sheet(MultiMap form) {
    JsonArray scores = new JsonArray();
    for (int i = 0; i < 100 && form.get("requirement_" + i) != null; i++) {
      scores.add(new JsonObject().put("requirement", form.get("requirement_" + i))
          .put("verdict", form.get("verdict_" + i)).put("comment", form.get("comment_" + i)));
    }
    return scores;
  }
}
