package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Measures the catalogue search on labelled queries (query, solution key, grade; tab separated): precision@10 and
 * nDCG@10 (as in {@link MatchEvaluation}) of the ranking, and the precision of what the page shows above the
 * "相关度较低" divider, averaged over the queries. The solutions are indexed with their embeddings and searched with the
 * query's, as the server does.
 */
public final class SearchEvaluation {
    static final int CUTOFF = 10;

    /** Averages over the queries; {@code shownAboveFloor} is the mean number of top-10 hits above the divider. */
    public record Report(int queries, double precisionAt10, double ndcgAt10, double precisionAboveFloor,
            double shownAboveFloor) {
        public String table() {
            return String.format(Locale.ROOT, "%8s %8s %12s %12s   (%d queries)%n%8.4f %8.4f %12.4f %12.2f%n",
                    "P@10", "nDCG@10", "P@10(floor)", "shown(floor)", queries,
                    precisionAt10, ndcgAt10, precisionAboveFloor, shownAboveFloor);
        }
    }

    private SearchEvaluation() {
    }

    public static Report evaluate(Path solutionsJsonl, Path queriesTsv, Embedder embedder) {
        try {
            return evaluate(EvalCollection.readSolutions(solutionsJsonl), EvalCollection.readQrels(queriesTsv),
                    embedder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + solutionsJsonl + " or " + queriesTsv, e);
        }
    }

    static Report evaluate(List<SolutionDoc> solutions, Map<String, Map<String, Integer>> qrels, Embedder embedder) {
        try (ScenarioIndex index = ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory())) {
            for (SolutionDoc s : solutions) {
                index.upsertSolution(s, embedder.embed(s.matchText()));
            }
            index.refresh();
            double precision = 0;
            double ndcg = 0;
            double precisionAbove = 0;
            double shownAbove = 0;
            for (Map.Entry<String, Map<String, Integer>> judged : qrels.entrySet()) {
                SearchResult result = index.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS)
                        .text(judged.getKey()).queryVector(embedder.embed(index.queryForEmbedding(judged.getKey())))
                        .status(IndexFields.SOLUTION_PUBLISHED).page(0, CUTOFF).build());
                List<String> ranked = new ArrayList<>();
                int above = 0;
                int relevantAbove = 0;
                for (SearchResult.SearchHit hit : result.hits()) {
                    ranked.add(hit.sourceRef());
                    boolean relevant = judged.getValue().getOrDefault(hit.sourceRef(), 0) > 0;
                    if (!hit.lowRelevance()) {
                        above++;
                        relevantAbove += relevant ? 1 : 0;
                    }
                }
                long relevantInTop = ranked.stream().filter(k -> judged.getValue().getOrDefault(k, 0) > 0).count();
                precision += (double) relevantInTop / CUTOFF;
                ndcg += MatchEvaluation.metrics(ranked, judged.getValue()).ndcgAt10();
                precisionAbove += above == 0 ? 0 : (double) relevantAbove / above;
                shownAbove += above;
            }
            int n = Math.max(1, qrels.size());
            return new Report(qrels.size(), precision / n, ndcg / n, precisionAbove / n, shownAbove / n);
        }
    }

    /** Usage: SearchEvaluation &lt;solutions.jsonl&gt; &lt;queries.tsv&gt;; prints the table. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SearchEvaluation <solutions.jsonl> <queries.tsv>");
            System.exit(2);
        }
        Embedder embedder = new CachingEmbedder(new BgeSmallZhEmbedder(), 10_000);
        System.out.print(evaluate(Path.of(args[0]), Path.of(args[1]), embedder).table());
    }
}
