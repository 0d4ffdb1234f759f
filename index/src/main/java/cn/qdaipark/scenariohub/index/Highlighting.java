package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.QueryTermExtractor;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.WeightedSpanTerm;

/**
 * Marks query words in stored text with &lt;mark&gt; and escapes everything else, so the result is safe HTML. One
 * instance per search: the query's words of each field are extracted once, not once per hit (extracting them from
 * the query per text built an in-memory index of the text).
 */
final class Highlighting {
    static final int SNIPPET_CHARS = 120;
    private static final Encoder ENCODER = new SimpleHTMLEncoder();
    private static final WeightedSpanTerm[] NO_TERMS = new WeightedSpanTerm[0];

    private final Query query;
    private final Map<String, WeightedSpanTerm[]> termsByField = new HashMap<>();

    /** {@code query} may be null: nothing is marked. */
    Highlighting(Query query) {
        this.query = query;
    }

    /** The whole text, escaped, with matches marked. */
    String whole(String field, String text) {
        return best(field, text, Integer.MAX_VALUE, text);
    }

    /** The best fragment of about {@link #SNIPPET_CHARS} characters, or the start of the text when nothing matches. */
    String snippet(String field, String text) {
        String start = text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "…";
        return best(field, text, SNIPPET_CHARS, start);
    }

    private String best(String field, String text, int fragmentChars, String fallback) {
        WeightedSpanTerm[] terms = termsOf(field);
        // Without words of this field nothing can match, so the text need not be analysed.
        if (terms.length > 0 && !text.isEmpty()) {
            Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), ENCODER,
                    new QueryScorer(terms));
            highlighter.setTextFragmenter(new SimpleFragmenter(fragmentChars));
            highlighter.setMaxDocCharsToAnalyze(Math.max(text.length(), 1));
            try {
                String fragment = highlighter.getBestFragment(Analyzers.forField(field), field, text);
                if (fragment != null) {
                    return fragment;
                }
            } catch (IOException | InvalidTokenOffsetsException e) {
                // Highlighting is decoration: fall back to the plain text rather than fail the search.
            }
        }
        return ENCODER.encodeText(fallback);
    }

    private WeightedSpanTerm[] termsOf(String field) {
        return termsByField.computeIfAbsent(field, f -> query == null ? NO_TERMS
                : Arrays.stream(QueryTermExtractor.getTerms(query, false, f))
                        .map(t -> new WeightedSpanTerm(t.getWeight(), t.getTerm()))
                        .toArray(WeightedSpanTerm[]::new));
    }
}
