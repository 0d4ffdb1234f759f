package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * The encoded length norms of {@link IndexFields#TEXT_GRAMS}, one byte per document, read once per segment and kept
 * until the segment closes: the probe and the pool of every match score with them (GramProbe, CandidatePool).
 */
final class GramNorms {
    private final Map<Object, byte[]> bySegmentCore = new ConcurrentHashMap<>();

    /** The segment's norms, indexed by the segment's own doc ids. */
    byte[] of(LeafReaderContext leaf) throws IOException {
        IndexReader.CacheHelper cache = leaf.reader().getCoreCacheHelper();
        if (cache == null) {
            return read(leaf);
        }
        byte[] cached = bySegmentCore.get(cache.getKey());
        if (cached == null) {
            cached = read(leaf);
            if (bySegmentCore.putIfAbsent(cache.getKey(), cached) == null) {
                cache.addClosedListener(bySegmentCore::remove);
            }
        }
        return cached;
    }

    private static byte[] read(LeafReaderContext leaf) throws IOException {
        byte[] lengths = new byte[leaf.reader().maxDoc()];
        // As Lucene's LeafSimScorer: a document without a norm counts as norm 1.
        Arrays.fill(lengths, (byte) 1);
        NumericDocValues values = leaf.reader().getNormValues(IndexFields.TEXT_GRAMS);
        if (values != null) {
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                lengths[doc] = (byte) values.longValue();
            }
        }
        return lengths;
    }
}
