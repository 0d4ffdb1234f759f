package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Saved searches standing as queries for new records, the way lucene-monitor works (which is not available to
 * this build): each query is filed under the terms a matching record must contain, one or two per key word (the
 * word, and its first bigram as segmentation may differ). A new record looks up only its own terms and counts,
 * per query, which key words it reached (the presearcher); only queries whose every word was reached are verified
 * against a one-document {@link MemoryIndex} of the record. The cost of matching one record grows with the number
 * of queries sharing its terms (cheap counting) and the few real candidates, not with the number of saved searches.
 *
 * <p>A saved search matches a record that passes its filters (as {@code /search} filters) and contains every key
 * word of its text, each as a smartcn word or as the word's CJK bigrams in sequence: the same analysis as search,
 * stricter than search's ranking (which would also list records sharing one word) so an alert means "this is
 * about what you asked for". Text without key words (blank, punctuation) matches by filters only. Thread-safe:
 * registration may run while records are matched.
 */
public final class SavedSearchMonitor {
    private static final String EVERYTHING = "*";

    /** A saved search; null or blank filters do not filter, {@code domains} matches any of the listed domains. */
    public record SavedQuery(long id, SearchQuery.Target target, String text, List<String> domains, String track,
                             String maturity, String region, String kind) {
        public SavedQuery {
            text = Texts.orEmpty(text);
            domains = Texts.orEmpty(domains);
        }
    }

    /** {@code anchors}: key → bit of the word it stands for; {@code allWords}: the bits every match reaches. */
    private record Registered(SavedQuery saved, Query text, Map<String, Long> anchors, long allWords) {
    }

    private record Candidate(SearchQuery.Target target, String text, List<String> domains, String track,
                             String maturity, String region, String kind) {
    }

    /** The registered queries by id and by anchor; a reload builds a new one and swaps it in whole. */
    private static final class State {
        final Map<Long, Registered> byId = new ConcurrentHashMap<>();
        /** anchor key → query id → the word bits that key reaches. */
        final Map<String, Map<Long, Long>> byAnchor = new ConcurrentHashMap<>();

        void add(Registered r) {
            remove(r.saved().id());
            byId.put(r.saved().id(), r);
            r.anchors().forEach((key, bit) -> byAnchor.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                    .merge(r.saved().id(), bit, (a, b) -> a | b));
        }

        void remove(long id) {
            Registered old = byId.remove(id);
            if (old != null) {
                old.anchors().keySet().forEach(key -> byAnchor.computeIfPresent(key, (k, ids) -> {
                    ids.remove(id);
                    return ids.isEmpty() ? null : ids;
                }));
            }
        }
    }

    private volatile State state = new State();

    /** True when the text has at least one key word, so a saved search on it can match by text at all. */
    public static boolean hasKeyWords(String text) {
        return !keyWords(text).isEmpty();
    }

    /**
     * Registers the query, replacing an earlier one with the same id. The text is analysed before taking the lock,
     * which only guards the map updates, so {@link #unregister} never waits for an analysis.
     */
    public void register(SavedQuery query) {
        Registered r = prepare(query);
        synchronized (this) {
            state.add(r);
        }
    }

    public synchronized void unregister(long id) {
        state.remove(id);
    }

    /** Replaces all queries (a reload from the database); matches meanwhile still see the previous set. */
    public void replaceAll(Collection<SavedQuery> queries) {
        State fresh = new State();
        queries.stream().map(SavedSearchMonitor::prepare).forEach(fresh::add);
        synchronized (this) {
            state = fresh;
        }
    }

    private static Registered prepare(SavedQuery query) {
        List<String> words = keyWords(query.text());
        Map<String, Long> anchors = anchors(query, words);
        long all = anchors.values().stream().reduce(0L, (a, b) -> a | b);
        return new Registered(query, words.isEmpty() ? null : allWords(words), anchors, all);
    }

    /** Ids of the saved searches on postings that the posting matches. */
    public Set<Long> match(PostingDoc p) {
        return match(new Candidate(SearchQuery.Target.POSTINGS, p.matchText(),
                p.domain().isBlank() ? List.of() : List.of(p.domain()), null, null, p.region(), p.kind()));
    }

    /** Ids of the saved searches on solutions that the solution matches. */
    public Set<Long> match(SolutionDoc s) {
        return match(new Candidate(SearchQuery.Target.SOLUTIONS, s.matchText(), s.domains(), s.track(), s.maturity(),
                s.region(), null));
    }

    private Set<Long> match(Candidate record) {
        State current = state;
        if (current.byId.isEmpty()) {
            // nothing to reach: spares analysing every record of a bulk import on an instance without saved searches
            return Set.of();
        }
        MemoryIndex doc = new MemoryIndex();
        doc.addField(IndexFields.TEXT, record.text(), Analyzers.WORDS);
        doc.addField(IndexFields.TEXT_BIGRAM, record.text(), Analyzers.BIGRAMS);
        Map<Long, Long> reached = new HashMap<>();
        for (String key : recordKeys(doc, record)) {
            Map<Long, Long> queries = current.byAnchor.get(key);
            if (queries != null) {
                queries.forEach((id, bits) -> reached.merge(id, bits, (a, b) -> a | b));
            }
        }
        Set<Long> matched = new HashSet<>();
        reached.forEach((id, bits) -> {
            Registered r = current.byId.get(id);
            if (r != null && bits == r.allWords() && passesFilters(r.saved(), record)
                    && (r.text() == null || doc.search(r.text()) > 0)) {
                matched.add(id);
            }
        });
        return matched;
    }

    /** The anchors a record reaches: everything, its domains, and every word and bigram of its text. */
    private static List<String> recordKeys(MemoryIndex doc, Candidate record) {
        String prefix = prefix(record.target());
        List<String> keys = new ArrayList<>();
        keys.add(prefix + EVERYTHING);
        record.domains().forEach(d -> keys.add(prefix + "d:" + d));
        LeafReader reader = (LeafReader) doc.createSearcher().getIndexReader().leaves().get(0).reader();
        addTerms(keys, reader, IndexFields.TEXT, prefix + "w:");
        addTerms(keys, reader, IndexFields.TEXT_BIGRAM, prefix + "b:");
        return keys;
    }

    private static void addTerms(List<String> keys, LeafReader reader, String field, String keyPrefix) {
        try {
            Terms terms = reader.terms(field);
            if (terms == null) {
                return;
            }
            TermsEnum it = terms.iterator();
            for (BytesRef term = it.next(); term != null; term = it.next()) {
                keys.add(keyPrefix + term.utf8ToString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The keys a matching record reaches, each with the bit of the key word it stands for: the word itself and its
     * first bigram (segmentation may differ), for the first 64 words (the rest are left to verification). Without
     * words: each filtered domain, else everything.
     */
    private static Map<String, Long> anchors(SavedQuery q, List<String> words) {
        String prefix = prefix(q.target());
        Map<String, Long> anchors = new HashMap<>();
        if (!words.isEmpty()) {
            for (int i = 0; i < Math.min(words.size(), Long.SIZE); i++) {
                long bit = 1L << i;
                anchors.merge(prefix + "w:" + words.get(i), bit, (a, b) -> a | b);
                List<String> bigrams = KeyTerms.tokens(Analyzers.BIGRAMS, IndexFields.TEXT_BIGRAM, words.get(i));
                if (!bigrams.isEmpty()) {
                    anchors.merge(prefix + "b:" + bigrams.get(0), bit, (a, b) -> a | b);
                }
            }
        } else if (!q.domains().isEmpty()) {
            q.domains().forEach(d -> anchors.put(prefix + "d:" + d, 1L));
        } else {
            anchors.put(prefix + EVERYTHING, 1L);
        }
        return anchors;
    }

    private static String prefix(SearchQuery.Target target) {
        return target == SearchQuery.Target.SOLUTIONS ? "s|" : "p|";
    }

    private static List<String> keyWords(String text) {
        return List.copyOf(KeyTerms.frequencies(Analyzers.WORDS, IndexFields.TEXT, Texts.orEmpty(text)).keySet());
    }

    /** Each word must occur, as a word or as its bigrams one after another. */
    private static Query allWords(List<String> words) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            BooleanQuery.Builder either = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TEXT, word)), BooleanClause.Occur.SHOULD);
            List<String> bigrams = KeyTerms.tokens(Analyzers.BIGRAMS, IndexFields.TEXT_BIGRAM, word);
            if (!bigrams.isEmpty()) {
                either.add(new PhraseQuery(IndexFields.TEXT_BIGRAM, bigrams.toArray(String[]::new)),
                        BooleanClause.Occur.SHOULD);
            }
            all.add(either.build(), BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    private static boolean passesFilters(SavedQuery q, Candidate record) {
        return q.target() == record.target()
                && (q.domains().isEmpty() || q.domains().stream().anyMatch(record.domains()::contains))
                && equalOrUnfiltered(q.track(), record.track())
                && equalOrUnfiltered(q.maturity(), record.maturity())
                && equalOrUnfiltered(q.region(), record.region())
                && equalOrUnfiltered(q.kind(), record.kind());
    }

    private static boolean equalOrUnfiltered(String filter, String value) {
        return Texts.isBlank(filter) || filter.strip().equals(value);
    }
}
