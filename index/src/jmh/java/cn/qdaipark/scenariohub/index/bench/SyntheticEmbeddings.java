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

/**
 * Real bge-small-zh embeddings of the synthetic catalogue's match texts (what the server embeds), computed once and
 * kept in one file under {@code bench.dir}: the benchmark postings first, then solutions 0, 1, 2, … The file only
 * grows, so a cache for 100,000 solutions also serves 10,000, and an interrupted run resumes where it stopped.
 * Embedding takes about 40 ms per record on two cores (100,000: over an hour):
 * {@code java -cp index/target/benchmarks.jar cn.qdaipark.scenariohub.index.bench.SyntheticEmbeddings 100000}.
 *
 * <p>Random vectors (the default of the benchmarks) are the worst case for HNSW: with no structure to follow, a
 * search visits many more nodes than it does on embeddings of real texts, which cluster by topic.
 */
public final class SyntheticEmbeddings {
    static final int POSTINGS = 200;
    private static final int BYTES = BenchIndexes.DIMENSION * Float.BYTES;

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

    public static void main(String[] args) throws IOException {
        int solutions = Integer.parseInt(args[0]);
        SyntheticCatalog catalog = new SyntheticCatalog(BenchIndexes.SEED);
        BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder();
        Files.createDirectories(file().getParent());
        int total = POSTINGS + solutions;
        long done = Files.exists(file()) ? Files.size(file()) / BYTES : 0;
        long start = System.nanoTime();
        try (FileChannel out = FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(done * BYTES);
            ByteBuffer bytes = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long slot = done; slot < total; slot++) {
                String text = slot < POSTINGS ? catalog.posting((int) slot).matchText()
                        : catalog.solution((int) (slot - POSTINGS)).matchText();
                bytes.clear();
                bytes.asFloatBuffer().put(embedder.embed(text));
                out.write(bytes, slot * BYTES);
                if ((slot + 1) % 1000 == 0 || slot + 1 == total) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("%,d / %,d embedded, %.1f ms each, %.0f s to go%n", slot + 1, total,
                            1000 * seconds / (slot + 1 - done), seconds / (slot + 1 - done) * (total - slot - 1));
                }
            }
        }
    }
}
