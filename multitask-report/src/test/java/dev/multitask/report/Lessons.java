package dev.multitask.report;

import dev.multitask.Strategy;
import dev.multitask.TaskRecord;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Traces of the lesson's two pictures, made by hand so that their shape is certain: four 100 ms tasks on one thread,
 * end to end, and the same four on two threads, overlapping. The second run fails its last task.
 */
final class Lessons {

    static final Instant ORIGIN = Instant.parse("2026-11-25T12:00:00Z");
    static final long MS = 1_000_000;

    private Lessons() {}

    static Trace oneThread() {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long start = i * 100 * MS;
            tasks.add(task(i + 1, "multitask-one-worker-1", 0, start, start + 100 * MS, Outcome.SUCCEEDED));
        }
        return Trace.of("one", Strategy.sequential(), ORIGIN, tasks);
    }

    static Trace twoThreads() {
        Instant origin = ORIGIN.plus(Duration.ofSeconds(1));
        List<TaskRecord> tasks = List.of(
                task(1, "multitask-two-worker-1", 0, 0, 100 * MS, Outcome.SUCCEEDED),
                task(2, "multitask-two-worker-2", 0, 2 * MS, 102 * MS, Outcome.SUCCEEDED),
                task(3, "multitask-two-worker-1", 0, 100 * MS, 200 * MS, Outcome.SUCCEEDED),
                task(4, "multitask-two-worker-2", 0, 102 * MS, 202 * MS, Outcome.FAILED));
        return Trace.of("two", Strategy.threads(2), origin, tasks);
    }

    /** CPU samples every 100 ms over both runs: core 0 busy throughout, core 1 only during the two-thread run. */
    static CpuSamples cpu() {
        List<CpuSample> samples = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            Instant time = ORIGIN.plusMillis(i * 100L);
            boolean second = i > 10;
            samples.add(new CpuSample(time, new double[] {0.9, second ? 0.85 : 0.05}));
        }
        return new CpuSamples("/proc/stat", List.of("cpu0", "cpu1"), Duration.ofMillis(100), samples);
    }

    static TaskRecord task(long id, String worker, long submitted, long started, long finished, Outcome outcome) {
        return new TaskRecord(
                id,
                "input-" + id,
                worker,
                submitted,
                started,
                finished,
                (finished - started) / 2,
                outcome,
                outcome == Outcome.FAILED ? "java.io.IOException: <refused> & \"gone\"" : null);
    }
}
