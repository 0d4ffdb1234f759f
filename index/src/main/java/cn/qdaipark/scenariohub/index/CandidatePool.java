package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity.SimScorer;

/**
 * The documents one match ranks with its whole weighted gram queries (see HybridMatcher), and each gram's BM25
 * score in each of them, computed once per match: the feedback round reuses the scores of the grams the first
 * round already looked at. The frequencies of the grams of one or two characters come from each pool document's
 * own gram counts ({@link GramCounts}), since a common gram's postings span most of the index;
 * longer grams (rare Latin words) advance their postings from one pool document to the next. Both give BM25 the same
 * frequency and length norm as a search over the index.
 */
final class CandidatePool {
    /** Below this many documents a pool is scored on the caller's thread alone. */
    private static final int MIN_DOCS_TO_SHARE = 128;

    private final IndexSearcher searcher;
    private final FeedbackQueries.Grams grams;
    private final Executor helpers;
    private final int[] docs;
    /**
     * BM25 score of the gram (boost 1) per pool document, 0 where it does not occur; null when no document of the
     * index has it, or (longer grams) none of the pool.
     */
    private final Map<String, float[]> scores = new HashMap<>();
    private final GramNorms norms;

    /** {@code helpers} score part of the pool's gram counts beside the caller (see HelperTask). */
    CandidatePool(IndexSearcher searcher, FeedbackQueries.Grams grams, GramNorms norms, Executor helpers,
            Collection<Integer> docs) {
        this.searcher = searcher;
        this.grams = grams;
        this.norms = norms;
        this.helpers = helpers;
        this.docs = docs.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    }

    /**
     * The {@code depth} best pool documents for a disjunction of weighted grams, best first and ties to the lower doc
     * id like {@link IndexSearcher#search}; documents matching none of the grams are left out.
     */
    ScoreDoc[] top(Map<String, Double> weights, int depth) throws IOException {
        scoreNew(weights.keySet());
        double[] total = new double[docs.length];
        boolean[] matched = new boolean[docs.length];
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            float[] gram = scores.get(e.getKey());
            if (gram == null) {
                continue;
            }
            double weight = e.getValue();
            for (int i = 0; i < docs.length; i++) {
                if (gram[i] != 0) {
                    total[i] += weight * gram[i];
                    matched[i] = true;
                }
            }
        }
        List<ScoreDoc> hits = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            if (matched[i]) {
                hits.add(new ScoreDoc(docs[i], (float) total[i]));
            }
        }
        hits.sort(Comparator.comparingDouble((ScoreDoc h) -> h.score).reversed().thenComparingInt(h -> h.doc));
        return hits.subList(0, Math.min(depth, hits.size())).toArray(ScoreDoc[]::new);
    }

    /** Scores the grams not scored yet: the counted ones together, in one pass over the pool's gram counts. */
    private void scoreNew(Collection<String> wanted) throws IOException {
        List<String> counted = new ArrayList<>();
        for (String gram : wanted) {
            if (scores.containsKey(gram)) {
                continue;
            }
            if (GramCounts.isCounted(gram)) {
                counted.add(gram);
            } else {
                scores.put(gram, postingsScores(gram));
            }
        }
        if (!counted.isEmpty()) {
            countedScores(counted);
        }
    }

    private void countedScores(List<String> counted) throws IOException {
        counted.sort(Comparator.comparingLong(GramCounts::key));
        long[] keys = new long[counted.size()];
        SimScorer[] bm25 = new SimScorer[counted.size()];
        float[][] out = new float[counted.size()][];
        for (int g = 0; g < keys.length; g++) {
            keys[g] = GramCounts.key(counted.get(g));
            bm25[g] = grams.bm25(counted.get(g), 1f);
            if (bm25[g] != null) {
                out[g] = new float[docs.length];
            }
        }
        inShares((leaf, from, to) -> {
            BinaryDocValues values = DocValues.getBinary(leaf.reader(), IndexFields.TEXT_GRAM_COUNTS);
            byte[] lengths = norms.of(leaf);
            int[] freqs = new int[keys.length];
            for (int i = from; i < to; i++) {
                if (!values.advanceExact(docs[i] - leaf.docBase)) {
                    continue;
                }
                GramCounts.frequencies(values.binaryValue(), keys, freqs);
                for (int g = 0; g < keys.length; g++) {
                    if (freqs[g] > 0 && bm25[g] != null) {
                        out[g][i] = bm25[g].score(freqs[g], lengths[docs[i] - leaf.docBase]);
                    }
                }
            }
        });
        for (int g = 0; g < keys.length; g++) {
            scores.put(counted.get(g), out[g]);
        }
    }

    private float[] postingsScores(String gram) throws IOException {
        if (grams.docFreq(gram) == 0) {
            return null;
        }
        Weight weight = searcher.createWeight(grams.query(gram), ScoreMode.COMPLETE, 1f);
        float[] out = new float[docs.length];
        boolean[] any = {false};
        bySegment((leaf, from, to) -> {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                return;
            }
            DocIdSetIterator it = scorer.iterator();
            for (int i = from; i < to; i++) {
                int target = docs[i] - leaf.docBase;
                int at = it.docID() < target ? it.advance(target) : it.docID();
                if (at == target) {
                    out[i] = scorer.score();
                    any[0] = true;
                }
            }
        });
        return any[0] ? out : null;
    }

    /** Pool documents {@code from} (inclusive) to {@code to} (exclusive) lie in this segment. */
    private interface SegmentRange {
        void visit(LeafReaderContext leaf, int from, int to) throws IOException;
    }

    /** Visits each segment that holds pool documents once, in doc id order. */
    private void bySegment(SegmentRange range) throws IOException {
        bySegment(0, docs.length, range);
    }

    /** Visits the pool documents {@code start} (inclusive) to {@code end} (exclusive), a segment at a time. */
    private void bySegment(int start, int end, SegmentRange range) throws IOException {
        int i = start;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            int from = i;
            int segmentEnd = leaf.docBase + leaf.reader().maxDoc();
            while (i < end && docs[i] < segmentEnd) {
                i++;
            }
            if (i > from) {
                range.visit(leaf, from, i);
            }
        }
    }

    /**
     * Visits all pool documents, the first half on the caller's thread and the second on a helper's (or the caller's
     * when none is free); the visits must write to disjoint places.
     */
    private void inShares(SegmentRange range) throws IOException {
        if (docs.length < MIN_DOCS_TO_SHARE) {
            bySegment(range);
            return;
        }
        int half = docs.length / 2;
        HelperTask<Void> second = new HelperTask<>(helpers, () -> {
            bySegment(half, docs.length, range);
            return null;
        });
        try {
            bySegment(0, half, range);
        } catch (IOException | RuntimeException e) {
            HelperTask.cancelAll(List.of(second));
            throw e;
        }
        second.join();
    }
}
