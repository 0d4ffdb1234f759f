package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity.SimScorer;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.PriorityQueue;

/**
 * The first-stage text probe of a match (see HybridMatcher): the best documents for a weighted disjunction of a few
 * dozen grams over {@link IndexFields#TEXT_GRAMS}. Lucene's dynamic pruning gains little on such a query: its grams
 * are about equally rare and a few hundred hits are wanted, so nearly every posting is scored anyway, one document
 * at a time across all clauses. Here each gram's postings are added up term at a time, one score per document, with
 * the length norms from an array kept per segment, and the best documents are picked in one pass: the BM25 scores
 * of a {@code BooleanQuery} of boosted {@code TermQuery}s (up to the float rounding of the sums) and its hits, ties
 * to the lower doc id.
 *
 * <p>The doc id space is split into ranges of equal size searched side by side: the caller searches the first,
 * helper threads the others (see HelperTask), so an idle machine uses all its cores and a busy one loses nothing.
 */
final class GramProbe {
    private static final Comparator<ScoreDoc> BEST_FIRST =
            Comparator.comparingDouble((ScoreDoc hit) -> hit.score).reversed().thenComparingInt(hit -> hit.doc);

    private final Executor helpers;
    private final int ranges;
    private final GramNorms norms;

    GramProbe(Executor helpers, int ranges, GramNorms norms) {
        this.helpers = helpers;
        this.ranges = Math.max(1, ranges);
        this.norms = norms;
    }

    /**
     * The {@code n} best documents for the grams and their weights, restricted to {@code scope} (null: every live
     * document), best first.
     */
    ScoreDoc[] top(IndexSearcher searcher, FeedbackQueries.Grams grams, Map<String, Double> terms, Query scope, int n)
            throws IOException {
        List<Gram> scored = new ArrayList<>();
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            SimScorer bm25 = grams.bm25(e.getKey(), e.getValue().floatValue());
            if (bm25 != null) {
                scored.add(new Gram(new BytesRef(e.getKey()), grams.states(e.getKey()), bm25));
            }
        }
        if (scored.isEmpty() || n <= 0) {
            return new ScoreDoc[0];
        }
        Weight filter = scope == null ? null
                : searcher.createWeight(searcher.rewrite(scope), ScoreMode.COMPLETE_NO_SCORES, 1f);
        IndexReader reader = searcher.getIndexReader();
        List<byte[]> leafNorms = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            leafNorms.add(norms.of(leaf));
        }
        int maxDoc = reader.maxDoc();
        Search search = new Search(scored, filter, leafNorms, Math.min(n, Math.max(1, maxDoc)));
        List<HelperTask<List<ScoreDoc>>> others = new ArrayList<>();
        for (int r = 1; r < ranges; r++) {
            int from = bound(maxDoc, r);
            int to = bound(maxDoc, r + 1);
            others.add(new HelperTask<>(helpers, () -> search.range(reader, from, to)));
        }
        List<ScoreDoc> hits;
        try {
            hits = new ArrayList<>(search.range(reader, 0, bound(maxDoc, 1)));
        } catch (IOException | RuntimeException e) {
            HelperTask.cancelAll(others);
            throw e;
        }
        HelperTask.joinAll(others).forEach(hits::addAll);
        hits.sort(BEST_FIRST);
        return hits.subList(0, Math.min(n, hits.size())).toArray(ScoreDoc[]::new);
    }

    private int bound(int maxDoc, int range) {
        return (int) ((long) maxDoc * range / ranges);
    }

    /** One gram of the probe: where its postings are in each segment, and its weighted BM25. */
    private record Gram(BytesRef bytes, TermStates states, SimScorer bm25) {
    }

    /** What every range of one probe shares; read-only, so the ranges may run on any thread. */
    private record Search(List<Gram> grams, Weight filter, List<byte[]> norms, int n) {
        /** The {@code n} best documents from {@code from} (inclusive) to {@code to} (exclusive). */
        List<ScoreDoc> range(IndexReader reader, int from, int to) throws IOException {
            BestHits best = new BestHits(n);
            for (LeafReaderContext leaf : reader.leaves()) {
                int min = Math.max(0, from - leaf.docBase);
                int max = Math.min(leaf.reader().maxDoc(), to - leaf.docBase);
                if (min < max) {
                    collect(leaf, min, max, best);
                }
            }
            List<ScoreDoc> hits = new ArrayList<>(best.size());
            while (best.size() > 0) {
                hits.add(best.pop());
            }
            return hits;
        }

        private void collect(LeafReaderContext leaf, int min, int max, BestHits best) throws IOException {
            DocIdSetIterator inScope = null;
            if (filter != null) {
                Scorer scorer = filter.scorer(leaf);
                if (scorer == null) {
                    return;
                }
                inScope = scorer.iterator();
            }
            float[] scores = accumulate(leaf, min, max);
            Bits live = leaf.reader().getLiveDocs();
            if (inScope == null) {
                // Most documents score below the best so far: one comparison each, few mispredicted branches.
                for (int doc = min; doc < max; doc++) {
                    if (scores[doc - min] > best.threshold && (live == null || live.get(doc))) {
                        best.add(leaf.docBase + doc, scores[doc - min]);
                    }
                }
            } else {
                for (int doc = inScope.advance(min); doc < max; doc = inScope.nextDoc()) {
                    if (scores[doc - min] > best.threshold && (live == null || live.get(doc))) {
                        best.add(leaf.docBase + doc, scores[doc - min]);
                    }
                }
            }
        }

        private float[] accumulate(LeafReaderContext leaf, int min, int max) throws IOException {
            float[] scores = new float[max - min];
            Terms terms = leaf.reader().terms(IndexFields.TEXT_GRAMS);
            if (terms == null) {
                return scores;
            }
            byte[] lengths = norms.get(leaf.ord);
            TermsEnum termsEnum = terms.iterator();
            PostingsEnum postings = null;
            for (Gram gram : grams) {
                TermState state = gram.states().get(leaf);
                if (state == null) {
                    continue;
                }
                termsEnum.seekExact(gram.bytes(), state);
                postings = termsEnum.postings(postings, PostingsEnum.FREQS);
                SimScorer bm25 = gram.bm25();
                for (int doc = postings.advance(min); doc < max; doc = postings.nextDoc()) {
                    scores[doc - min] += bm25.score(postings.freq(), lengths[doc]);
                }
            }
            return scores;
        }
    }

    /** The best hits so far; the least of them (lowest score, then highest doc id) on top. */
    private static final class BestHits extends PriorityQueue<ScoreDoc> {
        private final int capacity;
        /**
         * What a hit on a higher doc id than all so far must score more than to make the best: 0 until there are
         * {@code capacity} hits (documents matching no gram score 0), then the least of them.
         */
        float threshold;

        BestHits(int capacity) {
            super(capacity);
            this.capacity = capacity;
        }

        @Override
        protected boolean lessThan(ScoreDoc a, ScoreDoc b) {
            return a.score < b.score || (a.score == b.score && a.doc > b.doc);
        }

        void add(int doc, float score) {
            insertWithOverflow(new ScoreDoc(doc, score));
            if (size() == capacity) {
                threshold = top().score;
            }
        }
    }
}
