package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * 您是不是要找: corrects mistyped Chinese characters of a query (缺陷检侧 → 缺陷检测) from the index's own vocabulary.
 * Each character pair of the query that no record contains is replaced by the most frequent pair of the index one
 * character away (Lucene's DirectSpellChecker on the CJK bigram field) that also follows the character before it
 * in some record; the correction is offered only when every pair of the corrected text occurs in the index.
 */
final class SpellCorrection {
    static final int MAX_QUERY_CHARS = 50;
    /** Pairs one character away, most frequent first; the one that fits its neighbour is often not among the first few. */
    private static final int CANDIDATES = 50;

    private SpellCorrection() {
    }

    static Optional<String> correct(IndexReader reader, String text) throws IOException {
        if (text.isBlank() || text.length() > MAX_QUERY_CHARS) {
            return Optional.empty();
        }
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(1);
        checker.setMinPrefix(0);
        checker.setMinQueryLength(2);
        checker.setAccuracy(0.5f);
        char[] corrected = text.toCharArray();
        boolean changed = false;
        for (Bigram pair : bigrams(text)) {
            if (reader.docFreq(new Term(IndexFields.TEXT_BIGRAM, pair.term())) > 0) {
                continue;
            }
            for (SuggestWord s : checker.suggestSimilar(new Term(IndexFields.TEXT_BIGRAM, pair.term()), CANDIDATES,
                    reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX)) {
                if (fits(corrected, pair, s.string) && joinsLeft(reader, corrected, pair.start(), s.string)) {
                    s.string.getChars(0, 2, corrected, pair.start());
                    changed = true;
                    break;
                }
            }
        }
        String result = new String(corrected);
        if (!changed || result.equals(text)) {
            return Optional.empty();
        }
        for (Bigram pair : bigrams(result)) {
            if (!inPublished(reader, new TermQuery(new Term(IndexFields.TEXT_BIGRAM, pair.term())))) {
                return Optional.empty();
            }
        }
        return Optional.of(result);
    }

    /** A replacement of the same two characters' span that keeps what earlier pairs already corrected. */
    private static boolean fits(char[] corrected, Bigram pair, String candidate) {
        if (candidate.length() != 2) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            char now = corrected[pair.start() + i];
            char original = pair.term().charAt(i);
            if (now != original && now != candidate.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The candidate in place follows the character before it somewhere in the index, as a phrase of pairs
     * (反洗线: 反洗钱 is in a record, 反洗衣 is not, though 洗衣 is more frequent than 洗钱).
     */
    private static boolean joinsLeft(IndexReader reader, char[] corrected, int start, String candidate)
            throws IOException {
        List<Bigram> pairs = start == 0 ? List.of() : bigrams(new String(corrected, start - 1, 1) + candidate);
        if (pairs.size() < 2) {
            return true;
        }
        return inPublished(reader, new PhraseQuery(IndexFields.TEXT_BIGRAM, pairs.get(0).term(), pairs.get(1).term()));
    }

    /**
     * The index also holds drafts and records awaiting review: a suggestion is made only of what published records
     * contain, so it never shows a visitor words of an unpublished one.
     */
    private static boolean inPublished(IndexReader reader, Query query) throws IOException {
        Query visible = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.STATUS, IndexFields.SOLUTION_PUBLISHED)), BooleanClause.Occur.FILTER)
                .build();
        return new IndexSearcher(reader).count(visible) > 0;
    }

    private record Bigram(String term, int start) {
    }

    /** The text's CJK character pairs whose span in the text is exactly the two characters. */
    private static List<Bigram> bigrams(String text) throws IOException {
        List<Bigram> out = new ArrayList<>();
        try (TokenStream ts = Analyzers.BIGRAMS.tokenStream(IndexFields.TEXT_BIGRAM, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (t.length() == 2 && offset.endOffset() - offset.startOffset() == 2
                        && text.regionMatches(offset.startOffset(), t, 0, 2)) {
                    out.add(new Bigram(t, offset.startOffset()));
                }
            }
            ts.end();
        }
        return out;
    }
}
