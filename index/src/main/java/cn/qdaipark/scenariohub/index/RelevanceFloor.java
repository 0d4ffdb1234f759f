package cn.qdaipark.scenariohub.index;

/**
 * Tells a relevant search hit from one that merely shares a common word or sits near the query in the vector space.
 * Both measures are taken relative to the best hit of the same search, so the floor adapts to short and long
 * queries alike: a hit passes when its BM25 score is at least {@link #MIN_TEXT_SHARE} of the best one's, or its
 * cosine to the query is within {@link #COSINE_MARGIN} of the best cosine. On the demo catalogue's labelled
 * queries (DemoCatalogueSearchTest) this keeps 95% of the relevant hits of the top 10 and hides most unrelated ones
 * (无人机巡检 no longer shows patrol robots or port sensors as if they were drone inspection).
 */
final class RelevanceFloor {
    static final double MIN_TEXT_SHARE = 0.3;
    static final double COSINE_MARGIN = 0.1;

    private RelevanceFloor() {
    }

    /** {@code textShare}: BM25 divided by the best hit's BM25; cosines NaN when the search has no query vector. */
    static boolean passes(double textShare, double cosine, double bestCosine) {
        return textShare >= MIN_TEXT_SHARE || (!Double.isNaN(cosine) && cosine >= bestCosine - COSINE_MARGIN);
    }
}
