package cn.qdaipark.scenariohub.index;

import java.util.List;

public record SolutionMatch(long solutionId, String sourceRef, double score, List<MatchReason> reasons) {
}
