package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The catalogue search measured on the project's own demo solutions with the labelled queries of
 * search-eval/demo-queries.tsv; prints precision@10 and nDCG@10 (README: "Search precision").
 */
class DemoCatalogueSearchTest {
    private static final Path DEMO_SOLUTIONS = Path.of("../server/src/main/resources/demo/solutions.jsonl");
    private static ScenarioIndex index;

    @BeforeAll
    static void load() throws IOException {
        index = ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory());
        for (SolutionDoc s : EvalCollection.readSolutions(DEMO_SOLUTIONS)) {
            index.upsertSolution(s, SharedBgeEmbedder.get().embed(s.matchText()));
        }
        index.refresh();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    @DisplayName("the demo queries find their solutions, and what shows above the divider is mostly relevant")
    void demoQueriesArePrecise() throws URISyntaxException {
        Path queries = Path.of(getClass().getResource("/search-eval/demo-queries.tsv").toURI());
        SearchEvaluation.Report report = SearchEvaluation.evaluate(DEMO_SOLUTIONS, queries, SharedBgeEmbedder.get());
        System.out.print("Catalogue search on the demo solutions\n" + report.table());
        assertThat(report.queries()).isGreaterThanOrEqualTo(30);
        assertThat(report.ndcgAt10()).isGreaterThan(0.9);
        assertThat(report.precisionAboveFloor()).isGreaterThan(0.55);
    }

    @Test
    @DisplayName("English and mixed queries find the Chinese records through the glossary and the embeddings")
    void englishQueriesFindTheChineseRecords() throws URISyntaxException {
        Path queries = Path.of(getClass().getResource("/search-eval/english-queries.tsv").toURI());
        SearchEvaluation.Report report = SearchEvaluation.evaluate(DEMO_SOLUTIONS, queries, SharedBgeEmbedder.get());
        System.out.print("Catalogue search on the demo solutions, English queries\n" + report.table());
        assertThat(report.queries()).isGreaterThanOrEqualTo(10);
        assertThat(report.ndcgAt10()).isGreaterThan(0.9);
    }

    @Test
    @DisplayName("drone inspection shows the drone systems above the floor and anti-money-laundering, if at all, below it")
    void englishQueryIsFlooredLikeChinese() {
        List<SearchResult.SearchHit> hits = search("drone inspection", true);
        assertThat(above(hits)).startsWith("DEMO-S071").contains("DEMO-S034").doesNotContain("DEMO-S045", "DEMO-S036");
        assertThat(hits.get(0).titleHtml()).contains("<mark>");
    }

    @Test
    @DisplayName("an English prefix suggests the Chinese titles and tags of its terms")
    void englishTypeahead() {
        assertThat(index.suggest("dro", 10)).contains("无人机", "无人机巡检", "无人机城市违建与环境问题智能巡查系统");
        assertThat(index.suggest("fall", 10)).contains("跌倒检测");
        assertThat(index.suggest("d", 10)).isEmpty();
    }

    @Test
    @DisplayName("无人机巡检 shows the drone systems above the floor and anti-money-laundering, if at all, below it")
    void unrelatedRecordsFallBelowTheFloor() {
        List<SearchResult.SearchHit> hits = search("无人机巡检", true);
        assertThat(above(hits)).contains("DEMO-S071", "DEMO-S034").doesNotContain("DEMO-S045", "DEMO-S036");
        assertThat(hits).extracting(SearchResult.SearchHit::lowRelevance).contains(true);
    }

    @Test
    @DisplayName("hits below the floor all come after those above it, so the page needs one divider")
    void lowHitsComeLast() {
        for (String text : List.of("智慧养老", "缺陷检测", "毫米波雷达", "数据标注服务")) {
            List<Boolean> low = search(text, true).stream().map(SearchResult.SearchHit::lowRelevance).toList();
            assertThat(low).as(text).isSortedAccordingTo(Boolean::compare);
            assertThat(low.get(0)).as(text).isFalse();
        }
    }

    @Test
    @DisplayName("without a query vector the floor is lexical: the best BM25 hit is above it, weak word overlaps below")
    void bm25OnlyFloor() {
        List<SearchResult.SearchHit> hits = search("反洗钱", false);
        assertThat(hits.get(0).sourceRef()).isEqualTo("DEMO-S045");
        assertThat(above(hits)).containsExactly("DEMO-S045");
    }

    @Test
    @DisplayName("sorting by date shows no divider")
    void noFloorWhenSortedByDate() {
        SearchResult result = index.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS).text("无人机巡检")
                .status(IndexFields.SOLUTION_PUBLISHED).sort(SearchQuery.Sort.NEWEST).page(0, 50).build());
        assertThat(result.hits()).isNotEmpty().noneMatch(SearchResult.SearchHit::lowRelevance);
    }

    private static List<SearchResult.SearchHit> search(String text, boolean withVector) {
        return index.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS).text(text)
                .queryVector(withVector ? SharedBgeEmbedder.get().embed(index.queryForEmbedding(text)) : null)
                .status(IndexFields.SOLUTION_PUBLISHED).page(0, 50).build()).hits();
    }

    private static List<String> above(List<SearchResult.SearchHit> hits) {
        return hits.stream().filter(h -> !h.lowRelevance()).map(SearchResult.SearchHit::sourceRef).toList();
    }
}
