package cn.qdaipark.scenariohub.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Lucene index: a writer, a searcher manager and the commit user data that says how current it is. */
final class LuceneStore implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneStore.class);

    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private static final String UNREADABLE = "unreadable: ";

    private final String name;
    private final IOSupplier<Directory> directories;
    private final double ramBufferMb;
    // Replaced together by reopen(), on the writing thread; readers take each once per call.
    private volatile Directory directory;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean needsRebuild;

    /**
     * @param directories opens the directory, at first and again on {@link #reopen()}: a new one for a directory
     *     on disk (which may have been deleted meanwhile), the same one for a directory in memory
     * @param ramBufferMb indexing memory before a flush: the larger it is, the fewer segments a rebuild leaves
     *     (every segment repeats the per-query work)
     */
    LuceneStore(String name, IOSupplier<Directory> directories, double ramBufferMb) throws IOException {
        this.name = name;
        this.directories = directories;
        this.ramBufferMb = ramBufferMb;
        open(directories.get());
    }

    private void open(Directory opened) throws IOException {
        String problem = problemWith(opened);
        needsRebuild = problem != null;
        if (needsRebuild) {
            LOG.info("{} index needs a rebuild: {}", name, problem);
            if (problem.startsWith(UNREADABLE)) {
                // Even OpenMode.CREATE reads the old commit point; a corrupt one has to go first.
                for (String file : opened.listAll()) {
                    opened.deleteFile(file);
                }
            }
        }
        IndexWriter opening = new IndexWriter(opened, writerConfig(needsRebuild, ramBufferMb));
        directory = opened;
        writer = opening;
        searchers = new SearcherManager(opening, null);
        searchers.addListener(new ReferenceManager.RefreshListener() {
            @Override
            public void beforeRefresh() {
            }

            @Override
            public void afterRefresh(boolean didRefresh) {
                if (didRefresh) {
                    generation.incrementAndGet();
                }
            }
        });
        generation.incrementAndGet();
    }

    /**
     * Drops the writer and readers, which may be broken for good (a failed flush closes an IndexWriter), and opens
     * the directory again as at startup: {@link #needsRebuild()} then says whether what is on disk is usable.
     */
    void reopen() throws IOException {
        Directory old = directory;
        IOUtils.closeWhileHandlingException(searchers, writer);
        Directory opened = directories.get();
        if (opened != old) {
            IOUtils.closeWhileHandlingException(old);
        }
        open(opened);
        LOG.info("{} index reopened", name);
    }

    /** Why the index in this directory cannot be used as is, or null when it can. */
    private static String problemWith(Directory directory) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return "no index yet";
            }
            Map<String, String> userData = SegmentInfos.readLatestCommit(directory).getUserData();
            String version = userData.get(IndexFields.COMMIT_SCHEMA_VERSION);
            if (!Integer.toString(IndexFields.SCHEMA_VERSION).equals(version)) {
                return "schema version " + version + ", expected " + IndexFields.SCHEMA_VERSION;
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return UNREADABLE + e;
        }
    }

    private static IndexWriterConfig writerConfig(boolean recreate, double ramBufferMb) {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.INDEXING);
        // An unusable index is thrown away here; the caller sees needsRebuild() and reloads from the database.
        config.setOpenMode(recreate ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        // Only commit(outboxId) may commit, so the stored outbox id always describes the committed content.
        config.setCommitOnClose(false);
        config.setRAMBufferSizeMB(ramBufferMb);
        return config;
    }

    boolean needsRebuild() {
        return needsRebuild;
    }

    void upsert(Term id, Document doc) throws IOException {
        writer.updateDocument(id, doc);
    }

    void delete(Term id) throws IOException {
        writer.deleteDocuments(id);
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
    }

    void commit(long lastAppliedOutboxId) throws IOException {
        Map<String, String> userData = new HashMap<>();
        userData.put(IndexFields.COMMIT_SCHEMA_VERSION, Integer.toString(IndexFields.SCHEMA_VERSION));
        userData.put(IndexFields.COMMIT_OUTBOX_ID, Long.toString(lastAppliedOutboxId));
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
        needsRebuild = false;
    }

    /** Merges the index into one segment (durable with the next commit). */
    void compact() throws IOException {
        writer.forceMerge(1);
    }

    long lastAppliedOutboxId() {
        if (needsRebuild) {
            return 0L;
        }
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
            if (IndexFields.COMMIT_OUTBOX_ID.equals(e.getKey())) {
                return Long.parseLong(e.getValue());
            }
        }
        return 0L;
    }

    void refresh() throws IOException {
        searchers.maybeRefresh();
    }

    <T> T withSearcher(SearcherFunction<T> fn) throws IOException {
        SearcherManager manager = searchers;
        IndexSearcher searcher = manager.acquire();
        try {
            return fn.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    int count() throws IOException {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /** Changes whenever searches may see other documents than before (a refresh that opened a new reader). */
    long generation() {
        return generation.get();
    }

    int segments() throws IOException {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
        LOG.debug("{} index closed", name);
    }
}
