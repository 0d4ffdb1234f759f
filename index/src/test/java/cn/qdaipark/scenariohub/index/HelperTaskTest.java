package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
