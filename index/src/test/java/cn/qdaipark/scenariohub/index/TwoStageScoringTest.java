package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TwoStageScoringTest {
    private final ExecutorService helpers = Executors.newFixedThreadPool(2);
    private final GramNorms norms = new GramNorms();

    @AfterEach
    void stopHelpers() {
        helpers.shutdown();
    }

    @Test
    @DisplayName("a pool of given documents, and the probe that finds them, rank and score exactly like a search over the whole index")
    void poolScoresAgreeWithSearch() throws Exception {
        List<String> texts = new ArrayList<>();
        // Enough documents for a pool to be shared with a helper thread.
        for (int batch = 0; batch < 15; batch++) {
            for (SolutionDoc s : List.of(Fixtures.VISION, Fixtures.MAINTENANCE, Fixtures.ANTI_FRAUD,
                    Fixtures.ARCHIVED_VISION, Fixtures.DRAFT_VISION)) {
                texts.add(s.matchText() + "（第" + batch + "批）");
                texts.add(s.title() + "。" + s.summary().substring(0, s.summary().length() - batch % 4));
            }
        }
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(Analyzers.INDEXING))) {
                for (int i = 0; i < texts.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StringField(IndexFields.ID, "d" + i, Field.Store.NO));
                    doc.add(new StringField(IndexFields.STATUS, i % 2 == 1 ? "draft" : "published", Field.Store.NO));
                    doc.add(new TextField(IndexFields.TEXT_GRAMS, texts.get(i), Field.Store.NO));
                    GramCounts.add(doc, texts.get(i));
                    writer.addDocument(doc);
                    if (i % 40 == 39) {
                        writer.commit(); // several segments
                    }
                }
                // The first copy of the best match: among equal scores the lowest doc id would come first.
                writer.deleteDocuments(new Term(IndexFields.ID, "d0"));
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                IndexSearcher searcher = new IndexSearcher(reader);
                FeedbackQueries.Grams grams = new FeedbackQueries.Grams(searcher);
                Map<String, Double> terms = FeedbackQueries.termWeights(grams, Fixtures.STEEL_DEMAND.matchText());
                Query query = disjunction(grams, terms);
                // The whole ranking, so that both halves of the pool (caller's and helper's) count.
                ScoreDoc[] expected = searcher.search(query, reader.numDocs()).scoreDocs;

                List<Integer> all = new ArrayList<>();
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    if (doc != 0) {
                        all.add(doc);
                    }
                }
                ScoreDoc[] actual =
                        new CandidatePool(searcher, grams, norms, helpers, all).top(terms, reader.numDocs());

                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i].doc).isEqualTo(expected[i].doc);
                    assertThat(actual[i].score).isCloseTo(expected[i].score, within(1e-4f));
                }
                // Only the given documents are scored.
                ScoreDoc[] some =
                        new CandidatePool(searcher, grams, norms, helpers, List.of(expected[2].doc, expected[0].doc))
                                .top(terms, 5);
                assertThat(some).extracting(sd -> sd.doc).containsExactly(expected[0].doc, expected[2].doc);

                assertProbeAgreesWithSearch(searcher, grams, terms, null);
                assertProbeAgreesWithSearch(searcher, grams, terms,
                        new TermQuery(new Term(IndexFields.STATUS, "draft")));
            }
        }
    }

    /**
     * The probe's hits are those of a BooleanQuery of its grams, within the scope and the live documents, whether it
     * runs as one range or as ranges on helper threads.
     */
    private void assertProbeAgreesWithSearch(IndexSearcher searcher, FeedbackQueries.Grams grams,
            Map<String, Double> terms, Query scope) throws Exception {
        Map<String, Double> probeTerms = FeedbackQueries.probe(grams, terms, 12);
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(disjunction(grams, probeTerms), BooleanClause.Occur.MUST);
        if (scope != null) {
            query.add(scope, BooleanClause.Occur.FILTER);
        }
        ScoreDoc[] expected = searcher.search(query.build(), 6).scoreDocs;
        assertThat(expected).hasSizeGreaterThan(3);
        for (int ranges : new int[] {1, 3}) {
            ScoreDoc[] actual = new GramProbe(helpers, ranges, norms).top(searcher, grams, probeTerms, scope, 6);
            assertThat(actual).extracting(hit -> hit.doc)
                    .containsExactly(Arrays.stream(expected).map(hit -> hit.doc).toArray(Integer[]::new));
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i].score).isCloseTo(expected[i].score, within(1e-4f));
            }
        }
    }

    /** The weighted grams as Lucene's own query, what the pool and the probe must agree with. */
    private static Query disjunction(FeedbackQueries.Grams grams, Map<String, Double> weights) throws Exception {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            query.add(new BoostQuery(grams.query(e.getKey()), e.getValue().floatValue()), BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }
}
