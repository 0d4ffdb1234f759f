package cn.qdaipark.scenariohub.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The issuer's ranked table: per application the average, lowest and highest score of each criterion over its
 * reviewers, the weighted total (Σ average × weight / 100), and the spread between reviewers (the highest minus the
 * lowest of their weighted totals, a sign that they disagree). Unscored applications rank last.
 */
public final class ReviewTable {
  private ReviewTable() {
  }

  public record Entry(long applicationId, String leadOrganization, List<String> partners, String status) {
  }

  public record Score(long applicationId, long reviewerId, String criterion, int score) {
  }

  public static JsonArray rank(Rubric rubric, List<Entry> entries, List<Score> scores) {
    Map<Long, List<Score>> byApplication = scores.stream().collect(Collectors.groupingBy(Score::applicationId));
    List<JsonObject> rows = new ArrayList<>();
    for (Entry entry : entries) {
      rows.add(row(rubric, entry, byApplication.getOrDefault(entry.applicationId(), List.of())));
    }
    rows.sort(Comparator.comparing((JsonObject r) -> r.getDouble("weightedTotal") == null ? -1 : r.getDouble("weightedTotal"))
        .reversed().thenComparing(r -> r.getLong("applicationId")));
    JsonArray ranked = new JsonArray();
    for (int i = 0; i < rows.size(); i++) {
      ranked.add(rows.get(i).put("rank", i + 1));
    }
    return ranked;
  }

  private static JsonObject row(Rubric rubric, Entry entry, List<Score> scores) {
    JsonArray criteria = new JsonArray();
    for (Rubric.Criterion c : rubric.criteria()) {
      DoubleSummaryStatistics stats = scores.stream().filter(s -> s.criterion().equals(c.name()))
          .mapToDouble(Score::score).summaryStatistics();
      boolean any = stats.getCount() > 0;
      criteria.add(new JsonObject()
          .put("name", c.name())
          .put("weight", c.weight())
          .put("average", any ? round(stats.getAverage()) : null)
          .put("min", any ? (int) stats.getMin() : null)
          .put("max", any ? (int) stats.getMax() : null)
          .put("spread", any ? (int) (stats.getMax() - stats.getMin()) : null));
    }
    Map<Long, List<Score>> byReviewer = scores.stream().collect(Collectors.groupingBy(Score::reviewerId));
    DoubleSummaryStatistics totals = byReviewer.values().stream().mapToDouble(list -> weighted(rubric, list))
        .summaryStatistics();
    boolean scored = totals.getCount() > 0;
    return new JsonObject()
        .put("applicationId", entry.applicationId())
        .put("leadOrganization", entry.leadOrganization())
        .put("partners", new JsonArray(entry.partners()))
        .put("status", entry.status())
        .put("reviewerCount", byReviewer.size())
        .put("criteria", criteria)
        .put("weightedTotal", scored ? round(totals.getAverage()) : null)
        .put("spread", scored ? round(totals.getMax() - totals.getMin()) : null);
  }

  /** One reviewer's weighted total: every reviewer scores every criterion, so this is on the full 0..100 scale. */
  private static double weighted(Rubric rubric, List<Score> scores) {
    double total = 0;
    for (Rubric.Criterion c : rubric.criteria()) {
      total += scores.stream().filter(s -> s.criterion().equals(c.name())).mapToInt(Score::score).findFirst().orElse(0)
          * c.weight() / 100.0;
    }
    return total;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
