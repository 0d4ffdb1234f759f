package cn.qdaipark.scenariohub.index;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Milliseconds per record of embedding variants on the texts of a labelled collection (shared/eval/FORMAT.md), all
 * in one run and interleaved (the machine is shared), each beside the nDCG@10 its vectors give and their lowest
 * cosine to the baseline's. Wall time per record follows the load of other processes; the process CPU time per
 * record (ONNX Runtime's native threads included) much less so, and is what bounds throughput on a busy machine. The baseline is the embedder as it was: langchain4j's model, one text per call.
 *
 * <pre>
 * mvn -q -B -o -pl index -Pbench package
 * java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.EmbeddingSpeed /work/shared/eval/dev [rounds]
 * </pre>
 */
public final class EmbeddingSpeed {
    private record Variant(String name, Function<String, String> cut, Function<List<String>, List<float[]>> run) {
    }

    private EmbeddingSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/work/shared/eval/dev");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EvalCollection collection = EvalCollection.read(dir);
        Map<String, String> smartCuts = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (SolutionDoc s : collection.solutions()) {
            texts.add(s.matchText());
            smartCuts.put(s.matchText(), Texts.joinNonBlank("\n", s.title(), String.join("、", s.tags()), s.summary(),
                    s.description(), String.join("；", s.cases())));
        }
        for (PostingDoc d : collection.demands()) {
            texts.add(d.matchText());
            smartCuts.put(d.matchText(), Texts.joinNonBlank("\n", d.title(), String.join("；", d.requirements()),
                    d.description()));
        }

        BgeSmallZhV15EmbeddingModel legacy = new BgeSmallZhV15EmbeddingModel();
        BgeSmallZhEmbedder standard = new BgeSmallZhEmbedder(new BgeSmallZhEmbedder.Settings(0, true, OptLevel.ALL_OPT, 64));
        BgeSmallZhEmbedder oneThread = new BgeSmallZhEmbedder(new BgeSmallZhEmbedder.Settings(1, true, OptLevel.ALL_OPT, 64));
        BgeSmallZhEmbedder noSpin = new BgeSmallZhEmbedder(new BgeSmallZhEmbedder.Settings(0, false, OptLevel.ALL_OPT, 64));
        BgeSmallZhEmbedder basic = new BgeSmallZhEmbedder(new BgeSmallZhEmbedder.Settings(0, true, OptLevel.BASIC_OPT, 64));
        ExecutorService two = Executors.newFixedThreadPool(2);

        List<Variant> variants = List.of(
                new Variant("baseline: langchain4j, 1 text/call", cut(500),
                        batch -> batch.stream().map(t -> Vectors.normalized(legacy.embed(t).content().vector())).toList()),
                new Variant("own ONNX session, 1 text/call", cut(500), one(standard)),
                new Variant("batch 4 sorted", cut(500), sorted(standard, 4)),
                new Variant("batch 8 sorted", cut(500), sorted(standard, 8)),
                new Variant("batch 16 sorted", cut(500), sorted(standard, 16)),
                new Variant("batch 8 file order", cut(500), inOrder(standard, 8)),
                new Variant("batch 8 sorted, 2 callers", cut(500), parallel(standard, 8, two)),
                new Variant("batch 8 sorted, no spinning", cut(500), sorted(noSpin, 8)),
                new Variant("batch 8 sorted, 1 intra-op thread", cut(500), sorted(oneThread, 8)),
                new Variant("batch 8 sorted, 1 intra-op thread x 2 callers", cut(500), parallel(oneThread, 8, two)),
                new Variant("batch 8 sorted, graph BASIC", cut(500), sorted(basic, 8)),
                new Variant("batch 8 sorted, cut 256 chars", cut(256), sorted(standard, 8)),
                new Variant("batch 8 sorted, title+tags first, cut 256", t -> cut(256).apply(smartCuts.get(t)),
                        sorted(standard, 8)));

        // Warm-up: first runs allocate ONNX arenas and compile the Java side.
        for (Variant v : variants) {
            v.run().apply(texts.subList(0, 32).stream().map(v.cut()).toList());
        }
        Map<String, List<Double>> msPerRecord = new LinkedHashMap<>();
        Map<String, List<Double>> cpuMsPerRecord = new LinkedHashMap<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, List<float[]>> vectors = new HashMap<>();
        List<String> loads = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            loads.add(load());
            List<Variant> order = new ArrayList<>(variants);
            Collections.rotate(order, round * 5);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Variant v : order) {
                List<String> input = texts.stream().map(v.cut()).toList();
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<float[]> out = v.run().apply(input);
                double ms = (System.nanoTime() - start) / 1e6 / texts.size();
                msPerRecord.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(ms);
                cpuMsPerRecord.computeIfAbsent(v.name(), k -> new ArrayList<>())
                        .add((os.getProcessCpuTime() - cpu) / 1e6 / texts.size());
                vectors.put(v.name(), out);
            }
        }
        loads.add(load());
        two.shutdown();

        List<float[]> base = vectors.get(variants.get(0).name());
        double baseMs = median(msPerRecord.get(variants.get(0).name()));
        double baseCpu = median(cpuMsPerRecord.get(variants.get(0).name()));
        System.out.printf(Locale.ROOT, "%d records (%d solutions, %d demands) from %s, %d rounds, load average %s%n",
                texts.size(), collection.solutions().size(), collection.demands().size(), dir, rounds,
                String.join(" → ", loads));
        System.out.printf(Locale.ROOT, "| %-48s | %9s | %9s | %6s | %7s | %6s | %9s | %8s | %8s | %s%n", "variant",
                "ms/record", "(min)", "ratio", "CPU ms", "ratio", "min cos", "vec nDCG", "hyb nDCG", "every round");
        for (Variant v : variants) {
            List<float[]> out = vectors.get(v.name());
            Map<String, float[]> byText = new HashMap<>();
            double minCos = 1;
            for (int i = 0; i < texts.size(); i++) {
                byText.put(texts.get(i), out.get(i));
                minCos = Math.min(minCos, Vectors.cosine(out.get(i), base.get(i)));
            }
            MatchEvaluation.Report report = MatchEvaluation.evaluate(collection, new Precomputed(byText),
                    HybridWeights.DEFAULT);
            double ms = median(msPerRecord.get(v.name()));
            System.out.printf(Locale.ROOT, "| %-48s | %9.1f | %9.1f | %6.2f | %7.1f | %6.2f | %9.5f | %8.4f | %8.4f | %s%n",
                    v.name(), ms, msPerRecord.get(v.name()).stream().mapToDouble(d -> d).min().orElse(0), baseMs / ms,
                    median(cpuMsPerRecord.get(v.name())), baseCpu / median(cpuMsPerRecord.get(v.name())), minCos,
                    report.byMode().get(MatchMode.VECTOR).ndcgAt10(), report.byMode().get(MatchMode.HYBRID).ndcgAt10(),
                    msPerRecord.get(v.name()).stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList());
        }
        standard.close();
        oneThread.close();
        noSpin.close();
        basic.close();
    }

    private static Function<String, String> cut(int maxChars) {
        return t -> t.length() > maxChars ? t.substring(0, maxChars) : t;
    }

    private static Function<List<String>, List<float[]>> one(BgeSmallZhEmbedder embedder) {
        return batch -> batch.stream().map(embedder::embed).toList();
    }

    private static Function<List<String>, List<float[]>> inOrder(BgeSmallZhEmbedder embedder, int size) {
        return batch -> {
            List<float[]> out = new ArrayList<>();
            for (int from = 0; from < batch.size(); from += size) {
                out.addAll(embedder.embedAll(batch.subList(from, Math.min(batch.size(), from + size))));
            }
            return out;
        };
    }

    /** As TextEmbeddings runs an import: all texts sorted by length, then cut into model calls of {@code size}. */
    private static Function<List<String>, List<float[]>> sorted(BgeSmallZhEmbedder embedder, int size) {
        return batch -> {
            Integer[] order = byLength(batch);
            float[][] out = new float[batch.size()][];
            for (int from = 0; from < order.length; from += size) {
                Integer[] part = Arrays.copyOfRange(order, from, Math.min(order.length, from + size));
                List<float[]> vectors = embedder.embedAll(Arrays.stream(part).map(batch::get).toList());
                for (int i = 0; i < part.length; i++) {
                    out[part[i]] = vectors.get(i);
                }
            }
            return List.of(out);
        };
    }

    private static Function<List<String>, List<float[]>> parallel(BgeSmallZhEmbedder embedder, int size,
                                                                  ExecutorService pool) {
        return batch -> {
            Integer[] order = byLength(batch);
            float[][] out = new float[batch.size()][];
            List<Future<?>> parts = new ArrayList<>();
            for (int from = 0; from < order.length; from += size) {
                Integer[] part = Arrays.copyOfRange(order, from, Math.min(order.length, from + size));
                parts.add(pool.submit(() -> {
                    List<float[]> vectors = embedder.embedAll(Arrays.stream(part).map(batch::get).toList());
                    for (int i = 0; i < part.length; i++) {
                        out[part[i]] = vectors.get(i);
                    }
                }));
            }
            for (Future<?> part : parts) {
                try {
                    part.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return List.of(out);
        };
    }

    private static Integer[] byLength(List<String> texts) {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        return order;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** The vectors a variant computed, served to the evaluation by text. */
    private record Precomputed(Map<String, float[]> byText) implements Embedder {
        @Override
        public float[] embed(String text) {
            float[] vector = byText.get(text);
            if (vector == null) {
                throw new IllegalArgumentException("not a collection text: " + text);
            }
            return vector.clone();
        }

        @Override
        public int dimension() {
            return BgeSmallZhEmbedder.DIMENSION;
        }
    }
}
