package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;

/** Catalogue search: free text (BM25, re-ranked by the query vector when given), filters, facets, paging. */
final class ScenarioSearcher {
    /** Relevance ranking fuses scores over at most this many hits; deeper pages fall back to BM25 order. */
    static final int RERANK_DEPTH = 1000;
    private static final List<String> SOLUTION_FACETS = List.of(
            IndexFields.DOMAIN, IndexFields.TRACK, IndexFields.MATURITY, IndexFields.REGION);
    private static final List<String> POSTING_FACETS = List.of(
            IndexFields.DOMAIN, IndexFields.KIND, IndexFields.REGION);

    /** Records with the same title as the query that are put first; more are ranked like any other hit. */
    private static final int MAX_EXACT_TITLES = 10;

    private static final Sort NEWEST_FIRST = new Sort(new SortField(IndexFields.UPDATED_AT, SortField.Type.LONG, true));
    private static final Sort EARLIEST_DEADLINE_FIRST = new Sort(
            new SortField(IndexFields.DEADLINE_DAY, SortField.Type.LONG),
            new SortField(IndexFields.UPDATED_AT, SortField.Type.LONG, true));

    /** The stored fields a hit shows; the others (tags, cases, provider, ...) are not decoded. */
    private static final Set<String> HIT_FIELDS = Set.of(IndexFields.ID, IndexFields.SOURCE_REF, IndexFields.TITLE,
            IndexFields.SUMMARY, IndexFields.DESCRIPTION, IndexFields.BODY);

    private final TextQueries textQueries;
    private final EnglishGlossary glossary;
    private final HybridWeights weights;
    private final FacetCounting.Ordinals facetOrdinals = new FacetCounting.Ordinals();

    ScenarioSearcher(TextQueries textQueries, EnglishGlossary glossary, HybridWeights weights) {
        this.textQueries = textQueries;
        this.glossary = glossary;
        this.weights = weights;
    }

    SearchResult search(IndexSearcher searcher, SearchQuery q) throws IOException {
        boolean solutions = q.target() == SearchQuery.Target.SOLUTIONS;
        Query text = hasSearchableChars(q.text()) ? textQuery(searcher, q.text(), solutions) : null;
        Query query = text == null ? new MatchAllDocsQuery() : text;
        Query filters = filters(q);
        Weight filter = searcher.createWeight(searcher.rewrite(filters), ScoreMode.COMPLETE_NO_SCORES, 1f);
        int end = q.offset() + q.limit();
        boolean rerank = text != null && q.sort() == SearchQuery.Sort.RELEVANCE && q.queryVector() != null
                && end <= RERANK_DEPTH;
        HitsAndFacets found = HitsAndFacets.collect(searcher, query, filter,
                topHits(q.sort(), text != null, rerank ? RERANK_DEPTH : end),
                new FacetCounting(solutions ? SOLUTION_FACETS : POSTING_FACETS, facetOrdinals));
        Ranked ranked = rerank ? rerank(searcher, found.top().scoreDocs, q.queryVector())
                : bm25Only(found.top().scoreDocs, text != null, q.sort());
        if (text != null && q.sort() == SearchQuery.Sort.RELEVANCE) {
            ranked = ranked.withFirst(exactTitles(searcher, q.text(), filters));
        }
        Highlighting highlighting = new Highlighting(text);
        StoredFields stored = searcher.storedFields();
        List<SearchResult.SearchHit> hits = new ArrayList<>();
        for (int i = q.offset(); i < Math.min(end, ranked.hits().length); i++) {
            ScoreDoc sd = ranked.hits()[i];
            hits.add(hit(stored.document(sd.doc, HIT_FIELDS), sd.score, ranked.lowDocs().contains(sd.doc),
                    highlighting, solutions));
        }
        return new SearchResult(found.top().totalHits.value, hits, found.facets());
    }

    /** Punctuation- or emoji-only input has nothing to search for and is treated like an empty box. */
    private static boolean hasSearchableChars(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private Query textQuery(IndexSearcher searcher, String text, boolean solutions) throws IOException {
        String keyField = solutions ? IndexFields.TAGS : IndexFields.REQUIREMENTS;
        // The Chinese forms of English words count as words written: they are the only ones the records hold.
        return textQueries.build(searcher.getIndexReader(), glossary.withChinese(text),
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
        if (IndexFields.POSTING_OPEN.equals(q.status()) && q.today() != null) {
            filters.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.KIND, "challenge")), BooleanClause.Occur.FILTER)
                    .add(LongPoint.newRangeQuery(IndexFields.DEADLINE_DAY, Long.MIN_VALUE, q.today().toEpochDay() - 1),
                            BooleanClause.Occur.FILTER)
                    .build(), BooleanClause.Occur.MUST_NOT);
        }
        return filters.build();
    }

    private static void keyword(BooleanQuery.Builder filters, String field, String value) {
        if (!Texts.isBlank(value)) {
            filters.add(new TermQuery(new Term(field, value.strip())), BooleanClause.Occur.FILTER);
        }
    }

    /**
     * Collects the top hits in the same pass as the facets, with an exact total: facet counting visits every hit
     * anyway, so a separate count and a separate top-hits search would only run the query again.
     */
    private static CollectorManager<?, ? extends TopDocs> topHits(SearchQuery.Sort sort, boolean hasText, int n) {
        return switch (sort) {
            case NEWEST -> new TopFieldCollectorManager(NEWEST_FIRST, n, null, Integer.MAX_VALUE);
            case DEADLINE -> new TopFieldCollectorManager(EARLIEST_DEADLINE_FIRST, n, null, Integer.MAX_VALUE);
            case RELEVANCE -> hasText
                    ? new TopScoreDocCollectorManager(n, null, Integer.MAX_VALUE)
                    : new TopFieldCollectorManager(NEWEST_FIRST, n, null, Integer.MAX_VALUE);
        };
    }

    /**
     * Fuses the BM25 score (relative to the best hit) with the cosine to the query vector and marks the hits below
     * the {@link RelevanceFloor}: those above it come first, each group best first.
     */
    private Ranked rerank(IndexSearcher searcher, ScoreDoc[] hits, float[] queryVector) throws IOException {
        double maxBm25 = hits.length == 0 ? 0 : hits[0].score;
        double wText = weights.searchTextShare();
        double[] textShare = new double[hits.length];
        double[] cosine = new double[hits.length];
        double bestCosine = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < hits.length; i++) {
            textShare[i] = hits[i].score / maxBm25;
            cosine[i] = StoredVectors.cosine(searcher, hits[i].doc, queryVector);
            bestCosine = Math.max(bestCosine, cosine[i]);
            hits[i].score = (float) (wText * textShare[i] + (1 - wText) * Math.max(0, cosine[i]));
        }
        Set<Integer> low = new HashSet<>();
        for (int i = 0; i < hits.length; i++) {
            if (!RelevanceFloor.passes(textShare[i], cosine[i], bestCosine)) {
                low.add(hits[i].doc);
            }
        }
        ScoreDoc[] sorted = hits.clone();
        Arrays.sort(sorted, Comparator.comparing((ScoreDoc sd) -> low.contains(sd.doc))
                .thenComparing(Comparator.comparingDouble((ScoreDoc sd) -> sd.score).reversed()));
        return new Ranked(sorted, low);
    }

    /** BM25 order as collected: the floor is relative to the best hit, which is the first of the collected ones. */
    private static Ranked bm25Only(ScoreDoc[] hits, boolean hasText, SearchQuery.Sort sort) {
        Set<Integer> low = new HashSet<>();
        if (hasText && sort == SearchQuery.Sort.RELEVANCE && hits.length > 0) {
            for (ScoreDoc hit : hits) {
                if (!RelevanceFloor.passes(hit.score / hits[0].score, Double.NaN, Double.NaN)) {
                    low.add(hit.doc);
                }
            }
        }
        return new Ranked(hits, low);
    }

    /**
     * The records whose whole title is the query ({@link TitleKeys}): among a hundred similar titles, word scores and
     * vectors cannot tell the one asked for by name, so it is put first.
     */
    private static List<ScoreDoc> exactTitles(IndexSearcher searcher, String text, Query filters) throws IOException {
        String key = TitleKeys.of(text);
        if (key.isEmpty()) {
            return List.of();
        }
        Query exact = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TITLE_KEY, key)), BooleanClause.Occur.FILTER)
                .add(filters, BooleanClause.Occur.FILTER)
                .build();
        return List.of(searcher.search(exact, MAX_EXACT_TITLES).scoreDocs);
    }

    /** Hits in display order and the documents among them that fall below the relevance floor. */
    private record Ranked(ScoreDoc[] hits, Set<Integer> lowDocs) {

        /** These documents first (never below the floor), then the others in their order. */
        Ranked withFirst(List<ScoreDoc> first) {
            if (first.isEmpty()) {
                return this;
            }
            float topScore = hits.length == 0 ? 1f : hits[0].score;
            Set<Integer> firstDocs = new HashSet<>();
            List<ScoreDoc> ordered = new ArrayList<>();
            for (ScoreDoc doc : first) {
                firstDocs.add(doc.doc);
                ordered.add(new ScoreDoc(doc.doc, topScore));
            }
            for (ScoreDoc hit : hits) {
                if (!firstDocs.contains(hit.doc)) {
                    ordered.add(hit);
                }
            }
            Set<Integer> low = new HashSet<>(lowDocs);
            low.removeAll(firstDocs);
            return new Ranked(ordered.toArray(ScoreDoc[]::new), low);
        }
    }

    private static SearchResult.SearchHit hit(Document doc, double score, boolean lowRelevance,
            Highlighting highlighting, boolean solutions) {
        String title = DocumentFields.string(doc, IndexFields.TITLE);
        String body = solutions
                ? Texts.joinNonBlank("。", DocumentFields.string(doc, IndexFields.SUMMARY),
                        DocumentFields.string(doc, IndexFields.DESCRIPTION))
                : DocumentFields.string(doc, IndexFields.BODY);
        return new SearchResult.SearchHit(
                Long.parseLong(DocumentFields.string(doc, IndexFields.ID)),
                DocumentFields.string(doc, IndexFields.SOURCE_REF),
                score,
                highlighting.whole(IndexFields.TITLE, title),
                // The body is searched through the all-text field: its words are the ones to mark.
                highlighting.snippet(IndexFields.TEXT, body), lowRelevance);
    }

    /** The top hits (with the exact total) and the facet counts of one query, collected in a single pass. */
    private record HitsAndFacets(TopDocs top, Map<String, List<SearchResult.FacetCount>> facets) {

        @SuppressWarnings("unchecked")
        static HitsAndFacets collect(IndexSearcher searcher, Query query, Weight filter,
                CollectorManager<?, ? extends TopDocs> topHits, FacetCounting facets) throws IOException {
            Object[] results = searcher.search(query,
                    new FilteredCollectorManager<>(filter, new MultiCollectorManager(topHits, facets)));
            return new HitsAndFacets((TopDocs) results[0], (Map<String, List<SearchResult.FacetCount>>) results[1]);
        }
    }

    /**
     * Passes on only the hits that pass the filter. The free-text query alone is a plain disjunction of a few
     * hundred terms, which Lucene scores window by window (BooleanScorer); with the filter as a required clause it
     * goes document by document through a heap of all the terms, which cost more than the filter check here.
     */
    private static final class FilteredCollectorManager<T> implements CollectorManager<Collector, T> {
        private final Weight filter;
        private final CollectorManager<Collector, T> delegate;
        private final List<Collector> delegates = new ArrayList<>();

        FilteredCollectorManager(Weight filter, CollectorManager<Collector, T> delegate) {
            this.filter = filter;
            this.delegate = delegate;
        }

        @Override
        public Collector newCollector() throws IOException {
            Collector collector = delegate.newCollector();
            delegates.add(collector);
            return new FilterCollector(collector) {
                @Override
                public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                    Scorer passing = filter.scorer(context);
                    if (passing == null) {
                        throw new CollectionTerminatedException();
                    }
                    DocIdSetIterator passes = passing.iterator();
                    return new FilterLeafCollector(super.getLeafCollector(context)) {
                        @Override
                        public void collect(int doc) throws IOException {
                            if (passes.docID() < doc) {
                                passes.advance(doc);
                            }
                            if (passes.docID() == doc) {
                                in.collect(doc);
                            }
                        }
                    };
                }
            };
        }

        @Override
        public T reduce(Collection<Collector> collectors) throws IOException {
            return delegate.reduce(delegates);
        }
    }
}
