package cn.qdaipark.scenariohub.index;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** Small builders shared by the solution and posting mappers, so both indexes use fields the same way. */
final class DocumentFields {
    private DocumentFields() {
    }

    static Term idTerm(long id) {
        return new Term(IndexFields.ID, Long.toString(id));
    }

    static void addId(Document doc, long id, String sourceRef) {
        doc.add(new StringField(IndexFields.ID, Long.toString(id), Field.Store.YES));
        doc.add(new StoredField(IndexFields.SOURCE_REF, sourceRef));
    }

    static void addText(Document doc, String field, String text) {
        if (!text.isBlank()) {
            doc.add(new TextField(field, text, Field.Store.YES));
        }
    }

    static void addUnstoredText(Document doc, String field, String text) {
        if (!text.isBlank()) {
            doc.add(new TextField(field, text, Field.Store.NO));
        }
    }

    static void addStored(Document doc, String field, String value) {
        doc.add(new StoredField(field, value));
    }

    static void addTitleKey(Document doc, String title) {
        String key = TitleKeys.of(title);
        if (!key.isEmpty()) {
            doc.add(new StringField(IndexFields.TITLE_KEY, key, Field.Store.NO));
        }
    }

    static void addKeyword(Document doc, String field, String value) {
        if (!value.isBlank()) {
            doc.add(new StringField(field, value, Field.Store.YES));
            doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
        }
    }

    static void addLong(Document doc, String field, long value) {
        doc.add(new NumericDocValuesField(field, value));
        doc.add(new StoredField(field, value));
    }

    static void addSuggestion(Document doc, String text) {
        if (!text.isBlank()) {
            doc.add(new StringField(IndexFields.SUGGEST, text.strip().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
    }

    static void addVector(Document doc, float[] vector) {
        if (vector != null && vector.length > 0) {
            // Unit vectors make the dot product the cosine, without the two norms per comparison that COSINE computes
            // in every HNSW step (and a zero vector, which COSINE refuses, simply scores 0).
            doc.add(new KnnFloatVectorField(IndexFields.VECTOR, Vectors.normalized(vector),
                    VectorSimilarityFunction.DOT_PRODUCT));
        }
    }

    static String string(Document doc, String field) {
        String value = doc.get(field);
        return value == null ? "" : value;
    }

    static List<String> strings(Document doc, String field) {
        return Arrays.asList(doc.getValues(field));
    }

    static long longValue(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null || f.numericValue() == null ? 0L : f.numericValue().longValue();
    }
}
