package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;

/** Marks query words in stored text with &lt;mark&gt; and escapes everything else, so the result is safe HTML. */
final class Highlighting {
    static final int SNIPPET_CHARS = 120;
    private static final Encoder ENCODER = new SimpleHTMLEncoder();

    private Highlighting() {
    }

    /** The whole text, escaped, with matches marked. */
    static String whole(Query query, String field, String text) {
        return best(query, field, text, Integer.MAX_VALUE, text);
    }

    /** The best fragment of about {@link #SNIPPET_CHARS} characters, or the start of the text when nothing matches. */
    static String snippet(Query query, String field, String text) {
        String start = text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "…";
        return best(query, field, text, SNIPPET_CHARS, start);
    }

    private static String best(Query query, String field, String text, int fragmentChars, String fallback) {
        if (query != null && !text.isEmpty()) {
            Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), ENCODER,
                    new QueryScorer(query, field));
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
}
