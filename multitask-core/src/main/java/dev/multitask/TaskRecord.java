package dev.multitask;

import java.time.Duration;

/**
 * One task's life in a {@link Trace}. Times are nanoseconds from the trace's {@linkplain Trace#origin() origin};
 * {@code startedNanos} is -1 for a task cancelled before it started.
 *
 * @param id the task's number in its pool, from 1
 * @param label the task's label or input, or {@code null}
 * @param worker the name of the worker that ran it, or {@code null} if it never started
 * @param submittedNanos when it was submitted
 * @param startedNanos when a worker started it, or -1
 * @param finishedNanos when it ended: returned, threw or was cancelled
 * @param cpuNanos CPU time of the worker thread while running it, or -1 if not measured: on virtual threads, which
 *     the JVM does not measure, and for a task that followed a task shorter than 0.1 ms on the same thread (reading a
 *     thread's CPU time costs about as much as a tiny task, so streams of tiny tasks are not measured)
 * @param outcome how it ended
 * @param error what it threw, as {@code Type: message}, or {@code null}
 */
public record TaskRecord(
        long id,
        String label,
        String worker,
        long submittedNanos,
        long startedNanos,
        long finishedNanos,
        long cpuNanos,
        Outcome outcome,
        String error) {

    /** How a task ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** Whether a worker ran the task, even if it was cancelled while running. */
    public boolean started() {
        return startedNanos >= 0;
    }

    /** Time spent running, zero if it never started. */
    public Duration runTime() {
        return started() ? Duration.ofNanos(finishedNanos - startedNanos) : Duration.ZERO;
    }

    /** Time spent waiting for a worker. */
    public Duration queueTime() {
        return Duration.ofNanos((started() ? startedNanos : finishedNanos) - submittedNanos);
    }

    /** The label if there is one, else {@code #id}. */
    public String name() {
        return label != null ? label : "#" + id;
    }
}
