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

    private BenchIndexes() {
    }

    static ScenarioIndex open(SyntheticCatalog catalog, int solutions) {
        Path dir = Path.of(System.getProperty("bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "scenariohub-bench").toString()))
                .resolve("seed" + SEED + "-solutions" + solutions + "-schema" + ScenarioIndex.SCHEMA_VERSION);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScenarioIndex index = ScenarioIndex.open(dir);
        if (index.needsRebuild() || index.solutionCount() != solutions) {
            long start = System.nanoTime();
            index.deleteAll();
            for (int i = 0; i < solutions; i++) {
                index.upsertSolution(catalog.solution(i), catalog.vector(i, DIMENSION));
            }
            index.commit(solutions);
            System.out.printf("built index of %,d synthetic solutions in %.1f s at %s%n", solutions,
                    (System.nanoTime() - start) / 1e9, dir.toAbsolutePath());
        }
        return index;
    }
}
