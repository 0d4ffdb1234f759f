package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HelperTaskTest {
    @Test
    @DisplayName("a task no helper thread takes runs on the caller when its result is needed")
    void callerRunsWhatNoHelperTook() throws Exception {
        HelperTask<String> queuedForever = new HelperTask<>(task -> { }, () -> Thread.currentThread().getName());
        assertThat(queuedForever.join()).isEqualTo(Thread.currentThread().getName());

        HelperTask<String> rejected = new HelperTask<>(task -> {
            throw new RejectedExecutionException("shut down");
        }, () -> "done anyway");
        assertThat(rejected.join()).isEqualTo("done anyway");
    }

    @Test
    @DisplayName("a task a helper thread took is not run twice, and its failure reaches the caller as it was thrown")
    void helperResultAndFailure() throws Exception {
        ExecutorService helpers = Executors.newSingleThreadExecutor(work -> new Thread(work, "helper"));
        try {
            HelperTask<String> task = new HelperTask<>(helpers, () -> Thread.currentThread().getName());
            helpers.submit(() -> { }).get(); // the helper has run the task by now
            assertThat(task.join()).isEqualTo("helper");

            HelperTask<String> failing = new HelperTask<>(helpers, () -> {
                throw new IOException("disk gone");
            });
            assertThatThrownBy(failing::join).isInstanceOf(IOException.class).hasMessage("disk gone");
        } finally {
            helpers.shutdownNow();
        }
    }

    @Test
    @Timeout(10) // waiting for the running task first would wait forever
    @DisplayName("joining several tasks, the caller runs those no helper has started before it waits for the others")
    void joinAllRunsUnstartedTasksFirst() throws Exception {
        ExecutorService helpers = Executors.newSingleThreadExecutor(work -> new Thread(work, "helper"));
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            HelperTask<String> running = new HelperTask<>(helpers, () -> {
                started.countDown();
                release.await();
                return Thread.currentThread().getName();
            });
            started.await();
            // Queued behind the running task; the running one finishes only once this one has run on the caller.
            HelperTask<String> queued = new HelperTask<>(helpers, () -> {
                release.countDown();
                return Thread.currentThread().getName();
            });

            assertThat(HelperTask.joinAll(List.of(running, queued)))
                    .containsExactly("helper", Thread.currentThread().getName());
        } finally {
            helpers.shutdownNow();
        }
    }
}
