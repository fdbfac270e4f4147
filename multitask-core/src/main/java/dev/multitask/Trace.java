package dev.multitask;

import dev.multitask.internal.TextTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the tasks a traced {@link Pool} has run: one {@link TaskRecord} per ended task, in order of id, and
 * a {@link TraceSummary}. Taken by {@link Pool#trace()}; immutable.
 */
public final class Trace {

    private final String pool;
    private final Strategy strategy;
    private final Instant origin;
    private final List<TaskRecord> tasks;
    private final TraceSummary summary;
    private final List<Decision> decisions;

    /**
     * @param pool the pool's name
     * @param strategy the pool's strategy
     * @param origin the wall-clock instant that record times count from
     * @param tasks the records, in any order
     * @param summary the totals, which may count more tasks than {@code tasks} holds
     */
    public Trace(String pool, Strategy strategy, Instant origin, List<TaskRecord> tasks, TraceSummary summary) {
        this(pool, strategy, origin, tasks, summary, List.of());
    }

    /**
     * A trace with the decisions the pool made while running, such as an {@link Pool#auto()} pool's limit changes.
     *
     * @param decisions in time order
     */
    public Trace(
            String pool,
            Strategy strategy,
            Instant origin,
            List<TaskRecord> tasks,
            TraceSummary summary,
            List<Decision> decisions) {
        this.decisions = List.copyOf(decisions);
        this.pool = Objects.requireNonNull(pool, "pool");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.tasks =
                tasks.stream().sorted(Comparator.comparingLong(TaskRecord::id)).toList();
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** A trace of exactly these records, with the summary computed from them. */
    public static Trace of(String pool, Strategy strategy, Instant origin, List<TaskRecord> tasks) {
        long failed = 0;
        long cancelled = 0;
        long busy = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TaskRecord task : tasks) {
            switch (task.outcome()) {
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case SUCCEEDED -> {}
            }
            busy += task.runTime().toNanos();
            first = Math.min(first, task.submittedNanos());
            last = Math.max(last, task.finishedNanos());
        }
        long wall = tasks.isEmpty() ? 0 : last - first;
        int workers = (int) tasks.stream()
                .map(TaskRecord::worker)
                .filter(Objects::nonNull)
                .distinct()
                .count();
        return new Trace(
                pool, strategy, origin, tasks, summarize(tasks.size(), failed, cancelled, wall, busy, workers));
    }

    /** Builds a summary, deriving speed-up and utilisation from the sums. */
    public static TraceSummary summarize(
            long tasks, long failed, long cancelled, long wallNanos, long busyNanos, int workers) {
        double speedup = wallNanos > 0 ? (double) busyNanos / wallNanos : 0;
        double utilisation = workers > 0 ? speedup / workers : 0;
        return new TraceSummary(
                tasks,
                failed,
                cancelled,
                Duration.ofNanos(wallNanos),
                Duration.ofNanos(busyNanos),
                workers,
                speedup,
                utilisation);
    }

    public String pool() {
        return pool;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** The wall-clock instant that the records' nanosecond times count from. */
    public Instant origin() {
        return origin;
    }

    /** The records, in order of task id; fewer than {@code summary().tasks()} if some were dropped. */
    public List<TaskRecord> tasks() {
        return tasks;
    }

    public TraceSummary summary() {
        return summary;
    }

    /**
     * The choices the pool made while running, in time order: an {@link Pool#auto()} pool's changes of its
     * concurrency limit with their reasons; empty for pools that decide nothing.
     */
    public List<Decision> decisions() {
        return decisions;
    }

    /** This trace with {@code decisions} instead of its own. */
    public Trace withDecisions(List<Decision> decisions) {
        return new Trace(pool, strategy, origin, tasks, summary, decisions);
    }

    /**
     * The trace drawn as text: one row per worker, time across, a block per task labelled with its name where it
     * fits. With one worker the blocks stand end to end; with several, rows overlap in time. Workers beyond the rows
     * that fit (for example thousands of virtual threads) are packed into shared rows.
     *
     * @param columns the width of the whole drawing, at least 40
     */
    public String timeline(int columns) {
        return TextTimeline.render(this, columns);
    }

    @Override
    public String toString() {
        return "Trace[" + pool + " " + strategy + ": " + summary + "]";
    }
}
