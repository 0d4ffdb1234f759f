package cn.qdaipark.scenariohub.index;

import static cn.qdaipark.scenariohub.index.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioIndexLifecycleTest {

    @Test
    @DisplayName("an upserted solution becomes visible after refresh and replaces the earlier version")
    void upsertReplacesAndBecomesVisibleOnRefresh() {
        try (ScenarioIndex index = emptyIndex()) {
            index.upsertSolution(VISION, EMBEDDER.embed(VISION.matchText()));
            assertThat(index.solutionCount()).isZero();
            index.refresh();
            assertThat(index.solutionCount()).isEqualTo(1);

            index.upsertSolution(VISION, EMBEDDER.embed(VISION.matchText()));
            index.refresh();
            assertThat(index.solutionCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a bulk of solutions upserted together is all in the index after refresh, and upserting some again "
            + "replaces them")
    void bulkUpsertOnSeveralThreads() {
        List<SolutionDoc> bulk = java.util.stream.IntStream.range(0, 300).mapToObj(i -> new SolutionDoc(100 + i,
                "S-bulk-" + i, "批量方案 " + i + " 钢板缺陷检测", VISION.summary(), VISION.description(), VISION.domains(),
                VISION.track(), VISION.tags(), VISION.maturity(), VISION.provider(), VISION.region(), VISION.cases(),
                VISION.priceRange(), "published", VISION.updatedAtMillis())).toList();
        try (ScenarioIndex index = emptyIndex()) {
            index.upsertSolutions(bulk, s -> EMBEDDER.embed(s.matchText()));
            index.upsertSolutions(bulk.subList(0, 10), s -> EMBEDDER.embed(s.matchText()));
            index.refresh();
            assertThat(index.solutionCount()).as("300 written, 10 of them replaced").isEqualTo(300);
        }
    }

    @Test
    @DisplayName("deleted solutions and postings disappear from counts and matches")
    void deleteRemovesDocuments() {
        try (ScenarioIndex index = loadedIndex()) {
            index.deleteSolution(VISION.id());
            index.deletePosting(STEEL_DEMAND.id());
            index.refresh();

            assertThat(index.solutionCount()).isEqualTo(4);
            assertThat(index.postingCount()).isEqualTo(3);
            assertThat(index.matchSolutions(STEEL_DEMAND, EMBEDDER.embed(STEEL_DEMAND.matchText()), 10,
                    MatchMode.HYBRID)).extracting(SolutionMatch::solutionId).doesNotContain(VISION.id());
        }
    }

    @Test
    @DisplayName("deleteAll empties both sides")
    void deleteAllEmptiesBothSides() {
        try (ScenarioIndex index = loadedIndex()) {
            index.deleteAll();
            index.refresh();
            assertThat(index.solutionCount()).isZero();
            assertThat(index.postingCount()).isZero();
        }
    }

    @Test
    @DisplayName("a solution without a vector is still indexed and matched by words")
    void solutionWithoutVectorIsMatchedByWords() {
        try (ScenarioIndex index = emptyIndex()) {
            index.upsertSolution(VISION, null);
            index.refresh();
            assertThat(index.matchSolutions(STEEL_DEMAND, null, 5, MatchMode.HYBRID))
                    .extracting(SolutionMatch::solutionId).containsExactly(VISION.id());
        }
    }

    @Test
    @DisplayName("a fresh index needs a rebuild until the first commit")
    void freshIndexNeedsRebuildUntilCommitted() {
        try (ScenarioIndex index = emptyIndex()) {
            assertThat(index.needsRebuild()).isTrue();
            index.commit(0);
            assertThat(index.needsRebuild()).isFalse();
        }
    }

    @Test
    @DisplayName("the last applied outbox id survives closing and reopening the index")
    void outboxIdRoundTripsThroughCommitUserData(@TempDir Path dir) {
        try (ScenarioIndex index = ScenarioIndex.open(dir)) {
            index.upsertSolution(VISION, EMBEDDER.embed(VISION.matchText()));
            index.commit(42);
            assertThat(index.lastAppliedOutboxId()).isEqualTo(42);
        }
        try (ScenarioIndex reopened = ScenarioIndex.open(dir)) {
            assertThat(reopened.needsRebuild()).isFalse();
            assertThat(reopened.lastAppliedOutboxId()).isEqualTo(42);
            assertThat(reopened.solutionCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("compacting merges each side into one segment and keeps every document, the outbox id and the matches")
    void compactMergesIntoOneSegment(@TempDir Path dir) throws IOException {
        try (ScenarioIndex index = ScenarioIndex.open(dir)) {
            long outboxId = 0;
            for (SolutionDoc s : List.of(VISION, MAINTENANCE, ANTI_FRAUD)) {
                index.upsertSolution(s, EMBEDDER.embed(s.matchText()));
                index.commit(++outboxId);
            }
            index.deleteSolution(MAINTENANCE.id());
            index.commit(++outboxId);
            List<SolutionMatch> before = index.matchSolutions(STEEL_DEMAND, EMBEDDER.embed(STEEL_DEMAND.matchText()),
                    10, MatchMode.HYBRID);
            assertThat(segments(dir.resolve("solutions"))).isGreaterThan(1);

            index.compact();
            assertThat(segments(dir.resolve("solutions"))).as("durable only with the next commit").isGreaterThan(1);
            index.commit(outboxId);

            assertThat(segments(dir.resolve("solutions"))).isEqualTo(1);
            assertThat(index.solutionCount()).isEqualTo(2);
            assertThat(index.matchSolutions(STEEL_DEMAND, EMBEDDER.embed(STEEL_DEMAND.matchText()), 10,
                    MatchMode.HYBRID)).extracting(SolutionMatch::solutionId)
                    .containsExactlyElementsOf(before.stream().map(SolutionMatch::solutionId).toList())
                    .contains(VISION.id());
        }
        try (ScenarioIndex reopened = ScenarioIndex.open(dir)) {
            assertThat(reopened.needsRebuild()).isFalse();
            assertThat(reopened.lastAppliedOutboxId()).isEqualTo(4);
            assertThat(reopened.solutionCount()).isEqualTo(2);
            assertThat(segments(dir.resolve("solutions"))).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("writes and commits beside a compaction all arrive, with the outbox id of the last commit")
    void writesBesideCompactionArrive(@TempDir Path dir) throws Exception {
        try (ScenarioIndex index = ScenarioIndex.open(dir)) {
            long outboxId = 0;
            for (int i = 0; i < 30; i++) {
                index.upsertSolution(copyOf(VISION, 100 + i), null);
                index.commit(++outboxId);
            }
            ExecutorService compaction = Executors.newSingleThreadExecutor();
            try {
                Future<?> compacted = compaction.submit(index::compact);
                for (int i = 30; i < 60; i++) {
                    index.upsertSolution(copyOf(VISION, 100 + i), null);
                    index.commit(++outboxId);
                }
                compacted.get();
            } finally {
                compaction.shutdown();
            }
            assertThat(index.solutionCount()).isEqualTo(60);
        }
        try (ScenarioIndex reopened = ScenarioIndex.open(dir)) {
            assertThat(reopened.lastAppliedOutboxId()).isEqualTo(60);
            assertThat(reopened.solutionCount()).isEqualTo(60);
        }
    }

    private static SolutionDoc copyOf(SolutionDoc s, long id) {
        return new SolutionDoc(id, "S-" + id, s.title() + " " + id, s.summary(), s.description(), s.domains(),
                s.track(), s.tags(), s.maturity(), s.provider(), s.region(), s.cases(), s.priceRange(), s.status(),
                s.updatedAtMillis());
    }

    /** Segments of the last commit, as a new reader sees them. */
    private static int segments(Path directory) throws IOException {
        try (FSDirectory fs = FSDirectory.open(directory); DirectoryReader reader = DirectoryReader.open(fs)) {
            return reader.leaves().size();
        }
    }

    @Test
    @DisplayName("changes that were never committed are not visible after reopening")
    void uncommittedChangesAreDiscardedOnClose(@TempDir Path dir) {
        try (ScenarioIndex index = ScenarioIndex.open(dir)) {
            index.commit(7);
            index.upsertSolution(VISION, null);
        }
        try (ScenarioIndex reopened = ScenarioIndex.open(dir)) {
            assertThat(reopened.solutionCount()).isZero();
            assertThat(reopened.lastAppliedOutboxId()).isEqualTo(7);
        }
    }

    @Test
    @DisplayName("an index written with another schema version needs a rebuild and starts empty")
    void schemaVersionMismatchNeedsRebuild() throws IOException {
        ByteBuffersDirectory solutions = new ByteBuffersDirectory();
        ByteBuffersDirectory postings = new ByteBuffersDirectory();
        for (ByteBuffersDirectory dir : List.of(solutions, postings)) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
                writer.addDocument(SolutionDocuments.toDocument(VISION, null));
                writer.setLiveCommitData(Map.of(IndexFields.COMMIT_SCHEMA_VERSION,
                        Integer.toString(IndexFields.SCHEMA_VERSION - 1), IndexFields.COMMIT_OUTBOX_ID, "99")
                        .entrySet());
                writer.commit();
            }
        }
        try (ScenarioIndex index = ScenarioIndex.open(solutions, postings)) {
            assertThat(index.needsRebuild()).isTrue();
            assertThat(index.lastAppliedOutboxId()).isZero();
            assertThat(index.solutionCount()).isZero();
        }
    }

    @Test
    @DisplayName("a corrupt index on disk needs a rebuild instead of failing to open")
    void corruptIndexNeedsRebuild(@TempDir Path dir) throws IOException {
        try (ScenarioIndex index = ScenarioIndex.open(dir)) {
            index.upsertSolution(VISION, null);
            index.commit(5);
        }
        try (Stream<Path> files = Files.list(dir.resolve("solutions"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        try (ScenarioIndex index = ScenarioIndex.open(dir)) {
            assertThat(index.needsRebuild()).isTrue();
            index.upsertSolution(VISION, null);
            index.commit(6);
            assertThat(index.needsRebuild()).isFalse();
        }
        try (FSDirectory fs = FSDirectory.open(dir.resolve("solutions"))) {
            assertThat(org.apache.lucene.index.DirectoryReader.indexExists(fs)).isTrue();
        }
    }
}
