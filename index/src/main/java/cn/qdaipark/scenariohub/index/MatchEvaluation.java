package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Measures posting → solution matching on a labelled collection (shared/eval/FORMAT.md): nDCG@10 (gain 2^g − 1,
 * log2 discount, ideal ranking from the qrels), Recall@10 (share of graded solutions in the top 10) and MRR
 * (reciprocal rank of the first graded solution), averaged over demands that have qrels, for every match mode.
 */
public final class MatchEvaluation {
    static final int CUTOFF = 10;
    private static final int MRR_DEPTH = 100;

    public record Metrics(double ndcgAt10, double recallAt10, double mrr) {
    }

    public record Report(int queries, Map<MatchMode, Metrics> byMode) {
        public String table() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s %8s %10s %8s   (%d queries)%n",
                    "mode", "nDCG@10", "Recall@10", "MRR", queries));
            byMode.forEach((mode, m) -> out.append(String.format(Locale.ROOT, "%-8s %8.4f %10.4f %8.4f%n",
                    mode, m.ndcgAt10(), m.recallAt10(), m.mrr())));
            return out.toString();
        }
    }

    private MatchEvaluation() {
    }

    public static Report evaluate(Path collectionDir, Embedder embedder) {
        return evaluate(collectionDir, embedder, HybridWeights.DEFAULT);
    }

    static Report evaluate(Path collectionDir, Embedder embedder, HybridWeights weights) {
        try {
            return evaluate(EvalCollection.read(collectionDir), embedder, weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation collection " + collectionDir, e);
        }
    }

    static Report evaluate(EvalCollection collection, Embedder embedder, HybridWeights weights) {
        try (ScenarioIndex index = ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory(), weights)) {
            for (SolutionDoc s : collection.solutions()) {
                index.upsertSolution(s, embedder.embed(s.matchText()));
            }
            index.refresh();
            Map<MatchMode, List<Metrics>> perQuery = new EnumMap<>(MatchMode.class);
            for (PostingDoc demand : collection.demands()) {
                Map<String, Integer> grades = collection.qrels().get(demand.sourceRef());
                if (grades == null || grades.values().stream().noneMatch(g -> g > 0)) {
                    continue;
                }
                float[] vector = embedder.embed(demand.matchText());
                for (MatchMode mode : MatchMode.values()) {
                    List<String> ranked = index.matchSolutions(demand, vector, MRR_DEPTH, mode).stream()
                            .map(SolutionMatch::sourceRef).toList();
                    perQuery.computeIfAbsent(mode, m -> new ArrayList<>()).add(metrics(ranked, grades));
                }
            }
            Map<MatchMode, Metrics> byMode = new EnumMap<>(MatchMode.class);
            perQuery.forEach((mode, list) -> byMode.put(mode, new Metrics(
                    list.stream().mapToDouble(Metrics::ndcgAt10).average().orElse(0),
                    list.stream().mapToDouble(Metrics::recallAt10).average().orElse(0),
                    list.stream().mapToDouble(Metrics::mrr).average().orElse(0))));
            int queries = perQuery.isEmpty() ? 0 : perQuery.values().iterator().next().size();
            return new Report(queries, byMode);
        }
    }

    /** The three measures of one ranked list of solution keys against the graded judgments of its demand. */
    public static Metrics metrics(List<String> ranked, Map<String, Integer> grades) {
        double dcg = 0;
        int found = 0;
        for (int i = 0; i < Math.min(CUTOFF, ranked.size()); i++) {
            int g = grades.getOrDefault(ranked.get(i), 0);
            dcg += gain(g) / log2(i + 2);
            found += g > 0 ? 1 : 0;
        }
        List<Integer> ideal = new ArrayList<>(grades.values());
        ideal.sort(Comparator.reverseOrder());
        double idcg = 0;
        for (int i = 0; i < Math.min(CUTOFF, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        double mrr = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (grades.getOrDefault(ranked.get(i), 0) > 0) {
                mrr = 1.0 / (i + 1);
                break;
            }
        }
        return new Metrics(idcg == 0 ? 0 : dcg / idcg, relevant == 0 ? 0 : (double) found / relevant, mrr);
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Usage: MatchEvaluation &lt;collection dir&gt;, e.g. ../shared/eval/dev; prints the table per mode. */
    /** Graded judgments per demand key from a qrels.tsv file (demand, solution, grade; tab separated). */
    public static Map<String, Map<String, Integer>> readQrels(Path file) {
        try {
            return EvalCollection.readQrels(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: MatchEvaluation <dir with solutions.jsonl, demands.jsonl, qrels.tsv>");
            System.exit(2);
        }
        Embedder embedder = new CachingEmbedder(new BgeSmallZhEmbedder(), 10_000);
        System.out.print(evaluate(Path.of(args[0]), embedder).table());
    }
}
