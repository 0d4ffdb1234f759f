package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * A record's matching grams ({@link IndexFields#TEXT_GRAMS}) with their frequency, kept per document in binary doc
 * values ({@link IndexFields#TEXT_GRAM_COUNTS}): a forward index. Matching scores a pool of a few hundred documents
 * with every gram of a whole record (see CandidatePool); through the postings that means advancing a few hundred
 * lists, the common ones spanning most of the index, across the whole index, whereas each pool document's own
 * list is one small read. Grams of one or two UTF-16 characters (CJK characters and bigrams, short Latin words) are
 * kept, each as a numeric key; longer ones (Latin words, numbers) are rare and left to the postings. The frequencies
 * are those the postings hold: the same analysis, counted the same way.
 */
final class GramCounts {
    private GramCounts() {
    }

    static void add(Document doc, String matchText) {
        if (!matchText.isBlank()) {
            doc.add(new BinaryDocValuesField(IndexFields.TEXT_GRAM_COUNTS, encode(matchText)));
        }
    }

    /** Whether the gram's frequencies are kept per document. */
    static boolean isCounted(String gram) {
        return !gram.isEmpty() && gram.length() <= 2;
    }

    /** The key of a counted gram: its one or two UTF-16 characters as one number (the second 0 for one). */
    static long key(String gram) {
        return (long) gram.charAt(0) << 16 | (gram.length() == 2 ? gram.charAt(1) : 0);
    }

    static BytesRef encode(String matchText) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (String token : KeyTerms.analyzeUncached(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, matchText)) {
            if (isCounted(token)) {
                counts.merge(key(token), 1, Integer::sum);
            }
        }
        byte[] bytes = new byte[5 + counts.size() * 10];
        ByteArrayDataOutput out = new ByteArrayDataOutput(bytes);
        try {
            out.writeVInt(counts.size());
            long previous = 0;
            for (Map.Entry<Long, Integer> e : counts.entrySet()) {
                // Keys are below 2^32, so are their gaps: written as an int, read back unsigned.
                out.writeVInt((int) (e.getKey() - previous));
                out.writeVInt(e.getValue());
                previous = e.getKey();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BytesRef(bytes, 0, out.getPosition());
    }

    /**
     * Sets {@code out[j]} to this document's frequency of the gram with key {@code sortedKeys[j]} (keys in ascending
     * order), 0 where it does not occur: a merge of the two sorted lists, decoding only as far as needed.
     */
    static void frequencies(BytesRef encoded, long[] sortedKeys, int[] out) {
        Arrays.fill(out, 0);
        ByteArrayDataInput in = new ByteArrayDataInput(encoded.bytes, encoded.offset, encoded.length);
        int size = in.readVInt();
        long key = 0;
        int j = 0;
        for (int i = 0; i < size && j < sortedKeys.length; i++) {
            key += in.readVInt() & 0xFFFFFFFFL;
            int freq = in.readVInt();
            while (j < sortedKeys.length && sortedKeys[j] < key) {
                j++;
            }
            if (j < sortedKeys.length && sortedKeys[j] == key) {
                out[j++] = freq;
            }
        }
    }
}
