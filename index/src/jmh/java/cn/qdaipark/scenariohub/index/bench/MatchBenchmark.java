package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SolutionMatch;
import java.util.List;
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
 * Posting → top 10 solutions, with the posting vector precomputed (a random unit vector, see SyntheticCatalog):
 * the full hybrid match (k-NN + BM25, rank fusion, priors, feedback round, explanations) against the BM25-only
 * baseline (BM25 with its feedback round, explanations). Each call matches the next of 200 synthetic postings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class MatchBenchmark {
    private static final int POSTINGS = 200;

    @Param({"10000", "100000"})
    public int solutions;

    private ScenarioIndex index;
    private PostingDoc[] postings;
    private float[][] vectors;
    private int next;

    @Setup
    public void setUp() {
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        index = BenchIndexes.open(catalog, solutions);
        postings = new PostingDoc[POSTINGS];
        vectors = BenchIndexes.postingVectors(catalog, POSTINGS);
        for (int i = 0; i < POSTINGS; i++) {
            postings[i] = catalog.posting(i);
        }
    }

    @TearDown
    public void tearDown() {
        index.close();
    }

    @Benchmark
    public List<SolutionMatch> hybrid() {
        int i = next++ % POSTINGS;
        return index.matchSolutions(postings[i], vectors[i], 10, MatchMode.HYBRID);
    }

    @Benchmark
    public List<SolutionMatch> bm25() {
        int i = next++ % POSTINGS;
        return index.matchSolutions(postings[i], vectors[i], 10, MatchMode.BM25);
    }
}
