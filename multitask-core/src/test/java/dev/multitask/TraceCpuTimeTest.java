package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TraceCpuTimeTest {

    private static final int TINY_TASKS = 200;

    @Test
    void aTaskThatComputesForMillisecondsHasItsCpuTimeMeasured() throws Exception {
        try (Pool pool = Pool.builder(Strategy.threads(1)).tracing(true).build()) {
            pool.submit(() -> spinFor(5_000_000)).get(); // first on its thread
            pool.submit(() -> spinFor(5_000_000)).get(); // after a long one
            List<TaskRecord> records = byId(pool.trace());
            assertThat(records).hasSize(2);
            for (TaskRecord record : records) {
                assertThat(record.cpuNanos())
                        .isPositive()
                        .isLessThanOrEqualTo(record.runTime().toNanos() + 1_000_000);
            }
        }
    }

    @Test
    void aStreamOfTinyTasksIsNotMeasuredAfterItsFirstTask() throws Exception {
        try (Pool pool = Pool.builder(Strategy.threads(1)).tracing(true).build()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < TINY_TASKS; i++) {
                futures.add(pool.submit(() -> 1));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            List<TaskRecord> records = byId(pool.trace());
            assertThat(records.getFirst().cpuNanos()).isNotNegative();
            // A preempted tiny task can run past the threshold and get its successor measured: a wide band.
            assertThat(records.stream().skip(1).filter(r -> r.cpuNanos() == -1).count())
                    .isGreaterThan(TINY_TASKS / 2);
            assertThat(pool.trace().summary().tasks()).isEqualTo(TINY_TASKS);
        }
    }

    @Test
    void tasksOnVirtualThreadsHaveNoCpuTime() throws Exception {
        try (Pool pool = Pool.builder(Strategy.virtual()).tracing(true).build()) {
            pool.submit(() -> spinFor(1_000_000)).get();
            assertThat(byId(pool.trace()))
                    .singleElement()
                    .extracting(TaskRecord::cpuNanos)
                    .isEqualTo(-1L);
        }
    }

    private static long spinFor(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 1;
        while (System.nanoTime() < end) {
            x = x * 31 + 7;
        }
        return x;
    }

    private static List<TaskRecord> byId(Trace trace) {
        return trace.tasks().stream()
                .sorted(Comparator.comparingLong(TaskRecord::id))
                .toList();
    }
}
