package cn.qdaipark.scenariohub.solution;

import cn.qdaipark.scenariohub.index.SolutionDoc;
import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The editable fields of a solution, validated; the same rules serve the API, the pages and the import. */
public record SolutionInput(String title, String summary, String description, List<String> domains, String track,
                            List<String> tags, String maturity, String region, List<String> cases, String priceRange) {

  /** Reads and checks every field, recording problems in the validator (the caller decides when to throw). */
  public static SolutionInput read(Validator v) {
    return new SolutionInput(
        v.title("title", true, 2, 120),
        v.line("summary", true, 4, 200),
        v.text("description", true, 10, 5000),
        v.listOf("domains", 1, 2, Vocabulary.DOMAINS, Vocabulary.DOMAIN_ALIASES),
        v.oneOf("track", Vocabulary.TRACKS, Map.of()),
        v.list("tags", 0, 10, 30),
        v.oneOf("maturity", Vocabulary.MATURITIES, Map.of()),
        v.line("region", false, 0, 60),
        v.list("cases", 0, 5, 300),
        v.line("priceRange", false, 0, 60));
  }

  /** The text whose embedding represents the solution; the same text the index builds from a stored record. */
  public String matchText() {
    return new SolutionDoc(0, "", title, summary, description, domains, track, tags, maturity, "", region, cases,
        priceRange, "", 0).matchText();
  }

  public static SolutionInput validate(JsonObject body) {
    Validator v = new Validator(body);
    SolutionInput input = read(v);
    v.throwIfInvalid();
    return input;
  }
}
