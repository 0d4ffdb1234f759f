package cn.qdaipark.scenariohub.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
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
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile boolean needsRebuild;

    /**
     * @param ramBufferMb indexing memory before a flush: the larger it is, the fewer segments a rebuild leaves
     *     (every segment repeats the per-query work)
     */
    LuceneStore(String name, Directory directory, double ramBufferMb) throws IOException {
        this.name = name;
        this.directory = directory;
        String problem = problemWith(directory);
        this.needsRebuild = problem != null;
        if (needsRebuild) {
            LOG.info("{} index needs a rebuild: {}", name, problem);
            if (problem.startsWith(UNREADABLE)) {
                // Even OpenMode.CREATE reads the old commit point; a corrupt one has to go first.
                for (String file : directory.listAll()) {
                    directory.deleteFile(file);
                }
            }
        }
        this.writer = new IndexWriter(directory, writerConfig(needsRebuild, ramBufferMb));
        this.searchers = new SearcherManager(writer, null);
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
        IndexSearcher searcher = searchers.acquire();
        try {
            return fn.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    int count() throws IOException {
        return withSearcher(s -> s.getIndexReader().numDocs());
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
