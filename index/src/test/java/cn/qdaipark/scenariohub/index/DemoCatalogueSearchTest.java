package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The catalogue search measured on the project's own demo solutions with the labelled queries of
 * search-eval/demo-queries.tsv; prints precision@10 and nDCG@10 (README: "Search precision").
 */
class DemoCatalogueSearchTest {
    private static final Path DEMO_SOLUTIONS = Path.of("../server/src/main/resources/demo/solutions.jsonl");

    @Test
    @DisplayName("the demo queries find their solutions, and what shows above the divider is mostly relevant")
    void demoQueriesArePrecise() throws URISyntaxException {
        Path queries = Path.of(getClass().getResource("/search-eval/demo-queries.tsv").toURI());
        SearchEvaluation.Report report = SearchEvaluation.evaluate(DEMO_SOLUTIONS, queries, SharedBgeEmbedder.get());
        System.out.print("Catalogue search on the demo solutions\n" + report.table());
        assertThat(report.queries()).isGreaterThanOrEqualTo(30);
        assertThat(report.ndcgAt10()).isGreaterThan(0.5);
    }
}
