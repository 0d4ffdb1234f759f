package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a solutions index of the synthetic catalogue on disk, building it on first use. Built indexes are kept
 * under {@code bench.dir} (default {@code <java.io.tmpdir>/scenariohub-bench}; pass it to the forked JVMs with
 * {@code -jvmArgsAppend -Dbench.dir=...}) and reused by later forks and runs: building 100,000 documents with HNSW
 * vectors takes minutes, searching them does not.
 */
final class BenchIndexes {
    static final long SEED = 20_260_101L;
    static final int DIMENSION = BgeSmallZhEmbedder.DIMENSION;
    /** Offset of posting keys in {@link SyntheticCatalog#vector}, so postings and solutions get distinct vectors. */
    static final long POSTING_VECTOR_KEY = 1_000_000_000L;
    /**
     * {@code -Dbench.vectors=bge}: the indexes and postings get the cached bge-small-zh embeddings of their texts
     * ({@link SyntheticEmbeddings}) instead of random unit vectors, in indexes of their own.
     */
    static final boolean EMBEDDINGS = "bge".equals(System.getProperty("bench.vectors"));

    private BenchIndexes() {
    }

    static Path benchDir() {
        return Path.of(System.getProperty("bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "scenariohub-bench").toString()));
    }

    static ScenarioIndex open(SyntheticCatalog catalog, int solutions) {
        Path dir = benchDir().resolve("seed" + SEED + "-solutions" + solutions + "-schema" + ScenarioIndex.SCHEMA_VERSION
                + (EMBEDDINGS ? "-bge" : ""));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScenarioIndex index = ScenarioIndex.open(dir);
        if (index.needsRebuild() || index.solutionCount() != solutions) {
            long start = System.nanoTime();
            index.deleteAll();
            try (SyntheticEmbeddings.Reader embeddings = EMBEDDINGS ? new SyntheticEmbeddings.Reader(solutions) : null) {
                for (int i = 0; i < solutions; i++) {
                    index.upsertSolution(catalog.solution(i),
                            EMBEDDINGS ? embeddings.solution(i) : catalog.vector(i, DIMENSION));
                }
            }
            index.commit(solutions);
            System.out.printf("built index of %,d synthetic solutions in %.1f s at %s%n", solutions,
                    (System.nanoTime() - start) / 1e9, dir.toAbsolutePath());
        }
        // As the server does after a rebuild; nothing to do when the index is in one segment already.
        long start = System.nanoTime();
        index.compact();
        index.commit(index.lastAppliedOutboxId());
        System.out.printf("index in one segment per side after %.1f s%n", (System.nanoTime() - start) / 1e9);
        return index;
    }

    /** The vectors of the first {@code count} synthetic postings, of the same kind as the indexes' vectors. */
    static float[][] postingVectors(SyntheticCatalog catalog, int count) {
        float[][] vectors = new float[count][];
        if (EMBEDDINGS && count > SyntheticEmbeddings.POSTINGS) {
            throw new IllegalArgumentException("the embedding cache holds " + SyntheticEmbeddings.POSTINGS + " postings");
        }
        try (SyntheticEmbeddings.Reader embeddings = EMBEDDINGS ? new SyntheticEmbeddings.Reader(0) : null) {
            for (int i = 0; i < count; i++) {
                vectors[i] = EMBEDDINGS ? embeddings.posting(i) : catalog.vector(POSTING_VECTOR_KEY + i, DIMENSION);
            }
        }
        return vectors;
    }
}
