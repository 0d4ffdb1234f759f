package cn.qdaipark.scenariohub.index;

/**
 * The knobs of matching, in one place so they can be tuned against a labelled collection (see MatchEvaluation).
 *
 * @param titleBoost     extra BM25 boost of title words on top of the all-text field
 * @param keyFieldBoost  extra BM25 boost of tags (solutions) / requirement lines (postings)
 * @param bigramWeight   weight of the CJK bigram fields relative to the word fields
 * @param synonymWeight  weight of thesaurus expansions relative to the words actually written
 * @param maxWordTerms   how many of the most informative words of a long text become query terms
 * @param maxBigramTerms how many of the most informative bigrams become query terms
 * @param textWeight     hybrid weight of BM25 (normalized by the best BM25 score among candidates)
 * @param vectorWeight   hybrid weight of cosine similarity (min-max normalized over candidates)
 * @param domainWeight   hybrid bonus when the solution serves the posting's scenario domain
 * @param coverageWeight hybrid weight of the fraction of requirement lines the solution covers
 * @param candidates     how deep each retriever goes before fusion
 */
record HybridWeights(
        float titleBoost,
        float keyFieldBoost,
        float bigramWeight,
        float synonymWeight,
        int maxWordTerms,
        int maxBigramTerms,
        double textWeight,
        double vectorWeight,
        double domainWeight,
        double coverageWeight,
        int candidates) {

    /** Tuned on shared/eval/dev (see MatchEvaluation); BM25 adds little on its own there, the priors add most. */
    static final HybridWeights DEFAULT = new HybridWeights(0.3f, 0.3f, 1.0f, 0.5f, 48, 96, 0.2, 0.8, 0.2, 0.2, 100);
}
