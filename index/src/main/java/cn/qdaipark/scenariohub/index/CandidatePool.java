package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity.SimScorer;

/**
 * The documents one match ranks with its whole weighted gram queries (see HybridMatcher), and each gram's BM25
 * score in each of them, computed once per match: the feedback round reuses the scores of the grams the first
 * round already looked at. A bigram's postings are advanced from one pool document to the next; a single
 * character's frequency is looked up in each pool document's own character counts ({@link CharacterCounts}), read
 * once per match, since a common character's postings span most of the index. Both give BM25 the same frequency
 * and length norm as a search over the index.
 */
final class CandidatePool {
    private final IndexSearcher searcher;
    private final FeedbackQueries.Grams grams;
    private final int[] docs;
    /** BM25 score of the gram (boost 1) per pool document, 0 where it does not occur; null when it occurs in none. */
    private final Map<String, float[]> scores = new HashMap<>();
    /** Character counts and length norms of the pool documents, read on first use. */
    private CharacterCounts.Counts[] characters;
    private long[] norms;

    CandidatePool(IndexSearcher searcher, FeedbackQueries.Grams grams, Collection<Integer> docs) {
        this.searcher = searcher;
        this.grams = grams;
        this.docs = docs.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    }

    /**
     * The {@code depth} best pool documents for a disjunction of weighted grams, best first and ties to the lower doc
     * id like {@link IndexSearcher#search}; documents matching none of the grams are left out.
     */
    ScoreDoc[] top(Map<String, Double> weights, int depth) throws IOException {
        double[] total = new double[docs.length];
        boolean[] matched = new boolean[docs.length];
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            float[] gram = scores(e.getKey());
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

    private float[] scores(String gram) throws IOException {
        if (scores.containsKey(gram)) {
            return scores.get(gram);
        }
        float[] out = CharacterCounts.isCharacter(gram) ? characterScores(gram) : postingsScores(gram);
        scores.put(gram, out);
        return out;
    }

    private float[] characterScores(String gram) throws IOException {
        TermStatistics statistics = grams.statistics(gram);
        if (statistics == null) {
            return null;
        }
        if (characters == null) {
            readCharacters();
        }
        SimScorer bm25 = searcher.getSimilarity().scorer(1f,
                searcher.collectionStatistics(IndexFields.TEXT_GRAMS), statistics);
        int codePoint = gram.codePointAt(0);
        float[] out = new float[docs.length];
        boolean any = false;
        for (int i = 0; i < docs.length; i++) {
            int freq = characters[i].freq(codePoint);
            if (freq > 0) {
                out[i] = bm25.score(freq, norms[i]);
                any = true;
            }
        }
        return any ? out : null;
    }

    private void readCharacters() throws IOException {
        characters = new CharacterCounts.Counts[docs.length];
        norms = new long[docs.length];
        bySegment((leaf, from, to) -> {
            BinaryDocValues counts = DocValues.getBinary(leaf.reader(), IndexFields.TEXT_CHARS);
            NumericDocValues lengths = leaf.reader().getNormValues(IndexFields.TEXT_GRAMS);
            for (int i = from; i < to; i++) {
                int doc = docs[i] - leaf.docBase;
                characters[i] = counts.advanceExact(doc) ? CharacterCounts.decode(counts.binaryValue())
                        : CharacterCounts.Counts.NONE;
                // As Lucene's LeafSimScorer: a document without a norm counts as norm 1.
                norms[i] = lengths != null && lengths.advanceExact(doc) ? lengths.longValue() : 1L;
            }
        });
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
        int i = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            int from = i;
            int end = leaf.docBase + leaf.reader().maxDoc();
            while (i < docs.length && docs[i] < end) {
                i++;
            }
            if (i > from) {
                range.visit(leaf, from, i);
            }
        }
    }
}
