package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * this build): each query is filed under one of the terms any matching record must contain (its anchor), so a new
 * record only looks up the queries anchored on its own terms (the presearcher) and verifies just those against a
 * one-document {@link MemoryIndex} of itself. The cost of matching one record grows with the number of queries
 * that share its terms, not with the number of saved searches.
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

    private record Registered(SavedQuery saved, Query text, List<String> anchors) {
    }

    private record Candidate(SearchQuery.Target target, String text, List<String> domains, String track,
                             String maturity, String region, String kind) {
    }

    /** The registered queries by id and by anchor; a reload builds a new one and swaps it in whole. */
    private static final class State {
        final Map<Long, Registered> byId = new ConcurrentHashMap<>();
        final Map<String, Set<Long>> byAnchor = new ConcurrentHashMap<>();

        void add(SavedQuery query) {
            remove(query.id());
            List<String> words = keyWords(query.text());
            Registered r = new Registered(query, words.isEmpty() ? null : allWords(words), anchors(query, words));
            byId.put(query.id(), r);
            r.anchors().forEach(a -> byAnchor.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(query.id()));
        }

        void remove(long id) {
            Registered old = byId.remove(id);
            if (old != null) {
                old.anchors().forEach(a -> byAnchor.computeIfPresent(a, (k, ids) -> {
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

    /** Registers the query, replacing an earlier one with the same id. */
    public synchronized void register(SavedQuery query) {
        state.add(query);
    }

    public synchronized void unregister(long id) {
        state.remove(id);
    }

    /** Replaces all queries (a reload from the database); matches meanwhile still see the previous set. */
    public void replaceAll(Collection<SavedQuery> queries) {
        State fresh = new State();
        queries.forEach(fresh::add);
        synchronized (this) {
            state = fresh;
        }
    }

    public int size() {
        return state.byId.size();
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
        MemoryIndex doc = new MemoryIndex();
        doc.addField(IndexFields.TEXT, record.text(), Analyzers.WORDS);
        doc.addField(IndexFields.TEXT_BIGRAM, record.text(), Analyzers.BIGRAMS);
        State current = state;
        Set<Long> candidates = new HashSet<>();
        for (String key : recordKeys(doc, record)) {
            Set<Long> ids = current.byAnchor.get(key);
            if (ids != null) {
                candidates.addAll(ids);
            }
        }
        Set<Long> matched = new HashSet<>();
        for (long id : candidates) {
            Registered r = current.byId.get(id);
            if (r != null && passesFilters(r.saved(), record) && (r.text() == null || doc.search(r.text()) > 0)) {
                matched.add(id);
            }
        }
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
     * Every matching record reaches at least one of these: the longest key word (as a word or by its first bigram,
     * as segmentation may differ), else each filtered domain, else everything.
     */
    private static List<String> anchors(SavedQuery q, List<String> words) {
        String prefix = prefix(q.target());
        if (!words.isEmpty()) {
            String longest = words.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
            List<String> bigrams = KeyTerms.tokens(Analyzers.BIGRAMS, IndexFields.TEXT_BIGRAM, longest);
            return bigrams.isEmpty() ? List.of(prefix + "w:" + longest)
                    : List.of(prefix + "w:" + longest, prefix + "b:" + bigrams.get(0));
        }
        if (!q.domains().isEmpty()) {
            return q.domains().stream().map(d -> prefix + "d:" + d).toList();
        }
        return List.of(prefix + EVERYTHING);
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
