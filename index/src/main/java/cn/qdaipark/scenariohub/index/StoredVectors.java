package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

/** Reads a document's indexed vector, to score candidates that k-NN search did not return. */
final class StoredVectors {
    private StoredVectors() {
    }

    /** Cosine similarity of the document's vector to the query vector, or 0 when it has none. */
    static double cosine(IndexSearcher searcher, int doc, float[] query) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
        int target = doc - leaf.docBase;
        if (values == null || values.advance(target) != target || values.dimension() != query.length) {
            return 0;
        }
        return Vectors.cosine(values.vectorValue(), query);
    }
}
