package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real bge-small-zh embeddings of the synthetic catalogue's match texts (what the server embeds), computed once and
 * kept in one file under {@code bench.dir}: the benchmark postings first, then solutions 0, 1, 2, … The file only
 * grows, so a cache for 100,000 solutions also serves 10,000, and an interrupted run resumes where it stopped.
 * Embedding takes about 22 ms per record on two cores, one model call per core (100,000: about 40 minutes):
 * {@code java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.bench.SyntheticEmbeddings 100000}.
 *
 * <p>Random vectors (the default of the benchmarks) are the worst case for HNSW: with no structure to follow, a
 * search visits many more nodes than it does on embeddings of real texts, which cluster by topic.
 */
public final class SyntheticEmbeddings {
    static final int POSTINGS = 200;
    private static final int BYTES = BenchIndexes.DIMENSION * Float.BYTES;
    /** Records written per step; an interrupted run resumes at the last whole step. */
    private static final int BLOCK = 1000;
    private static final int CALL = 8;

    private SyntheticEmbeddings() {
    }

    static Path file() {
        return BenchIndexes.benchDir().resolve("seed" + BenchIndexes.SEED + "-bge-small-zh-vectors.f32");
    }

    /** How many solutions the cache holds. */
    static int solutions() {
        try {
            return Files.exists(file()) ? (int) Math.max(0, Files.size(file()) / BYTES - POSTINGS) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads vectors from the cache; open it once for many reads. */
    static final class Reader implements AutoCloseable {
        private final FileChannel in;
        private final ByteBuffer bytes = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);

        Reader(int solutions) {
            if (solutions() < solutions) {
                throw new IllegalStateException("the embedding cache " + file() + " holds " + solutions()
                        + " solutions, not " + solutions + ": run SyntheticEmbeddings " + solutions + " first");
            }
            try {
                this.in = FileChannel.open(file(), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        float[] posting(int i) {
            return read(i);
        }

        float[] solution(int i) {
            return read(POSTINGS + (long) i);
        }

        private float[] read(long slot) {
            try {
                bytes.clear();
                while (bytes.hasRemaining()) {
                    if (in.read(bytes, slot * BYTES + bytes.position()) < 0) {
                        throw new IOException("unexpected end of " + file());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            float[] v = new float[BenchIndexes.DIMENSION];
            bytes.flip().asFloatBuffer().get(v);
            return v;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int solutions = Integer.parseInt(args[0]);
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder();
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService callers = Executors.newFixedThreadPool(cores);
        Files.createDirectories(file().getParent());
        int total = POSTINGS + solutions;
        long done = Files.exists(file()) ? Files.size(file()) / BYTES : 0;
        long start = System.nanoTime();
        try (FileChannel out = FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(done * BYTES);
            for (long from = done; from < total; from += BLOCK) {
                long to = Math.min(total, from + BLOCK);
                List<String> texts = new ArrayList<>();
                for (long slot = from; slot < to; slot++) {
                    texts.add(slot < POSTINGS ? catalog.posting((int) slot).matchText()
                            : catalog.solution((int) (slot - POSTINGS)).matchText());
                }
                List<float[]> vectors = embedOnEveryCore(embedder, texts, callers);
                ByteBuffer bytes = ByteBuffer.allocate(BYTES * texts.size()).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] v : vectors) {
                    bytes.asFloatBuffer().put(v);
                    bytes.position(bytes.position() + BYTES);
                }
                bytes.flip();
                while (bytes.hasRemaining()) {
                    out.write(bytes, from * BYTES + bytes.position());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%,d / %,d embedded, %.1f ms each, %.0f s to go%n", to, total,
                        1000 * seconds / (to - done), seconds / (to - done) * (total - to));
            }
        } finally {
            callers.shutdown();
            embedder.close();
        }
    }

    /** The texts' vectors in order, in model calls of {@link #CALL} texts of about one length, one caller per core. */
    private static List<float[]> embedOnEveryCore(BgeSmallZhEmbedder embedder, List<String> texts, ExecutorService callers)
            throws Exception {
        Integer[] byLength = new Integer[texts.size()];
        Arrays.setAll(byLength, i -> i);
        Arrays.sort(byLength, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] vectors = new float[texts.size()][];
        List<Future<?>> calls = new ArrayList<>();
        for (int from = 0; from < byLength.length; from += CALL) {
            Integer[] call = Arrays.copyOfRange(byLength, from, Math.min(byLength.length, from + CALL));
            calls.add(callers.submit(() -> {
                List<float[]> embedded = embedder.embedAll(Arrays.stream(call).map(texts::get).toList());
                for (int i = 0; i < call.length; i++) {
                    vectors[call[i]] = embedded.get(i);
                }
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        return Arrays.asList(vectors);
    }
}
