package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** Typeahead over the titles and tags of what the public can see, most common first. */
final class Suggestions {
    static final int MAX_PREFIX_LENGTH = 50;
    private static final int SCAN_DOCS = 200;
    /** An English prefix of two letters starts many glossary terms; the shortest terms' forms are enough. */
    private static final int MAX_CHINESE_PREFIXES = 8;

    private Suggestions() {
    }

    static List<String> suggest(LuceneStore solutions, LuceneStore postings, EnglishGlossary glossary, String prefix,
            int limit) throws IOException {
        String p = Texts.orEmpty(prefix).strip().toLowerCase(Locale.ROOT);
        if (p.isEmpty() || p.length() > MAX_PREFIX_LENGTH || limit <= 0) {
            return List.of();
        }
        List<String> prefixes = new ArrayList<>(List.of(p));
        glossary.chineseForPrefix(p).stream().limit(MAX_CHINESE_PREFIXES)
                .map(c -> c.toLowerCase(Locale.ROOT)).forEach(prefixes::add);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String each : prefixes) {
            solutions.withSearcher(s -> collect(s, each, IndexFields.SOLUTION_PUBLISHED, counts));
            postings.withSearcher(s -> collect(s, each, IndexFields.POSTING_OPEN, counts));
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().length()));
        return ranked.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    private static Void collect(IndexSearcher searcher, String prefix, String visibleStatus,
            Map<String, Integer> counts) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(new PrefixQuery(new Term(IndexFields.SUGGEST, prefix)), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.STATUS, visibleStatus)), BooleanClause.Occur.FILTER)
                .build();
        for (ScoreDoc sd : searcher.search(query, SCAN_DOCS).scoreDocs) {
            Document doc = searcher.storedFields().document(sd.doc);
            List<String> candidates = new ArrayList<>(DocumentFields.strings(doc, IndexFields.TAGS));
            candidates.add(DocumentFields.string(doc, IndexFields.TITLE));
            for (String candidate : candidates) {
                if (candidate.strip().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    counts.merge(candidate.strip(), 1, Integer::sum);
                }
            }
        }
        return null;
    }
}
