package dev.multitask.report;

import dev.multitask.TaskRecord;
import dev.multitask.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A run as both writers draw it: times in nanoseconds from the run's first submission, its lanes, and how many tasks
 * were running and queued over time.
 */
final class RunView {

    /** Running and queued tasks from {@code nanos} on. */
    record Level(long nanos, int running, int queued) {}

    final String name;
    final Trace trace;
    final List<TaskRecord> tasks;
    final Lanes lanes;
    /** The run's start, in the trace's nanoseconds. */
    final long startNanos;
    /** From the run's start to its last end. */
    final long lengthNanos;

    RunView(Run run) {
        this.name = run.name();
        this.trace = run.trace();
        this.tasks = trace.tasks();
        this.lanes = Lanes.of(trace.pool(), tasks);
        this.startNanos =
                tasks.stream().mapToLong(TaskRecord::submittedNanos).min().orElse(0);
        this.lengthNanos =
                tasks.stream().mapToLong(TaskRecord::finishedNanos).max().orElse(startNanos) - startNanos;
    }

    /** The wall-clock time of a trace time. */
    Instant instant(long traceNanos) {
        return trace.origin().plusNanos(traceNanos);
    }

    /** The time of {@code instant} in nanoseconds from the run's start. */
    long sinceStart(Instant instant) {
        return Duration.between(trace.origin(), instant).toNanos() - startNanos;
    }

    /** Running and queued tasks after each submission, start and end, in time order, one level per instant. */
    List<Level> levels() {
        // {time, change in running, change in queued}
        List<long[]> changes = new ArrayList<>(tasks.size() * 3);
        for (TaskRecord task : tasks) {
            changes.add(new long[] {task.submittedNanos(), 0, 1});
            if (task.started()) {
                changes.add(new long[] {task.startedNanos(), 1, -1});
                changes.add(new long[] {task.finishedNanos(), -1, 0});
            } else {
                changes.add(new long[] {task.finishedNanos(), 0, -1});
            }
        }
        changes.sort(Comparator.comparingLong(c -> c[0]));
        List<Level> levels = new ArrayList<>();
        int running = 0;
        int queued = 0;
        for (int i = 0; i < changes.size(); i++) {
            long[] change = changes.get(i);
            running += (int) change[1];
            queued += (int) change[2];
            if (i + 1 == changes.size() || changes.get(i + 1)[0] != change[0]) {
                levels.add(new Level(change[0] - startNanos, running, queued));
            }
        }
        return levels;
    }

    /** The samples taken from one interval before the run to one after, in run time. */
    List<CpuSample> cpuDuring(CpuSamples cpu) {
        long margin = cpu.interval().toNanos();
        return cpu.samples().stream()
                .filter(s -> {
                    long t = sinceStart(s.time());
                    return t >= -margin && t <= lengthNanos + margin;
                })
                .toList();
    }

    static double[] percent(double[] usage) {
        return Arrays.stream(usage).map(u -> Math.round(u * 1000) / 10.0).toArray();
    }
}
