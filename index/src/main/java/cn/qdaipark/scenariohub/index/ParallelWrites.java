package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Indexes a bulk of documents on every core: Lucene's writer takes documents from several threads at once, each into
 * a buffer of its own, and analysing a record and inserting its vector into the k-NN graph is most of the cost of a
 * write. The caller works too, with one helper for each other core; a single document stays on the caller's thread.
 */
final class ParallelWrites implements AutoCloseable {
    private final int helperCount = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private final ExecutorService helpers = Executors.newFixedThreadPool(helperCount, work -> {
        Thread thread = new Thread(work, "scenariohub-index-write-helper");
        thread.setDaemon(true);
        return thread;
    });

    interface Write<T> {
        void apply(T item) throws IOException;
    }

    /** Applies {@code write} to every item and returns once all are written; the first failure is thrown. */
    <T> void each(List<T> items, Write<T> write) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                try {
                    write.apply(items.get(i));
                } catch (IOException | RuntimeException e) {
                    // the others stop at their next item
                    next.set(items.size());
                    throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
                }
            }
        };
        List<Future<?>> started = new ArrayList<>();
        for (int h = 0; h < Math.min(helperCount, items.size() - 1); h++) {
            started.add(helpers.submit(worker));
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> helper : started) {
            try {
                helper.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the index", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        helpers.shutdown();
    }
}
