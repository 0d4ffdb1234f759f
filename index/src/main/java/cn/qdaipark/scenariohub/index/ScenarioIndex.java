package cn.qdaipark.scenariohub.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOSupplier;

/**
 * The search and matching engine: a solutions index and a postings index, derived from the database and rebuilt
 * from it whenever {@link #needsRebuild()} says so.
 *
 * <p>Thread-safe: any number of concurrent readers and writers. Writes become visible to readers after
 * {@link #refresh()} (or {@link #commit(long)}) and durable after {@link #commit(long)}. All methods block on disk
 * I/O; I/O failures surface as {@link UncheckedIOException}.
 */
public final class ScenarioIndex implements Closeable {
    public static final int SCHEMA_VERSION = IndexFields.SCHEMA_VERSION;
    /**
     * A rebuild of 100,000 solutions with vectors flushes 3 segments with 192 MB instead of 31 with Lucene's 16 MB
     * (BENCHMARKS.md). Postings are far fewer, and both buffers together stay well inside a 1 GB heap.
     */
    static final double SOLUTIONS_RAM_BUFFER_MB = 192;
    static final double POSTINGS_RAM_BUFFER_MB = 32;

    private final LuceneStore solutions;
    private final LuceneStore postings;
    /**
     * One helper for each core besides the caller's: more would make three threads take turns on two cores, and a
     * match waiting for its turn takes longer than one that ran its parts in sequence (BENCHMARKS.md).
     */
    private final ExecutorService matchHelpers = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), ScenarioIndex::matchHelperThread);
    private final ParallelWrites writes = new ParallelWrites();
    private final HybridMatcher matcher;
    private final ScenarioSearcher searcher;
    private final PairFitScorer pairs;
    private final EnglishGlossary glossary = EnglishGlossary.loadDefault();

    private ScenarioIndex(IOSupplier<Directory> solutionsDir, IOSupplier<Directory> postingsDir, Thesaurus thesaurus,
            HybridWeights weights) throws IOException {
        this.solutions = new LuceneStore("solutions", solutionsDir, SOLUTIONS_RAM_BUFFER_MB);
        try {
            this.postings = new LuceneStore("postings", postingsDir, POSTINGS_RAM_BUFFER_MB);
        } catch (IOException | RuntimeException e) {
            solutions.close();
            throw e;
        }
        this.matcher = new HybridMatcher(thesaurus, weights, matchHelpers);
        this.searcher = new ScenarioSearcher(new TextQueries(thesaurus, weights), glossary, weights);
        this.pairs = new PairFitScorer(new RequirementCoverage(thesaurus));
    }

    /** Opens (or creates) the index under {@code directory}, one subdirectory per side. */
    public static ScenarioIndex open(Path directory) {
        try {
            return new ScenarioIndex(() -> FSDirectory.open(directory.resolve("solutions")),
                    () -> FSDirectory.open(directory.resolve("postings")), Thesaurus.loadDefault(), HybridWeights.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index at " + directory, e);
        }
    }

    /** Opens the index on the given directories (e.g. ByteBuffersDirectory in tests); closing closes them. */
    public static ScenarioIndex open(Directory solutionsDir, Directory postingsDir) {
        return open(solutionsDir, postingsDir, HybridWeights.DEFAULT);
    }

    static ScenarioIndex open(Directory solutionsDir, Directory postingsDir, HybridWeights weights) {
        try {
            return new ScenarioIndex(() -> solutionsDir, () -> postingsDir, Thesaurus.loadDefault(), weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index", e);
        }
    }

    /** Adds or replaces the solution with this id; {@code vector} may be null when no embedding is available. */
    public void upsertSolution(SolutionDoc solution, float[] vector) {
        io(() -> solutions.upsert(DocumentFields.idTerm(solution.id()), SolutionDocuments.toDocument(solution, vector)));
    }

    /**
     * Adds or replaces these solutions, several at a time on all cores (a bulk such as an import applies in about
     * 1 / cores of the time); {@code vectorOf} gives each one's vector, or null.
     */
    public void upsertSolutions(List<SolutionDoc> docs, Function<SolutionDoc, float[]> vectorOf) {
        writes.each(docs, s -> solutions.upsert(DocumentFields.idTerm(s.id()),
                SolutionDocuments.toDocument(s, vectorOf.apply(s))));
    }

    public void deleteSolution(long id) {
        io(() -> solutions.delete(DocumentFields.idTerm(id)));
    }

    /** Adds or replaces the posting with this id; {@code vector} may be null when no embedding is available. */
    public void upsertPosting(PostingDoc posting, float[] vector) {
        io(() -> postings.upsert(DocumentFields.idTerm(posting.id()), PostingDocuments.toDocument(posting, vector)));
    }

    /** Adds or replaces these postings, several at a time as {@link #upsertSolutions}. */
    public void upsertPostings(List<PostingDoc> docs, Function<PostingDoc, float[]> vectorOf) {
        writes.each(docs, p -> postings.upsert(DocumentFields.idTerm(p.id()),
                PostingDocuments.toDocument(p, vectorOf.apply(p))));
    }

    public void deletePosting(long id) {
        io(() -> postings.delete(DocumentFields.idTerm(id)));
    }

    /** Removes every document from both sides (before a rebuild); takes effect for readers on refresh. */
    public void deleteAll() {
        io(() -> {
            solutions.deleteAll();
            postings.deleteAll();
        });
    }

    /**
     * Makes all changes so far durable, recording that they include every outbox entry up to
     * {@code lastAppliedOutboxId}, then refreshes readers. Postings commit first: after a crash between the two
     * commits the solutions side still carries the older id, so replay starts early enough for both.
     */
    public void commit(long lastAppliedOutboxId) {
        io(() -> {
            postings.commit(lastAppliedOutboxId);
            solutions.commit(lastAppliedOutboxId);
            refreshBoth();
        });
    }

    /**
     * Merges each side into one segment and refreshes readers; the next {@link #commit(long)} makes it durable. For
     * after a rebuild, which leaves a large index in several segments, each with its own k-NN graph to search (a
     * match at 100,000 solutions spends 2.2 ms in three graphs, 0.9 ms in one; BENCHMARKS.md). Takes about a minute
     * at 100,000 solutions; writes and commits may go on meanwhile, from other threads. Closing the index aborts it.
     */
    public void compact() {
        io(() -> {
            postings.compact();
            solutions.compact();
            refreshBoth();
        });
    }

    /**
     * Throws away the writers and readers and opens the index again as {@link #open(Path)} does, for when writing
     * keeps failing (the directory deleted, a failed flush that closed a writer for good): afterwards
     * {@link #needsRebuild()} says whether the index on disk can be resumed from its last commit. Changes not
     * committed are lost. Call it from the thread that writes, with no writes running.
     */
    public void reopen() {
        io(() -> {
            solutions.reopen();
            postings.reopen();
        });
    }

    /** The outbox id of the last commit that both sides carry; 0 when nothing was committed. */
    public long lastAppliedOutboxId() {
        return Math.min(solutions.lastAppliedOutboxId(), postings.lastAppliedOutboxId());
    }

    /** True when the index was missing, unreadable or from another schema version and has not been committed since. */
    public boolean needsRebuild() {
        return solutions.needsRebuild() || postings.needsRebuild();
    }

    /** Makes changes since the last refresh visible to searches and matches. */
    public void refresh() {
        io(this::refreshBoth);
    }

    private void refreshBoth() throws IOException {
        solutions.refresh();
        postings.refresh();
    }

    public int solutionCount() {
        return read(() -> solutions.count());
    }

    public int postingCount() {
        return read(() -> postings.count());
    }

    /**
     * A number that changes whenever matches and searches may answer differently than before, because documents were
     * added, changed or deleted (or the index reopened): what a cache of their results is valid for.
     */
    public long generation() {
        return solutions.generation() + postings.generation();
    }

    /**
     * The segments searches read, of both sides: each has its own terms and k-NN graph that every match visits, so
     * a match costs more the more there are (see {@link #compact()}).
     */
    public int segmentCount() {
        return read(() -> solutions.segments() + postings.segments());
    }

    /**
     * Published solutions that fit the posting, best first, each with the reasons it fits. The score is, for
     * {@link MatchMode#HYBRID}, the fused score as a share of the best possible one (0..1); for
     * {@link MatchMode#BM25} a BM25 score; for {@link MatchMode#VECTOR} the cosine similarity.
     */
    public List<SolutionMatch> matchSolutions(PostingDoc posting, float[] postingVector, int limit, MatchMode mode) {
        return read(() -> solutions.withSearcher(s -> matcher.matchSolutions(s, posting, postingVector, limit, mode)));
    }

    /**
     * Open postings (deadline null or not before {@code today}) the solution fits, best first, with reasons; ranked
     * like {@link MatchMode#HYBRID} matching, with the same score scale.
     */
    public List<PostingMatch> matchPostings(SolutionDoc solution, float[] solutionVector, LocalDate today, int limit) {
        return read(() -> postings.withSearcher(s -> matcher.matchPostings(s, solution, solutionVector, today, limit)));
    }

    /**
     * The fit of one solution to one posting, read from the two records alone (no index lookup): see
     * PairFitScorer for the score. Either vector may be null. CPU-bound (text analysis): call it off an event loop.
     */
    public PairFit fit(PostingDoc posting, float[] postingVector, SolutionDoc solution, float[] solutionVector) {
        return pairs.fit(posting, postingVector, solution, solutionVector);
    }

    /** Catalogue search with filters, facets, highlighting and paging; see {@link SearchQuery}. */
    public SearchResult search(SearchQuery query) {
        LuceneStore side = query.target() == SearchQuery.Target.SOLUTIONS ? solutions : postings;
        return read(() -> side.withSearcher(s -> searcher.search(s, query)));
    }

    /**
     * The text to embed for a search: the query with its English terms replaced by their Chinese forms (drone
     * inspection → 无人机巡检), since the records and their vectors are Chinese.
     */
    public String queryForEmbedding(String text) {
        return glossary.inChinese(text);
    }

    /** 您是不是要找: the query with mistyped Chinese characters corrected from the solutions' words, if any are. */
    public Optional<String> didYouMean(String text) {
        return read(() -> solutions.withSearcher(s -> SpellCorrection.correct(s.getIndexReader(), Texts.orEmpty(text))));
    }

    /**
     * Typeahead: distinct titles and tags of visible solutions and postings starting with the prefix or, for an
     * English prefix, with the Chinese form of a glossary term starting with it (dro → 无人机巡检).
     */
    public List<String> suggest(String prefix, int limit) {
        return read(() -> Suggestions.suggest(solutions, postings, glossary, prefix, limit));
    }

    private static Thread matchHelperThread(Runnable work) {
        Thread thread = new Thread(work, "scenariohub-match-helper");
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        matchHelpers.shutdown();
        writes.close();
        io(() -> {
            try {
                solutions.close();
            } finally {
                postings.close();
            }
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface IoRead<T> {
        T get() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(IoRead<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
