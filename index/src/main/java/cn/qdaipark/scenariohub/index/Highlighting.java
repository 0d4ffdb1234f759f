package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.DefaultEncoder;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.Formatter;
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
    private static final Formatter MARKS = new SimpleHTMLFormatter("<mark>", "</mark>");
    /** Choosing the snippet's window: the fragment as it is in the text, so it can be found there. */
    private static final Formatter NO_MARKS = (original, group) -> original;
    private static final Encoder IDENTITY = new DefaultEncoder();
    private static final Pattern REPEATED_STOPS = Pattern.compile("([。.！？!?；;])[。.]+");
    private static final Set<Character> SENTENCE_ENDS = Set.of('。', '！', '？', '；', '!', '?', ';', '.', '\n');

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

    /**
     * The best fragment of about {@link #SNIPPET_CHARS} characters (the start of the text when nothing matches),
     * with "…" where it cuts into a sentence and repeated full stops ("。。" where sentences were joined) made one.
     */
    String snippet(String field, String text) {
        String clean = REPEATED_STOPS.matcher(text).replaceAll("$1");
        String window = clean.length() <= SNIPPET_CHARS ? clean : clean.substring(0, SNIPPET_CHARS);
        String fragment = best(field, clean, SNIPPET_CHARS, NO_MARKS, IDENTITY);
        if (fragment != null && clean.contains(fragment)) {
            window = fragment;
        }
        int start = clean.indexOf(window);
        int end = start + window.length();
        String marked = whole(field, window.strip());
        boolean cutBefore = start > 0 && !SENTENCE_ENDS.contains(clean.charAt(start - 1));
        boolean cutAfter = end < clean.length() && !SENTENCE_ENDS.contains(clean.charAt(end - 1));
        return (cutBefore ? "…" : "") + marked + (cutAfter ? "…" : "");
    }

    private String best(String field, String text, int fragmentChars, String fallback) {
        String fragment = best(field, text, fragmentChars, MARKS, ENCODER);
        return fragment != null ? fragment : ENCODER.encodeText(fallback);
    }

    /** The best fragment, or null when nothing of the query is in the text. */
    private String best(String field, String text, int fragmentChars, Formatter formatter, Encoder encoder) {
        WeightedSpanTerm[] terms = termsOf(field);
        // Without words of this field nothing can match, so the text need not be analysed.
        if (terms.length > 0 && !text.isEmpty()) {
            Highlighter highlighter = new Highlighter(formatter, encoder, new QueryScorer(terms));
            highlighter.setTextFragmenter(new SimpleFragmenter(fragmentChars));
            highlighter.setMaxDocCharsToAnalyze(Math.max(text.length(), 1));
            try {
                return highlighter.getBestFragment(Analyzers.forField(field), field, text);
            } catch (IOException | InvalidTokenOffsetsException e) {
                // Highlighting is decoration: fall back to the plain text rather than fail the search.
            }
        }
        return null;
    }

    private WeightedSpanTerm[] termsOf(String field) {
        return termsByField.computeIfAbsent(field, f -> query == null ? NO_TERMS
                : Arrays.stream(QueryTermExtractor.getTerms(query, false, f))
                        .map(t -> new WeightedSpanTerm(t.getWeight(), t.getTerm()))
                        .toArray(WeightedSpanTerm[]::new));
    }
}
