package cn.qdaipark.scenariohub.index;

import java.util.List;

public record PostingMatch(long postingId, String sourceRef, double score, List<MatchReason> reasons) {
}
