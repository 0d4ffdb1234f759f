package cn.qdaipark.scenariohub.index;

import java.util.List;

/**
 * The matcher's opinion of one posting–solution pair, for comparison with people's scores: {@code score} 0..100,
 * a one-line {@code summary} (满足 3/4 项要求 · 语义相似度 0.78) and the reasons behind it.
 */
public record PairFit(int score, String summary, List<MatchReason> reasons) {
}
