package cn.qdaipark.scenariohub.response;

import cn.qdaipark.scenariohub.index.MatchReason;
import cn.qdaipark.scenariohub.index.PairFit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response with the matcher's fit of its best solution to the demand (0..100, the pairwise fit the review table
 * also shows); {@code fit} is empty when none of its solutions could be scored (未进入匹配), and such a response
 * ranks after every scored one.
 */
public record RankedResponse(DemandResponse response, Optional<PairFit> fit, Long fitSolutionId) {
  /** Best fit first; unscored last; ties in the order the responses arrived. */
  static final Comparator<RankedResponse> BEST_FIRST = Comparator
      .comparingInt((RankedResponse r) -> r.fit().map(PairFit::score).orElse(-1)).reversed()
      .thenComparing(r -> r.response().createdAt())
      .thenComparingLong(r -> r.response().id());
  static final int SHOWN_REASONS = 3;

  static RankedResponse of(DemandResponse response, Map<Long, PairFit> fits) {
    return response.solutionIds().stream().filter(fits::containsKey)
        .max(Comparator.comparingInt(id -> fits.get(id).score()))
        .map(id -> new RankedResponse(response, Optional.of(fits.get(id)), id))
        .orElse(new RankedResponse(response, Optional.empty(), null));
  }

  public int fitScore() {
    return fit.map(PairFit::score).orElse(0);
  }

  public List<MatchReason> topReasons() {
    return fit.map(f -> f.reasons().stream().limit(SHOWN_REASONS).toList()).orElse(List.of());
  }

  public JsonObject toJson() {
    return response.toJson()
        .put("fitScore", fitScore())
        .put("matched", fit.isPresent())
        .put("fitSolutionId", fitSolutionId)
        .put("fitSummary", fit.map(PairFit::summary).orElse("未进入匹配"))
        .put("fitReasons", new JsonArray(topReasons().stream()
            .map(r -> new JsonObject().put("kind", r.kind()).put("text", r.text())).toList()));
  }
}
