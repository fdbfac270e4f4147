package dev.multitask.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured run of a workload on one strategy, as {@code --json} prints it (one object per line) and as the table
 * and the recommendation read it.
 *
 * @param workload the workload's name, such as {@code io}
 * @param strategy the strategy in its text form, such as {@code threads:8}
 * @param workers the workers the run had: the thread or process count, or for {@code virtual} and {@code auto} the
 *     most tasks that ran at once
 * @param tasks the workload's tasks
 * @param completed the tasks that ended within the run's time budget
 * @param wallSeconds from the pool's creation to its close; for a run cut at the budget, the time it would have taken
 *     at the pace it kept ({@code extrapolated})
 * @param speedup the sequential run's wall time divided by this one's; 0 when there was no sequential run
 * @param efficiency {@code speedup / workers}
 * @param busySeconds the sum of the tasks' run times
 * @param cpuSeconds CPU time this process and its children used during the run
 * @param threadCpuSeconds for the sequential run on Linux, the CPU time of the thread that ran the tasks, exact where
 *     {@code cpuSeconds} also counts the JVM's own threads; else 0
 * @param runQueueSeconds for the sequential run on Linux, the time its thread was ready to run but waited for a
 *     processor that other programs held; else 0
 * @param cpuCores {@code cpuSeconds / wallSeconds}: how many processors the run kept busy on average
 * @param peakMemoryMb the most heap in use plus child processes' resident memory, in MiB
 * @param failures tasks that threw
 * @param extrapolated whether the run was cut at its time budget and its wall time extrapolated
 * @param lowerBound whether the run was cut before it showed a pace to judge by (under two results, or the first in
 *     the second half of the time it ran), so that {@code wallSeconds} is
 *     only the time it ran: the run would have taken longer
 * @param repeats how many times the run ran; the fastest counts
 * @param limit for {@code auto}, the concurrency limit it ended at; else null
 * @param decision for {@code auto}, the reason for its last change of limit; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "workload",
    "strategy",
    "workers",
    "tasks",
    "completed",
    "wallSeconds",
    "speedup",
    "efficiency",
    "busySeconds",
    "cpuSeconds",
    "threadCpuSeconds",
    "runQueueSeconds",
    "cpuCores",
    "peakMemoryMb",
    "failures",
    "extrapolated",
    "repeats",
    "limit",
    "decision"
})
record Measurement(
        String workload,
        String strategy,
        int workers,
        int tasks,
        int completed,
        double wallSeconds,
        double speedup,
        double efficiency,
        double busySeconds,
        double cpuSeconds,
        double threadCpuSeconds,
        double runQueueSeconds,
        double cpuCores,
        double peakMemoryMb,
        int failures,
        boolean extrapolated,
        boolean lowerBound,
        int repeats,
        Integer limit,
        String decision) {

    /** This run with its speed-up and efficiency against a sequential run of {@code sequentialSeconds}. */
    Measurement against(double sequentialSeconds) {
        double speedup = sequentialSeconds > 0 && wallSeconds > 0 ? sequentialSeconds / wallSeconds : 0;
        return new Measurement(
                workload,
                strategy,
                workers,
                tasks,
                completed,
                wallSeconds,
                speedup,
                workers > 0 ? speedup / workers : 0,
                busySeconds,
                cpuSeconds,
                threadCpuSeconds,
                runQueueSeconds,
                cpuCores,
                peakMemoryMb,
                failures,
                extrapolated,
                lowerBound,
                repeats,
                limit,
                decision);
    }

    /**
     * The share of the tasks' run time spent on a processor, 0 to 1, as far as this run can tell: time spent waiting
     * for a processor held by other programs does not count as the tasks' own.
     */
    double cpuShareOfBusy() {
        double own = busySeconds - runQueueSeconds;
        double cpu = threadCpuSeconds > 0 ? threadCpuSeconds : cpuSeconds;
        return own > 0 ? Math.min(1, cpu / own) : busySeconds > 0 ? 1 : 0;
    }
}
