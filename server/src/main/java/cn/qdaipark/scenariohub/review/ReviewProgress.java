package cn.qdaipark.scenariohub.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How far the review of a call has come, from its (application, reviewer) pairs: per application who scored, who is
 * still expected, who recused (and why) and who is excused by the automatic conflict of interest.
 */
public record ReviewProgress(List<ReviewRepository.Pair> pairs) {

  /** The reviewers who still owe a score on at least one application, by name. */
  public List<String> reviewersMissing() {
    return pairs.stream().filter(p -> p.expected() && !p.scored()).map(ReviewRepository.Pair::reviewer).distinct().toList();
  }

  public JsonObject of(long applicationId) {
    List<ReviewRepository.Pair> mine = pairs.stream().filter(p -> p.applicationId() == applicationId).toList();
    List<ReviewRepository.Pair> expected = mine.stream().filter(ReviewRepository.Pair::expected).toList();
    JsonArray recused = new JsonArray();
    mine.stream().filter(p -> p.recusal() != null)
        .forEach(p -> recused.add(new JsonObject().put("reviewer", p.reviewer()).put("reason", p.recusal())));
    return new JsonObject()
        .put("scored", expected.stream().filter(ReviewRepository.Pair::scored).count())
        .put("expected", expected.size())
        .put("missing", new JsonArray(expected.stream().filter(p -> !p.scored()).map(ReviewRepository.Pair::reviewer).toList()))
        .put("recused", recused)
        .put("conflicted", new JsonArray(mine.stream().filter(ReviewRepository.Pair::conflicted)
            .map(ReviewRepository.Pair::reviewer).toList()));
  }

  /** The scores that count: a recused reviewer's earlier score of that application is left out of the totals. */
  public List<ReviewTable.Score> counted(List<ReviewTable.Score> scores) {
    Set<String> recused = pairs.stream().filter(p -> p.recusal() != null)
        .map(p -> p.applicationId() + ":" + p.reviewerId()).collect(Collectors.toSet());
    return scores.stream().filter(s -> !recused.contains(s.applicationId() + ":" + s.reviewerId())).toList();
  }
}
