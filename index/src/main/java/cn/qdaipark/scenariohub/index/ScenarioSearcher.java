package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/** Catalogue search: free text (BM25, re-ranked by the query vector when given), filters, facets, paging. */
final class ScenarioSearcher {
    /** Relevance ranking fuses scores over at most this many hits; deeper pages fall back to BM25 order. */
    static final int RERANK_DEPTH = 1000;
    private static final List<String> SOLUTION_FACETS = List.of(
            IndexFields.DOMAIN, IndexFields.TRACK, IndexFields.MATURITY, IndexFields.REGION);
    private static final List<String> POSTING_FACETS = List.of(
            IndexFields.DOMAIN, IndexFields.KIND, IndexFields.REGION);

    private final TextQueries textQueries;
    private final HybridWeights weights;

    ScenarioSearcher(TextQueries textQueries, HybridWeights weights) {
        this.textQueries = textQueries;
        this.weights = weights;
    }

    SearchResult search(IndexSearcher searcher, SearchQuery q) throws IOException {
        boolean solutions = q.target() == SearchQuery.Target.SOLUTIONS;
        Query text = hasSearchableChars(q.text()) ? textQuery(searcher, q.text(), solutions) : null;
        Query query = new BooleanQuery.Builder()
                .add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST)
                .add(filters(q), BooleanClause.Occur.FILTER)
                .build();
        int total = searcher.count(query);
        Map<String, List<SearchResult.FacetCount>> facets =
                searcher.search(query, new FacetCounting(solutions ? SOLUTION_FACETS : POSTING_FACETS));
        List<ScoreDoc> page = page(searcher, query, q, text != null);
        List<SearchResult.SearchHit> hits = new ArrayList<>();
        for (ScoreDoc sd : page) {
            hits.add(hit(searcher.storedFields().document(sd.doc), sd.score, text, solutions));
        }
        return new SearchResult(total, hits, facets);
    }

    /** Punctuation- or emoji-only input has nothing to search for and is treated like an empty box. */
    private static boolean hasSearchableChars(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private Query textQuery(IndexSearcher searcher, String text, boolean solutions) throws IOException {
        String keyField = solutions ? IndexFields.TAGS : IndexFields.REQUIREMENTS;
        return textQueries.build(searcher.getIndexReader(), text,
                List.of(new TextQueries.FieldBoost(IndexFields.TITLE, weights.titleBoost()),
                        new TextQueries.FieldBoost(keyField, weights.keyFieldBoost()),
                        new TextQueries.FieldBoost(IndexFields.TEXT, 1f)),
                List.of(new TextQueries.FieldBoost(IndexFields.TITLE_BIGRAM, weights.titleBoost()),
                        new TextQueries.FieldBoost(IndexFields.TEXT_BIGRAM, 1f)));
    }

    private static Query filters(SearchQuery q) {
        BooleanQuery.Builder filters = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        if (!q.domains().isEmpty()) {
            BooleanQuery.Builder anyDomain = new BooleanQuery.Builder();
            q.domains().forEach(d -> anyDomain.add(new TermQuery(new Term(IndexFields.DOMAIN, d)),
                    BooleanClause.Occur.SHOULD));
            filters.add(anyDomain.build(), BooleanClause.Occur.FILTER);
        }
        keyword(filters, IndexFields.TRACK, q.track());
        keyword(filters, IndexFields.MATURITY, q.maturity());
        keyword(filters, IndexFields.REGION, q.region());
        keyword(filters, IndexFields.KIND, q.kind());
        keyword(filters, IndexFields.STATUS, q.status());
        return filters.build();
    }

    private static void keyword(BooleanQuery.Builder filters, String field, String value) {
        if (!Texts.isBlank(value)) {
            filters.add(new TermQuery(new Term(field, value.strip())), BooleanClause.Occur.FILTER);
        }
    }

    private List<ScoreDoc> page(IndexSearcher searcher, Query query, SearchQuery q, boolean hasText)
            throws IOException {
        int end = q.offset() + q.limit();
        ScoreDoc[] top = switch (q.sort()) {
            case NEWEST -> searcher.search(query, end,
                    new Sort(new SortField(IndexFields.UPDATED_AT, SortField.Type.LONG, true))).scoreDocs;
            case DEADLINE -> searcher.search(query, end, new Sort(
                    new SortField(IndexFields.DEADLINE_DAY, SortField.Type.LONG),
                    new SortField(IndexFields.UPDATED_AT, SortField.Type.LONG, true))).scoreDocs;
            case RELEVANCE -> relevance(searcher, query, q, hasText, end);
        };
        List<ScoreDoc> page = new ArrayList<>();
        for (int i = q.offset(); i < Math.min(end, top.length); i++) {
            page.add(top[i]);
        }
        return page;
    }

    private ScoreDoc[] relevance(IndexSearcher searcher, Query query, SearchQuery q, boolean hasText, int end)
            throws IOException {
        if (!hasText) {
            return searcher.search(query, end,
                    new Sort(new SortField(IndexFields.UPDATED_AT, SortField.Type.LONG, true))).scoreDocs;
        }
        if (q.queryVector() == null || end > RERANK_DEPTH) {
            return searcher.search(query, end).scoreDocs;
        }
        ScoreDoc[] hits = searcher.search(query, RERANK_DEPTH).scoreDocs;
        double maxBm25 = hits.length == 0 ? 0 : hits[0].score;
        double wText = weights.searchTextShare();
        for (ScoreDoc hit : hits) {
            double cosine = StoredVectors.cosine(searcher, hit.doc, q.queryVector());
            hit.score = (float) (wText * hit.score / maxBm25 + (1 - wText) * Math.max(0, cosine));
        }
        ScoreDoc[] sorted = hits.clone();
        Arrays.sort(sorted, Comparator.comparingDouble((ScoreDoc sd) -> sd.score).reversed());
        return sorted;
    }

    private static SearchResult.SearchHit hit(Document doc, double score, Query text, boolean solutions) {
        String title = DocumentFields.string(doc, IndexFields.TITLE);
        String body = solutions
                ? Texts.joinNonBlank("。", DocumentFields.string(doc, IndexFields.SUMMARY),
                        DocumentFields.string(doc, IndexFields.DESCRIPTION))
                : DocumentFields.string(doc, IndexFields.BODY);
        return new SearchResult.SearchHit(
                Long.parseLong(DocumentFields.string(doc, IndexFields.ID)),
                DocumentFields.string(doc, IndexFields.SOURCE_REF),
                score,
                Highlighting.whole(text, IndexFields.TITLE, title),
                Highlighting.snippet(text, IndexFields.BODY, body));
    }
}
