package cn.qdaipark.scenariohub.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores one posting–solution pair without ranking the catalogue. The fit is 60 % requirement coverage (the mean
 * share of each requirement line's key terms found in the solution, see RequirementCoverage) plus 40 % semantic
 * similarity (the cosine of the two stored vectors rescaled from [0.3, 0.9] to [0, 1], as unrelated texts of
 * this model rarely fall below 0.3 and near-paraphrases reach 0.9), times 100. Without any line that can be judged
 * the fit is the semantic part alone; without a vector it is the coverage alone.
 */
final class PairFitScorer {
    static final double COVERAGE_SHARE = 0.6;
    static final double COSINE_FLOOR = 0.3;
    static final double COSINE_CEILING = 0.9;

    private final RequirementCoverage coverage;

    PairFitScorer(RequirementCoverage coverage) {
        this.coverage = coverage;
    }

    PairFit fit(PostingDoc posting, float[] postingVector, SolutionDoc solution, float[] solutionVector) {
        RequirementCoverage.Result covered = coverage.check(posting.requirements(), solution.matchText());
        Double cosine = postingVector == null || solutionVector == null ? null
                : Vectors.cosine(postingVector, solutionVector);
        List<MatchReason> reasons = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        if (!covered.lines().isEmpty()) {
            reasons.add(covered.reason());
            summary.add("满足 " + covered.coveredCount() + "/" + covered.lines().size() + " 项要求");
        }
        if (cosine != null) {
            String text = String.format(Locale.ROOT, "语义相似度 %.2f", cosine);
            reasons.add(new MatchReason(MatchReason.SEMANTIC, text));
            summary.add(text);
        }
        return new PairFit((int) Math.round(100 * share(covered, cosine)), String.join(" · ", summary), reasons);
    }

    private static double share(RequirementCoverage.Result covered, Double cosine) {
        Double semantic = cosine == null ? null
                : Math.max(0, Math.min(1, (cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)));
        if (covered.lines().isEmpty()) {
            return semantic == null ? 0 : semantic;
        }
        return semantic == null ? covered.score() : COVERAGE_SHARE * covered.score() + (1 - COVERAGE_SHARE) * semantic;
    }
}
