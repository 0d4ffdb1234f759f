package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.SolutionDoc;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes synthetic solutions as bulk-import NDJSON (the record shape of shared/eval/FORMAT.md), so the server's
 * import and {@code reindex} commands can be timed on a catalogue of any size:
 * {@code java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.bench.SyntheticSolutionsFile 10000 out.jsonl}.
 */
public final class SyntheticSolutionsFile {
    private SyntheticSolutionsFile() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write(json(catalog.solution(i)));
                out.newLine();
            }
        }
    }

    private static String json(SolutionDoc s) {
        return "{" + field("key", "SYN" + s.sourceRef()) + "," + field("title", s.title()) + ","
                + field("summary", s.summary()) + "," + field("description", s.description()) + ","
                + "\"domains\":" + array(s.domains()) + "," + field("track", s.track()) + ","
                + "\"tags\":" + array(s.tags()) + "," + field("maturity", s.maturity()) + ","
                + field("provider", s.provider()) + "," + field("region", s.region()) + ","
                + "\"cases\":" + array(s.cases()) + "," + field("priceRange", s.priceRange()) + "}";
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
