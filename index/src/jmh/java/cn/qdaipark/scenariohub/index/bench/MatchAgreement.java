package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SolutionMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints the top 10 solutions of each benchmark posting, one line per posting and mode, so two runs can be compared
 * (e.g. the pooled text retrieval against {@code -Dscenariohub.match.exhaustive=true}):
 * {@code java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.bench.MatchAgreement 10000 [postings] >
 * a.txt}; {@code MatchAgreement compare reference.txt other.txt} then prints, per mode, the share of the reference
 * top 10 that the other run also returns, the share of identical lists and of identical first places.
 */
public final class MatchAgreement {
    private MatchAgreement() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("compare")) {
            compare(read(Path.of(args[1])), read(Path.of(args[2])));
            return;
        }
        int solutions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int postings = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        float[][] vectors = BenchIndexes.postingVectors(catalog, postings);
        try (ScenarioIndex index = BenchIndexes.open(catalog, solutions)) {
            for (MatchMode mode : new MatchMode[] {MatchMode.BM25, MatchMode.HYBRID}) {
                for (int i = 0; i < postings; i++) {
                    var matches = index.matchSolutions(catalog.posting(i), vectors[i], 10, mode);
                    System.out.println(mode + " " + i + " " + matches.stream().map(SolutionMatch::sourceRef)
                            .collect(Collectors.joining(",")));
                }
            }
        }
    }

    /** Lines "MODE posting ref,ref,..." keyed by "MODE posting". */
    private static Map<String, List<String>> read(Path file) throws IOException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(" ");
            if (parts.length >= 2 && (parts[0].equals("BM25") || parts[0].equals("HYBRID"))) {
                lists.put(parts[0] + " " + parts[1], parts.length > 2 ? List.of(parts[2].split(",")) : List.of());
            }
        }
        return lists;
    }

    private static void compare(Map<String, List<String>> reference, Map<String, List<String>> other) {
        for (String mode : List.of("BM25", "HYBRID")) {
            int lists = 0;
            int returned = 0;
            int shared = 0;
            int identical = 0;
            int sameFirst = 0;
            for (Map.Entry<String, List<String>> e : reference.entrySet()) {
                List<String> theirs = other.get(e.getKey());
                if (!e.getKey().startsWith(mode + " ") || theirs == null) {
                    continue;
                }
                List<String> ours = e.getValue();
                Set<String> common = new HashSet<>(ours);
                common.retainAll(theirs);
                lists++;
                returned += ours.size();
                shared += common.size();
                identical += ours.equals(theirs) ? 1 : 0;
                sameFirst += !ours.isEmpty() && !theirs.isEmpty() && ours.get(0).equals(theirs.get(0)) ? 1 : 0;
            }
            System.out.printf("%-6s %d postings: top 10 shared %.1f %%, identical lists %.1f %%, same first %.1f %%%n",
                    mode, lists, 100.0 * shared / Math.max(1, returned), 100.0 * identical / Math.max(1, lists),
                    100.0 * sameFirst / Math.max(1, lists));
        }
    }
}
