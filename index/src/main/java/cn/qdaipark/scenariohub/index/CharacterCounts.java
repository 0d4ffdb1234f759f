package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The single characters among a record's matching grams ({@link IndexFields#TEXT_GRAMS}) with their frequency,
 * kept per document in binary doc values ({@link IndexFields#TEXT_CHARS}). Matching scores a pool of a few hundred
 * documents with every gram of a whole record; a common character's postings list spans most of the index, and
 * reading it for a pool means decoding nearly all of its blocks, whereas the document's own list of characters is
 * one small read (see CandidatePool). The frequencies are those the postings hold: the same analysis, counted the
 * same way.
 */
final class CharacterCounts {
    /** Code points in ascending order and their frequencies. */
    record Counts(int[] codePoints, int[] freqs) {
        static final Counts NONE = new Counts(new int[0], new int[0]);

        /** Frequency of the code point, 0 when the text does not contain it. */
        int freq(int codePoint) {
            int at = Arrays.binarySearch(codePoints, codePoint);
            return at < 0 ? 0 : freqs[at];
        }
    }

    private CharacterCounts() {
    }

    static void add(Document doc, String matchText) {
        if (!matchText.isBlank()) {
            doc.add(new BinaryDocValuesField(IndexFields.TEXT_CHARS, encode(matchText)));
        }
    }

    /** Whether the gram is a single character, i.e. one whose frequencies are kept per document. */
    static boolean isCharacter(String gram) {
        return !gram.isEmpty() && gram.codePointCount(0, gram.length()) == 1;
    }

    static BytesRef encode(String matchText) {
        Map<Integer, Integer> counts = new TreeMap<>();
        List<String> tokens = KeyTerms.analyzeUncached(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, matchText);
        for (String token : tokens) {
            if (isCharacter(token)) {
                counts.merge(token.codePointAt(0), 1, Integer::sum);
            }
        }
        byte[] bytes = new byte[5 + counts.size() * 10];
        ByteArrayDataOutput out = new ByteArrayDataOutput(bytes);
        try {
            out.writeVInt(counts.size());
            int previous = 0;
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                out.writeVInt(e.getKey() - previous);
                out.writeVInt(e.getValue());
                previous = e.getKey();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BytesRef(bytes, 0, out.getPosition());
    }

    static Counts decode(BytesRef bytes) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
        int size = in.readVInt();
        int[] codePoints = new int[size];
        int[] freqs = new int[size];
        int previous = 0;
        for (int i = 0; i < size; i++) {
            previous += in.readVInt();
            codePoints[i] = previous;
            freqs[i] = in.readVInt();
        }
        return new Counts(codePoints, freqs);
    }
}
