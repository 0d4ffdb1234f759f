package cn.qdaipark.scenariohub.posting;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.validation.Validator;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The editable fields of a challenge call or demand, validated the same way for API, pages and import. */
public record PostingInput(String title, String description, String domain, long budgetWan, LocalDate deadline,
                           List<String> requirements, String region) {
  static final long MAX_BUDGET_WAN = 10_000_000;

  public static PostingInput read(Validator v) {
    return new PostingInput(
        v.title("title", true, 2, 120),
        v.text("description", true, 10, 5000),
        v.oneOf("domain", Vocabulary.DOMAINS, Vocabulary.DOMAIN_ALIASES),
        v.wholeNumber("budgetWan", 0, 0, MAX_BUDGET_WAN),
        v.date("deadline", true),
        v.list("requirements", 1, 10, 200),
        v.line("region", false, 0, 60));
  }

  /** Reads a posting typed by a person now: its deadline must not already have passed. */
  public static PostingInput readNew(Validator v, LocalDate today) {
    PostingInput input = read(v);
    v.check(input.deadline() == null || !input.deadline().isBefore(today), "deadline", "截止日期不能早于今天");
    return input;
  }

  /**
   * Refuses a deadline already past when a posting is saved; checked after whether the posting may change at all,
   * so that editing a call past its deadline reads as that refusal, not as a complaint about the date.
   */
  void checkDeadline(LocalDate today) {
    if (deadline != null && deadline.isBefore(today)) {
      throw ApiException.validation(Map.of("deadline", "截止日期不能早于今天"));
    }
  }

  /** The text whose embedding represents the posting; the same text the index builds from a stored record. */
  public String matchText() {
    return new PostingDoc(0, "", "", title, description, domain, "", budgetWan, deadline, requirements, region, "", 0)
        .matchText();
  }

  public static String readKind(Validator v) {
    return v.oneOf("kind", Vocabulary.POSTING_KINDS, Map.of());
  }

  public static PostingInput validate(JsonObject body, LocalDate today) {
    Validator v = new Validator(body);
    PostingInput input = readNew(v, today);
    v.throwIfInvalid();
    return input;
  }
}
