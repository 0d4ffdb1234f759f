package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.SolutionDoc;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the synthetic catalogue as bulk-import NDJSON (the record shape of shared/eval/FORMAT.md), so the server's
 * import, {@code reindex} and match over HTTP can be timed on a catalogue of any size:
 * {@code java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.bench.SyntheticSolutionsFile 10000
 * solutions.jsonl [--postings postings.jsonl] [--vectors]}. With {@code --vectors} every line carries its
 * bge-small-zh vector from the {@link SyntheticEmbeddings} cache (the import's {@code embedding} field), so the server
 * stores it instead of computing it again; the postings are the benchmark's 200 open calls and demands.
 */
public final class SyntheticSolutionsFile {
    private SyntheticSolutionsFile() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path solutionsFile = Path.of(args[1]);
        List<String> options = List.of(args).subList(2, args.length);
        boolean vectors = options.contains("--vectors");
        int postingsAt = options.indexOf("--postings");
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        try (SyntheticEmbeddings.Reader cache = vectors ? new SyntheticEmbeddings.Reader(count) : null) {
            try (BufferedWriter out = Files.newBufferedWriter(solutionsFile, StandardCharsets.UTF_8)) {
                for (int i = 0; i < count; i++) {
                    out.write(json(catalog.solution(i), cache == null ? null : cache.solution(i)));
                    out.newLine();
                }
            }
            if (postingsAt >= 0) {
                try (BufferedWriter out = Files.newBufferedWriter(Path.of(options.get(postingsAt + 1)), StandardCharsets.UTF_8)) {
                    for (int i = 0; i < SyntheticEmbeddings.POSTINGS; i++) {
                        out.write(json(catalog.posting(i), cache == null ? null : cache.posting(i)));
                        out.newLine();
                    }
                }
            }
        }
    }

    private static String json(SolutionDoc s, float[] vector) {
        return "{" + field("key", "SYN" + s.sourceRef()) + "," + field("title", s.title()) + ","
                + field("summary", s.summary()) + "," + field("description", s.description()) + ","
                + "\"domains\":" + array(s.domains()) + "," + field("track", s.track()) + ","
                + "\"tags\":" + array(s.tags()) + "," + field("maturity", s.maturity()) + ","
                + field("provider", s.provider()) + "," + field("region", s.region()) + ","
                + "\"cases\":" + array(s.cases()) + "," + field("priceRange", s.priceRange()) + embedding(vector) + "}";
    }

    private static String json(PostingDoc p, float[] vector) {
        return "{" + field("key", p.sourceRef()) + "," + field("kind", p.kind()) + "," + field("title", p.title()) + ","
                + field("description", p.description()) + "," + field("domain", p.domain()) + ","
                + field("issuer", p.issuer()) + ",\"budgetWan\":" + p.budgetWan() + ","
                + field("deadline", p.deadline().toString()) + ",\"requirements\":" + array(p.requirements()) + ","
                + field("region", p.region()) + embedding(vector) + "}";
    }

    private static String embedding(float[] vector) {
        if (vector == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(",\"embedding\":{").append(field("model", BgeSmallZhEmbedder.MODEL_ID))
                .append(",\"vector\":[");
        for (int i = 0; i < vector.length; i++) {
            b.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return b.append("]}").toString();
    }

    private static String field(String name, String value) {
        return quote(name) + ":" + quote(value);
    }

    private static String array(List<String> values) {
        return values.stream().map(SyntheticSolutionsFile::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
