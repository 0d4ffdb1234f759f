package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English terms of the platform's vocabulary and their Chinese forms ({@code term, variant => 中文, 中文}). The records
 * are Chinese, so an English query finds them only through the Chinese forms of its terms: the search and the query
 * vector both use the query with those forms appended (bge-small-zh places English words poorly among Chinese
 * texts).
 */
final class EnglishGlossary {
    static final String RESOURCE = "glossary-en.txt";
    /** A single letter would suggest the Chinese forms of half the glossary. */
    static final int MIN_PREFIX_LENGTH = 2;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_/]+");

    private record Entry(String term, Pattern pattern, List<String> chinese) {
    }

    /** Longest term first, so that a phrase (fall detection) is read before its words (fall). */
    private final List<Entry> entries;

    private EnglishGlossary(List<Entry> entries) {
        this.entries = entries;
    }

    static EnglishGlossary loadDefault() {
        try (InputStream in = EnglishGlossary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EnglishGlossary parse(String text) {
        Map<String, Set<String>> chinese = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            int arrow = line.indexOf("=>");
            if (line.isEmpty() || line.startsWith("#") || arrow < 0) {
                continue;
            }
            List<String> forms = split(line.substring(arrow + 2));
            for (String term : split(line.substring(0, arrow))) {
                chinese.computeIfAbsent(normalize(term), k -> new LinkedHashSet<>()).addAll(forms);
            }
        }
        List<Entry> entries = new ArrayList<>();
        chinese.forEach((term, forms) -> entries.add(new Entry(term,
                Pattern.compile("(?<![a-z0-9])" + Pattern.quote(term) + "(?:s|es)?(?![a-z0-9])"), List.copyOf(forms))));
        entries.sort(Comparator.comparingInt((Entry e) -> e.term().length()).reversed());
        return new EnglishGlossary(List.copyOf(entries));
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String t : csv.split(",")) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        return out;
    }

    /** Lower case, hyphens and underscores read as spaces: anti-money laundering is anti money laundering. */
    private static String normalize(String text) {
        return SEPARATORS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The Chinese forms of the English terms in the text, in the order they appear. */
    Set<String> chineseOf(String text) {
        Set<String> out = new LinkedHashSet<>();
        find(normalize(Texts.orEmpty(text))).forEach(f -> out.addAll(f.entry().chinese()));
        return out;
    }

    /** The text with the Chinese forms of its English terms appended; the text itself when it has none. */
    String withChinese(String text) {
        Set<String> chinese = chineseOf(text);
        return chinese.isEmpty() ? Texts.orEmpty(text) : Texts.orEmpty(text) + " " + String.join(" ", chinese);
    }

    /**
     * The text with its English terms replaced by their Chinese forms (drone inspection → 无人机巡检); the text itself
     * when it has none. An embedding of the mixed text lands among all records alike, one of this among the Chinese.
     */
    String inChinese(String text) {
        String normalized = normalize(Texts.orEmpty(text));
        List<Found> found = find(normalized);
        if (found.isEmpty()) {
            return Texts.orEmpty(text);
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Found f : found) {
            out.append(normalized, at, f.start()).append(' ').append(String.join(" ", f.entry().chinese())).append(' ');
            at = f.end();
        }
        return SEPARATORS.matcher(out.append(normalized.substring(at))).replaceAll(" ").strip();
    }

    private record Found(int start, int end, Entry entry) {
    }

    /** The terms in a normalized text, longest first where they overlap, in the order they appear. */
    private List<Found> find(String normalized) {
        List<Found> found = new ArrayList<>();
        if (normalized.chars().noneMatch(c -> c < 128 && Character.isLetter(c))) {
            return found;
        }
        for (Entry e : entries) {
            Matcher m = e.pattern().matcher(normalized);
            while (m.find()) {
                int start = m.start();
                int end = m.end();
                if (found.stream().noneMatch(f -> f.start() < end && start < f.end())) {
                    found.add(new Found(start, end, e));
                }
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    /** The Chinese forms of the terms that start with this English prefix (dro → 无人机), for typeahead. */
    Set<String> chineseForPrefix(String prefix) {
        String p = normalize(Texts.orEmpty(prefix));
        Set<String> out = new LinkedHashSet<>();
        if (p.length() < MIN_PREFIX_LENGTH || p.chars().anyMatch(c -> c >= 128)) {
            return out;
        }
        entries.stream().filter(e -> e.term().startsWith(p) || p.equals(e.term() + "s"))
                .sorted(Comparator.comparingInt((Entry e) -> e.term().length()))
                .forEach(e -> out.addAll(e.chinese()));
        return out;
    }
}
