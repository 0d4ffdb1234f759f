package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParallelWritesTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 400).boxed().toList();

    @Test
    @DisplayName("every item is written exactly once, by the caller and a helper together")
    void writesEachItemOnceOnSeveralThreads() {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        AtomicInteger writes = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ParallelWrites parallel = new ParallelWrites()) {
            parallel.each(ITEMS, i -> {
                threads.add(Thread.currentThread().getName());
                written.add(i);
                writes.incrementAndGet();
                sleepAMillisecond();
            });
        }
        assertThat(written).containsExactlyInAnyOrderElementsOf(ITEMS);
        assertThat(writes.get()).isEqualTo(ITEMS.size());
        assertThat(threads).contains(Thread.currentThread().getName()).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("a failing write is thrown to the caller once no helper writes any more, and the rest is not written")
    void failureStopsTheWritesAndIsThrown() {
        AtomicInteger writes = new AtomicInteger();
        try (ParallelWrites parallel = new ParallelWrites()) {
            assertThatThrownBy(() -> parallel.each(ITEMS, i -> {
                if (i == 50) {
                    throw new IOException("disk full");
                }
                writes.incrementAndGet();
                sleepAMillisecond();
            })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
            int afterReturn = writes.get();
            sleepAMillisecond();
            sleepAMillisecond();
            assertThat(writes.get()).as("writes after each() returned").isEqualTo(afterReturn);
            assertThat(afterReturn).isLessThan(ITEMS.size() - 1);
        }
    }

    @Test
    @DisplayName("a single item stays on the caller's thread")
    void singleItemOnTheCaller() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ParallelWrites parallel = new ParallelWrites()) {
            parallel.each(List.of(1), i -> threads.add(Thread.currentThread().getName()));
        }
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    private static void sleepAMillisecond() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
