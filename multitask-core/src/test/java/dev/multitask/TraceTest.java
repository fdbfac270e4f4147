package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.multitask.TaskRecord.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TraceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void recordsEveryTasksLifeOnItsWorker() throws Exception {
        try (Pool pool =
                Pool.builder(Strategy.threads(2)).name("traced").tracing(true).build()) {
            pool.map((Integer n) -> n * n, List.of(1, 2, 3)).toList();
            pool.submit("boom", () -> {
                        throw new IllegalStateException("bad");
                    })
                    .exception(Duration.ofSeconds(10));
            Trace trace = pool.trace();
            assertThat(trace.tasks()).extracting(TaskRecord::label).containsExactly("1", "2", "3", "boom");
            assertThat(trace.tasks()).allSatisfy(task -> {
                assertThat(task.worker()).startsWith("multitask-traced-worker-");
                assertThat(task.submittedNanos()).isLessThanOrEqualTo(task.startedNanos());
                assertThat(task.startedNanos()).isLessThanOrEqualTo(task.finishedNanos());
            });
            assertThat(trace.tasks().get(3).outcome()).isEqualTo(Outcome.FAILED);
            assertThat(trace.tasks().get(3).error()).isEqualTo("java.lang.IllegalStateException: bad");
            assertThat(trace.summary().tasks()).isEqualTo(4);
            assertThat(trace.summary().failed()).isEqualTo(1);
            assertThat(trace.summary().workers()).isEqualTo(2);
        }
    }

    @Test
    void recordsCancelledTasksThatNeverStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Pool pool = Pool.builder(Strategy.threads(1)).tracing(true).build()) {
            pool.submit(() -> release.await(10, TimeUnit.SECONDS));
            pool.submit(() -> 1).cancel(false);
            release.countDown();
            pool.shutdown(true, false);
            TaskRecord cancelled = pool.trace().tasks().get(1);
            assertThat(cancelled.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(cancelled.started()).isFalse();
            assertThat(cancelled.worker()).isNull();
        }
    }

    @Test
    void keepsRecordsUpToItsCapacityButCountsEveryTask() {
        try (Pool pool = Pool.builder(Strategy.threads(2))
                .tracing(true)
                .traceCapacity(10)
                .build()) {
            pool.map(
                            (Integer n) -> n,
                            java.util.stream.IntStream.range(0, 100).boxed().toList())
                    .toList();
            Trace trace = pool.trace();
            assertThat(trace.tasks()).hasSize(10);
            assertThat(trace.summary().tasks()).isEqualTo(100);
        }
    }

    @Test
    void onceItsRecordsAreFullEstimatesTaskTimeFromASampleOfTasks() {
        try (Pool pool = Pool.builder(Strategy.sequential())
                .tracing(true)
                .traceCapacity(10)
                .build()) {
            for (int i = 0; i < 640; i++) {
                pool.execute(() -> java.util.concurrent.locks.LockSupport.parkNanos(200_000)); // the work: a wait
            }
            TraceSummary summary = pool.trace().summary();
            assertThat(summary.tasks()).isEqualTo(640);
            assertThat(summary.speedup())
                    .as("one thread end to end, estimated from 1 task in 64 after the first 10")
                    .isBetween(0.6, 1.4);
        }
    }

    @Test
    void refusesToInventATraceForAnUntracedPool() {
        try (Pool pool = Pool.threads(1)) {
            assertThatThrownBy(pool::trace)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tracing(true)");
        }
    }

    @Test
    void summaryOfOneThreadEndToEndShowsNoSpeedUp() {
        Trace trace = Trace.of("p", Strategy.sequential(), Instant.EPOCH, endToEnd("main", 8));
        TraceSummary summary = trace.summary();
        assertThat(summary.wall()).isEqualTo(Duration.ofSeconds(8));
        assertThat(summary.busy()).isEqualTo(Duration.ofSeconds(8));
        assertThat(summary.speedup()).isCloseTo(1.0, within(1e-9));
        assertThat(summary.utilisation()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void summaryOfTwoOverlappingThreadsShowsTwiceTheSpeed() {
        List<TaskRecord> tasks = new ArrayList<>(endToEnd("worker-1", 4));
        tasks.addAll(endToEnd("worker-2", 4).stream()
                .map(t -> new TaskRecord(
                        t.id() + 100,
                        t.label(),
                        t.worker(),
                        t.submittedNanos(),
                        t.startedNanos(),
                        t.finishedNanos(),
                        -1,
                        t.outcome(),
                        null))
                .toList());
        TraceSummary summary =
                Trace.of("p", Strategy.threads(2), Instant.EPOCH, tasks).summary();
        assertThat(summary.wall()).isEqualTo(Duration.ofSeconds(4));
        assertThat(summary.speedup()).isCloseTo(2.0, within(1e-9));
        assertThat(summary.workers()).isEqualTo(2);
    }

    @Test
    void timelineDrawsOneThreadEndToEnd() {
        String timeline = Trace.of("p", Strategy.sequential(), Instant.EPOCH, endToEnd("main", 4))
                .timeline(45);
        List<String> lines = timeline.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("     0ms");
        assertThat(lines.get(1)).isEqualTo("main [t1......][t2......][t3......][t4......]");
    }

    @Test
    void timelineKeepsEveryBlockClosedWhenTasksFollowEachOtherAtUnevenTimes() {
        List<TaskRecord> tasks = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 8; i++) {
            long start = t + (i * 137_000L) % 50_000;
            long end = start + 100_800_000L + (i * 7_919_000L) % 3_000_000;
            tasks.add(new TaskRecord(i + 1, "t" + i, "main", start, start, end, -1, Outcome.SUCCEEDED, null));
            t = end;
        }
        String row = Trace.of("p", Strategy.sequential(), Instant.EPOCH, tasks)
                .timeline(84)
                .lines()
                .toList()
                .get(1);
        assertThat(row.chars().filter(c -> c == '[')).hasSize(8);
        assertThat(row.chars().filter(c -> c == ']')).hasSize(8);
    }

    @Test
    void timelineDrawsTwoThreadsAsOverlappingRowsWithFailuresMarked() {
        List<TaskRecord> tasks = List.of(
                new TaskRecord(1, "square 2", "multitask-p-worker-1", 0, 0, SECOND, -1, Outcome.SUCCEEDED, null),
                new TaskRecord(2, "cube 2", "multitask-p-worker-2", 0, 0, SECOND, -1, Outcome.FAILED, "x"),
                new TaskRecord(
                        3, "square 3", "multitask-p-worker-1", 0, SECOND, 2 * SECOND, -1, Outcome.SUCCEEDED, null));
        List<String> lines = Trace.of("p", Strategy.threads(2), Instant.EPOCH, tasks)
                .timeline(49)
                .lines()
                .toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("worker-1 [square 2..........][square 3..........]");
        assertThat(lines.get(2)).isEqualTo("worker-2 [cube 2!!!!!!!!!!!!]");
    }

    @Test
    void timelinePacksThousandsOfWorkersIntoRows() {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tasks.add(new TaskRecord(i, null, "v-" + i, 0, 0, SECOND, -1, Outcome.SUCCEEDED, null));
        }
        String timeline =
                Trace.of("p", Strategy.virtual(), Instant.EPOCH, tasks).timeline(60);
        assertThat(timeline.lines()).hasSize(1 + 17).last().asString().startsWith("+984 lanes");
    }

    private static List<TaskRecord> endToEnd(String worker, int count) {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new TaskRecord(
                    i + 1, "t" + (i + 1), worker, 0, i * SECOND, (i + 1) * SECOND, -1, Outcome.SUCCEEDED, null));
        }
        return tasks;
    }
}
