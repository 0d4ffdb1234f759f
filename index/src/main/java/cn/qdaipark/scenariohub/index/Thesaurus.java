package cn.qdaipark.scenariohub.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Domain synonyms in Solr format ({@code a,b,c} equivalence groups and {@code a => b} one-way mappings).
 * Matching is by substring rather than by token because the Chinese segmenter often splits a term
 * (机器视觉 → 机器 / 视觉) differently in different contexts; ASCII entries must stand alone as words.
 */
public final class Thesaurus {
    static final String RESOURCE = "thesaurus.txt";

    private final Map<String, Set<String>> expansions;

    private Thesaurus(Map<String, Set<String>> expansions) {
        this.expansions = expansions;
    }

    public static Thesaurus loadDefault() {
        try (InputStream in = Thesaurus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Thesaurus parse(String solrSynonyms) {
        Map<String, Set<String>> expansions = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(solrSynonyms))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int arrow = line.indexOf("=>");
                if (arrow >= 0) {
                    List<String> from = terms(line.substring(0, arrow));
                    List<String> to = terms(line.substring(arrow + 2));
                    from.forEach(f -> expansions.computeIfAbsent(f, k -> new LinkedHashSet<>()).addAll(to));
                } else {
                    List<String> group = terms(line);
                    for (String member : group) {
                        Set<String> others = expansions.computeIfAbsent(member, k -> new LinkedHashSet<>());
                        group.stream().filter(m -> !m.equals(member)).forEach(others::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Thesaurus(expansions);
    }

    private static List<String> terms(String csv) {
        List<String> out = new ArrayList<>();
        for (String t : csv.split(",")) {
            String term = t.strip().toLowerCase(Locale.ROOT);
            if (!term.isEmpty()) {
                out.add(term);
            }
        }
        return out;
    }

    /** The synonyms of every thesaurus entry found in the text, excluding words already in it. */
    public Set<String> expansionsOf(String text) {
        String haystack = Texts.orEmpty(text).toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> e : expansions.entrySet()) {
            if (occursIn(e.getKey(), haystack)) {
                e.getValue().stream().filter(s -> !occursIn(s, haystack)).forEach(out::add);
            }
        }
        return out;
    }

    /** Whether the text mentions the term or any of its synonyms. */
    public boolean mentions(String text, String term) {
        return mentionsInLowerCase(Texts.orEmpty(text).toLowerCase(Locale.ROOT), term);
    }

    /** {@link #mentions} for a text already lower-cased with {@code Locale.ROOT}, checked against many terms. */
    boolean mentionsInLowerCase(String haystack, String term) {
        String needle = term.toLowerCase(Locale.ROOT);
        if (occursIn(needle, haystack)) {
            return true;
        }
        return expansions.getOrDefault(needle, Set.of()).stream().anyMatch(s -> occursIn(s, haystack));
    }

    /** The synonyms of one term. */
    public Set<String> synonymsOf(String term) {
        return expansions.getOrDefault(term.toLowerCase(Locale.ROOT), Set.of());
    }

    static boolean occursIn(String term, String lowerText) {
        int from = 0;
        while (true) {
            int at = lowerText.indexOf(term, from);
            if (at < 0) {
                return false;
            }
            if (!isAsciiWordChar(term.charAt(0)) || standsAlone(lowerText, at, at + term.length())) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean standsAlone(String text, int start, int end) {
        boolean leftFree = start == 0 || !isAsciiWordChar(text.charAt(start - 1));
        boolean rightFree = end == text.length() || !isAsciiWordChar(text.charAt(end));
        return leftFree && rightFree;
    }

    private static boolean isAsciiWordChar(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }
}
