package dev.multitask;

import java.time.Duration;

/**
 * What a {@link Trace} adds up to.
 *
 * @param tasks tasks that ended, including those whose records were dropped over the trace's capacity
 * @param failed tasks that threw
 * @param cancelled tasks that were cancelled
 * @param wall from the first submission to the last end
 * @param busy the sum of all tasks' run times
 * @param workers the workers that ran at least one task
 * @param speedup {@code busy / wall}: how many tasks ran at once on average; 1.0 for one worker always busy
 * @param utilisation {@code speedup / workers}: the share of the workers' time spent running tasks, from 0 to 1
 */
public record TraceSummary(
        long tasks,
        long failed,
        long cancelled,
        Duration wall,
        Duration busy,
        int workers,
        double speedup,
        double utilisation) {

    @Override
    public String toString() {
        return String.format(
                "%d tasks (%d failed, %d cancelled) on %d workers: wall %.3f s, busy %.3f s, speed-up %.2fx,"
                        + " utilisation %.0f%%",
                tasks,
                failed,
                cancelled,
                workers,
                wall.toNanos() / 1e9,
                busy.toNanos() / 1e9,
                speedup,
                utilisation * 100);
    }
}
