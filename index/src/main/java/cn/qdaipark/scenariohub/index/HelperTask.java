package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Part of one match handed to a helper thread so it runs beside the caller's own part (k-NN beside the text probe,
 * ranges of the probe, halves of the pool). When no helper thread has taken it by the time its result is needed (all
 * busy with other matches), the caller runs it itself: a busy server never waits for a helper, an idle one uses all
 * its cores.
 */
final class HelperTask<T> {
    private final FutureTask<T> task;

    HelperTask(Executor helpers, Callable<T> work) {
        this.task = new FutureTask<>(work);
        try {
            helpers.execute(task);
        } catch (RejectedExecutionException e) {
            // Shutting down: join() runs it on the caller's thread.
        }
    }

    /**
     * The results of the tasks, in order: the caller first runs every task no helper has started yet, then waits for
     * those that are running, so it never waits while there is work left it could do.
     */
    static <T> List<T> joinAll(List<HelperTask<T>> tasks) throws IOException {
        tasks.forEach(t -> t.task.run());
        List<T> results = new ArrayList<>(tasks.size());
        for (HelperTask<T> t : tasks) {
            results.add(t.join());
        }
        return results;
    }

    /** Keeps the tasks no helper has started from running at all (the caller's own part failed). */
    static <T> void cancelAll(List<HelperTask<T>> tasks) {
        tasks.forEach(t -> t.task.cancel(false));
    }

    T join() throws IOException {
        task.run(); // does nothing when a helper has started or finished it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a helper thread");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
