package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Analyzed terms of a text with their in-text frequency, keeping only tokens that can carry a topic. */
final class KeyTerms {
    /**
     * Matching analyses the same record texts again and again (every candidate, every reason, every query that
     * finds them); Chinese segmentation dominates the cost, so recent results are kept.
     */
    private static final int CACHED_TEXTS = 4096;
    private static final Map<CacheKey, List<String>> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(CACHED_TEXTS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CacheKey, List<String>> eldest) {
                    return size() > CACHED_TEXTS;
                }
            });

    private record CacheKey(Analyzer analyzer, String field, String text) {
    }

    private KeyTerms() {
    }

    /** The analyzed tokens of a text, in order; the list is shared and must not be changed. */
    static List<String> tokens(Analyzer analyzer, String field, String text) {
        if (Texts.isBlank(text)) {
            return List.of();
        }
        CacheKey key = new CacheKey(analyzer, field, text);
        List<String> cached = CACHE.get(key);
        if (cached == null) {
            cached = List.copyOf(analyze(analyzer, field, text));
            CACHE.put(key, cached);
        }
        return cached;
    }

    /** The analyzed tokens of a text, without the cache: for texts analysed once, such as documents indexed. */
    static List<String> analyzeUncached(Analyzer analyzer, String field, String text) {
        return analyze(analyzer, field, text);
    }

    private static List<String> analyze(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Topic-bearing tokens with their frequency, in first-seen order. */
    static Map<String, Integer> frequencies(Analyzer analyzer, String field, String text) {
        Map<String, Integer> tf = new LinkedHashMap<>();
        for (String token : tokens(analyzer, field, text)) {
            if (isTopical(token)) {
                tf.merge(token, 1, Integer::sum);
            }
        }
        return tf;
    }

    /**
     * Single characters (what smartcn emits for words it does not know) and bare numbers match far too much to
     * say anything about the topic; the bigram field covers the unknown words instead.
     */
    static boolean isTopical(String token) {
        if (token.codePointCount(0, token.length()) < 2) {
            return false;
        }
        boolean anyLetter = false;
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetter(token.charAt(i))) {
                anyLetter = true;
                break;
            }
        }
        return anyLetter;
    }
}
