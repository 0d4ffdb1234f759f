package cn.qdaipark.scenariohub.index;

/**
 * The knobs of search and matching, in one place so they can be tuned against a labelled collection (see
 * MatchEvaluation).
 *
 * <p>Catalogue search (short typed queries):
 *
 * @param titleBoost      extra BM25 boost of title words on top of the all-text field
 * @param keyFieldBoost   extra BM25 boost of tags (solutions) / requirement lines (postings)
 * @param bigramWeight    weight of the CJK bigram fields relative to the word fields
 * @param synonymWeight   weight of thesaurus expansions relative to the words actually written
 * @param maxWordTerms    how many of the most informative words of a text become query terms (and match
 *                        explanation candidates)
 * @param maxBigramTerms  how many of the most informative bigrams become query terms
 * @param searchTextShare share of the (max-normalized) BM25 score when a query vector re-ranks search hits; the
 *                        rest is cosine similarity
 *
 * <p>Matching (a whole posting or solution as the query, see HybridMatcher):
 *
 * @param textWeight      weight of the lexical ranking (BM25 over characters and bigrams) in rank fusion
 * @param vectorWeight    weight of the k-NN ranking in rank fusion
 * @param domainWeight    fusion bonus when the solution serves the posting's scenario domain
 * @param coverageWeight  fusion bonus times the share of requirement lines the solution covers
 * @param feedbackDocs    how many of the best first-round matches feed the expanded second-round text query
 * @param feedbackWeight  share of the expanded text query that comes from those matches (the rest is the text)
 * @param candidates      how deep each retriever goes before fusion
 */
record HybridWeights(
        float titleBoost,
        float keyFieldBoost,
        float bigramWeight,
        float synonymWeight,
        int maxWordTerms,
        int maxBigramTerms,
        double searchTextShare,
        double textWeight,
        double vectorWeight,
        double domainWeight,
        double coverageWeight,
        int feedbackDocs,
        double feedbackWeight,
        int candidates) {

    /**
     * Matching is tuned on shared/eval/dev, preferring round values on broad plateaus. The fusion bonuses are in
     * reciprocal-rank units (rank 1 contributes weight/61): 0.005 for the domain is worth a few places, a fully
     * covered requirement list about ten. 100 candidates per retriever: with 64 or fewer k-NN candidates one dev
     * demand loses a relevant solution that only a deep vector rank brings into the top ten (the server's
     * {@code eval}: HYBRID nDCG@10 0.8954 → 0.8935), although each retriever costs about in proportion to its depth.
     */
    static final HybridWeights DEFAULT = new HybridWeights(0.3f, 0.3f, 1.0f, 0.5f, 48, 96, 0.2,
            2.0, 1.0, 0.005, 0.01, 5, 0.5, 100);
}
