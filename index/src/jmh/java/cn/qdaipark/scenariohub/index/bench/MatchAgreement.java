package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SolutionMatch;
import java.util.stream.Collectors;

/**
 * Prints the top 10 solutions of each benchmark posting, one line per posting and mode, so two runs can be compared
 * (e.g. two-stage text retrieval against {@code -Dscenariohub.match.exhaustive=true}):
 * {@code java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.bench.MatchAgreement 10000 > a.txt}.
 */
public final class MatchAgreement {
    private MatchAgreement() {
    }

    public static void main(String[] args) {
        int solutions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int postings = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        try (ScenarioIndex index = BenchIndexes.open(catalog, solutions)) {
            for (MatchMode mode : new MatchMode[] {MatchMode.BM25, MatchMode.HYBRID}) {
                for (int i = 0; i < postings; i++) {
                    var matches = index.matchSolutions(catalog.posting(i),
                            catalog.vector(BenchIndexes.POSTING_VECTOR_KEY + i, BenchIndexes.DIMENSION), 10, mode);
                    System.out.println(mode + " " + i + " " + matches.stream().map(SolutionMatch::sourceRef)
                            .collect(Collectors.joining(",")));
                }
            }
        }
    }
}
