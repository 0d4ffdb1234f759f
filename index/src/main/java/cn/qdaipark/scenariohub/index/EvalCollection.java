package cn.qdaipark.scenariohub.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A labelled collection in the shape of shared/eval/FORMAT.md: solutions.jsonl, demands.jsonl and qrels.tsv.
 * Solutions become published, demands open postings; ids are assigned in file order, keys become source refs.
 */
record EvalCollection(List<SolutionDoc> solutions, List<PostingDoc> demands, Map<String, Map<String, Integer>> qrels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static EvalCollection read(Path dir) throws IOException {
        List<SolutionDoc> solutions = readSolutions(dir.resolve("solutions.jsonl"));
        List<PostingDoc> demands = new ArrayList<>();
        long id = 1;
        for (JsonNode n : jsonLines(dir.resolve("demands.jsonl"))) {
            String deadline = n.path("deadline").asText("");
            demands.add(new PostingDoc(id++, n.path("key").asText(), n.path("kind").asText(), n.path("title").asText(),
                    n.path("description").asText(), n.path("domain").asText(), n.path("issuer").asText(),
                    n.path("budgetWan").asLong(0), deadline.isBlank() ? null : LocalDate.parse(deadline),
                    strings(n.path("requirements")), n.path("region").asText(), IndexFields.POSTING_OPEN, 0L));
        }
        return new EvalCollection(solutions, demands, readQrels(dir.resolve("qrels.tsv")));
    }

    /** Published solutions of a solutions.jsonl file, ids in file order. */
    static List<SolutionDoc> readSolutions(Path file) throws IOException {
        List<SolutionDoc> solutions = new ArrayList<>();
        long id = 1;
        for (JsonNode n : jsonLines(file)) {
            solutions.add(new SolutionDoc(id++, n.path("key").asText(), n.path("title").asText(),
                    n.path("summary").asText(), n.path("description").asText(), strings(n.path("domains")),
                    n.path("track").asText(), strings(n.path("tags")), n.path("maturity").asText(),
                    n.path("provider").asText(), n.path("region").asText(), strings(n.path("cases")),
                    n.path("priceRange").asText(), IndexFields.SOLUTION_PUBLISHED, 0L));
        }
        return solutions;
    }

    static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cols = line.strip().split("\t");
            if (cols.length == 3) {
                qrels.computeIfAbsent(cols[0], k -> new HashMap<>()).put(cols[1], Integer.parseInt(cols[2].strip()));
            }
        }
        return qrels;
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
