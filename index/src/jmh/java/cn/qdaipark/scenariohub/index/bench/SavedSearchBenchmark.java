package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.SavedSearchMonitor;
import cn.qdaipark.scenariohub.index.SavedSearchMonitor.SavedQuery;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
 * The cost of publishing one posting with N saved searches and N published solutions (standing matches).
 * {@code matchOnePosting}: {@link SavedSearchMonitor#match(PostingDoc)} with N saved searches registered (N = 0 is
 * the baseline: analysing the posting into its one-document index). {@code publishOnePosting}: that plus the
 * standing match, one hybrid {@code matchSolutions(posting, vector, 5)} on an index of N synthetic solutions (as
 * StandingMatches runs it; N = 0: an empty index). The searches
 * are varied synthetic search-box texts (as in SearchBenchmark), a third with a domain filter, a tenth with a kind
 * filter, one in twenty filter-only; half are on postings, half on solutions (which a posting never reaches).
 * Each call matches the next of 200 synthetic postings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class SavedSearchBenchmark {
    private static final int POSTINGS = 200;

    @Param({"0", "1000", "10000"})
    public int savedSearches;

    private SavedSearchMonitor monitor;
    private ScenarioIndex index;
    private float[][] vectors;
    private PostingDoc[] postings;
    private int next;
    /** Matches per posting over the 200 postings, printed once so the workload can be judged. */
    private long matched;

    @Setup
    public void setUp() {
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        monitor = new SavedSearchMonitor();
        List<SavedQuery> queries = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(BenchIndexes.SEED);
        for (int i = 0; i < savedSearches; i++) {
            SearchQuery.Target target = i % 2 == 0 ? SearchQuery.Target.POSTINGS : SearchQuery.Target.SOLUTIONS;
            String text = i % 20 == 19 ? "" : catalog.searchText(i);
            List<String> domains = i % 3 == 0 || text.isEmpty()
                    ? List.of(SyntheticCatalog.DOMAINS.get(r.nextInt(SyntheticCatalog.DOMAINS.size()))) : List.of();
            String kind = target == SearchQuery.Target.POSTINGS && i % 10 == 0 ? (r.nextBoolean() ? "challenge" : "demand")
                    : null;
            queries.add(new SavedQuery(i, target, text, domains, null, null, null, kind));
        }
        monitor.replaceAll(queries);
        index = BenchIndexes.open(catalog, savedSearches);
        postings = new PostingDoc[POSTINGS];
        vectors = BenchIndexes.postingVectors(catalog, POSTINGS);
        for (int i = 0; i < POSTINGS; i++) {
            postings[i] = catalog.posting(i);
            matched += monitor.match(postings[i]).size();
        }
        System.out.printf("%n%d saved searches: %.1f matches per posting%n", savedSearches, matched / (double) POSTINGS);
    }

    @TearDown
    public void tearDown() {
        index.close();
    }

    @Benchmark
    public Set<Long> matchOnePosting() {
        return monitor.match(postings[next++ % POSTINGS]);
    }

    @Benchmark
    public int publishOnePosting() {
        int i = next++ % POSTINGS;
        return index.matchSolutions(postings[i], vectors[i], 5, MatchMode.HYBRID).size() + monitor.match(postings[i]).size();
    }
}
