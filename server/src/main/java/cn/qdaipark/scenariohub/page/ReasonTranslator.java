package cn.qdaipark.scenariohub.page;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Match reasons and fit summaries in the page's language. The index explains matches in Chinese (the API's
 * contract, see index/MatchExplainer, RequirementCoverage, PairFitScorer); English pages re-word each known reason,
 * keeping the words and requirement lines quoted from the records (with any {@code <mark>}) as they are.
 */
final class ReasonTranslator {
  private static final String SUMMARY_SEPARATOR = " · ";
  private static final Rewording REASONS = new Rewording()
      .rule("命中关键词：(.+)", "reason_terms")
      .rule("语义相似度 (-?[0-9.]+)", "reason_semantic")
      .rule("同属(.+)场景", "reason_domain", 1)
      .rule("赛道契合：(.+?)（需求提到(.+)）", "reason_track", 1)
      .rule("满足 (\\d+)/(\\d+) 项要求：(.*)", "reason_requirements")
      .rule("满足 (\\d+)/(\\d+) 项要求", "reason_requirements_count")
      .rule("同在(.+)", "reason_region", 1);

  private ReasonTranslator() {
  }

  /** One reason's text; the keywords of 命中关键词 are listed with commas rather than 「、」. */
  static String reason(String text, Messages m) {
    if (text == null || !m.english()) {
      return text;
    }
    String english = REASONS.english(text, m);
    if (english == null) {
      return text;
    }
    return text.startsWith("命中关键词：") || text.startsWith("赛道契合：") ? english.replace("、", ", ") : english;
  }

  /** A fit summary: reasons joined by " · " (满足 2/3 项要求 · 语义相似度 0.81). */
  static String summary(String summary, Messages m) {
    if (summary == null || !m.english()) {
      return summary;
    }
    return Arrays.stream(summary.split(SUMMARY_SEPARATOR, -1)).map(part -> reason(part, m))
        .collect(Collectors.joining(SUMMARY_SEPARATOR));
  }
}
