package dev.multitask.cli.bench;

import dev.multitask.Decision;
import dev.multitask.Pool;
import dev.multitask.SerializableFunction;
import dev.multitask.Strategy;
import dev.multitask.Trace;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a workload once on one strategy and measures it: wall time from the pool's creation to its close, CPU time,
 * peak memory, failures, and the pool's trace. A run that passes its time budget is cut: the tasks in flight are
 * cancelled and its wall time is extrapolated from the tasks that ended, so that a hopeless strategy (2,000 waits of
 * 50 ms on two threads) costs seconds, not minutes.
 */
final class BenchRunner {

    /** A measured run and the trace it left. */
    record Result(Measurement measurement, Trace trace) {}

    private BenchRunner() {}

    static Result run(Workload workload, Strategy strategy, Duration budget) {
        System.gc(); // so that the previous run's garbage does not count as this run's memory
        ResourceSampler sampler = ResourceSampler.start();
        // A sequential pool runs its tasks in this thread, whose time spent ready but waiting for a processor (other
        // programs had them) the kernel counts; without it, tasks that compute look like tasks that wait.
        long[] schedAtStart = strategy instanceof Strategy.Sequential ? ThreadSchedule.read() : null;
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int completed = 0;
        int failures = 0;
        boolean cut = false;
        long cutAt = 0;
        long firstAt = 0;
        Pool pool = Pool.builder(strategy).tracing(true).build();
        try {
            try (Stream<Boolean> results = pool.map(new Counted(workload.task()), workload.inputs())) {
                Iterator<Boolean> it = results.iterator();
                while (it.hasNext()) {
                    if (!it.next()) {
                        failures++;
                    }
                    if (completed++ == 0) {
                        firstAt = System.nanoTime();
                    }
                    if (completed < workload.tasks() && System.nanoTime() > deadline) {
                        cutAt = System.nanoTime(); // what is left is cancelled work, not the run's
                        cut = true;
                        break;
                    }
                }
            }
        } finally {
            if (cut) {
                pool.shutdownNow();
            }
            pool.close();
        }
        long end = cut ? cutAt : System.nanoTime();
        long[] schedAtEnd = schedAtStart != null ? ThreadSchedule.read() : null;
        boolean scheduled = schedAtStart != null && schedAtEnd != null;
        double runQueueSeconds = scheduled ? (schedAtEnd[1] - schedAtStart[1]) / 1e9 : 0;
        double threadCpuSeconds = scheduled ? (schedAtEnd[0] - schedAtStart[0]) / 1e9 : 0;
        ResourceSampler.Usage usage = sampler.stop();
        Trace trace = pool.trace();
        double elapsed = (end - start) / 1e9;
        double wall = cut ? extrapolate(start, firstAt, end, completed, workload.tasks()) : elapsed;
        int workers = trace.summary().workers();
        List<Decision> decisions = trace.decisions();
        Decision last = decisions.isEmpty() ? null : decisions.getLast();
        Measurement measurement = new Measurement(
                workload.name(),
                strategy.toString(),
                workers,
                workload.tasks(),
                completed,
                wall,
                0,
                0,
                trace.summary().busy().toNanos() / 1e9,
                usage.cpuSeconds(),
                threadCpuSeconds,
                runQueueSeconds,
                elapsed > 0 ? usage.cpuSeconds() / elapsed : 0,
                usage.peakBytes() / (1024.0 * 1024.0),
                failures,
                cut,
                cut && noPace(start, firstAt, end, completed),
                1,
                last != null ? last.limit() : null,
                last != null ? last.reason() : null);
        return new Result(measurement, trace);
    }

    /**
     * The wall time a cut run would have taken: its start-up (to the first result, which for worker processes
     * includes starting JVMs) plus the remaining tasks at the pace kept since; or, when it showed no pace, the time
     * it ran, as a lower bound.
     */
    static double extrapolate(long start, long firstAt, long end, int completed, int tasks) {
        if (noPace(start, firstAt, end, completed)) {
            // A strategy that starts every task at once ends most of them together, late: the time so far is a
            // lower bound, and that is all that can honestly be said.
            return (end - start) / 1e9;
        }
        double pace = (end - firstAt) / 1e9 / (completed - 1);
        return (firstAt - start) / 1e9 + pace * (tasks - 1);
    }

    /** Whether a cut run showed no pace to extrapolate: under two results, or the first in its second half. */
    static boolean noPace(long start, long firstAt, long end, int completed) {
        return completed < 2 || firstAt - start > (end - start) / 2;
    }

    /** The workload's task, with a failure counted instead of ending the run. */
    private record Counted(SerializableFunction<Integer, Boolean> task)
            implements SerializableFunction<Integer, Boolean> {
        @Override
        public Boolean apply(Integer index) {
            try {
                return task.apply(index);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
