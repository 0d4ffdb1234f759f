package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.index.Embedder;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.index.SearchResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Catalogue free-text search, first page of 20 published solutions with facets and highlights. {@link #withEmbedding}
 * embeds the query with the real bge-small-zh model on every call (no cache: every query is a cache miss) and
 * re-ranks by the query vector; {@link #textOnly} is the same search without a vector, as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class SearchBenchmark {
    private static final int QUERIES = 500;

    @Param({"10000", "100000"})
    public int solutions;

    private ScenarioIndex index;
    private Embedder embedder;
    private String[] queries;
    private int next;

    @Setup
    public void setUp() {
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        index = BenchIndexes.open(catalog, solutions);
        embedder = new BgeSmallZhEmbedder();
        queries = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = catalog.searchText(i);
        }
    }

    @TearDown
    public void tearDown() {
        index.close();
    }

    @Benchmark
    public SearchResult withEmbedding() {
        String text = queries[next++ % QUERIES];
        return index.search(query(text).queryVector(embedder.embed(text)).build());
    }

    @Benchmark
    public SearchResult textOnly() {
        return index.search(query(queries[next++ % QUERIES]).build());
    }

    private static SearchQuery.Builder query(String text) {
        return SearchQuery.builder(SearchQuery.Target.SOLUTIONS).text(text).status("published").page(0, 20);
    }
}
