package dev.multitask.report;

import dev.multitask.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of some work, as a report shows it: a name (what the strategy comparison calls it), the work it ran, and
 * the pool's trace. The report compares runs of the same work with each other: one comparison chart per work that
 * has several runs.
 *
 * @param name the run's name, e.g. {@code threads:2} or {@code 2 threads}
 * @param work what the run did, e.g. a lesson's name; runs of equal work are compared; empty if all runs did the same
 * @param trace the trace of the pool that ran it
 */
public record Run(String name, String work, Trace trace) {

    public Run {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(trace, "trace");
    }

    /** A run of the same work as every other run of the report. */
    public Run(String name, Trace trace) {
        this(name, "", trace);
    }

    /**
     * Runs of the same work, named after their traces' strategies, e.g. {@code threads:2}; a strategy that repeats is
     * told apart by its pool's name.
     */
    public static List<Run> of(List<Trace> traces) {
        Map<String, Integer> uses = new HashMap<>();
        traces.forEach(t -> uses.merge(t.strategy().toString(), 1, Integer::sum));
        List<Run> runs = new ArrayList<>();
        for (Trace trace : traces) {
            String strategy = trace.strategy().toString();
            runs.add(new Run(uses.get(strategy) > 1 ? strategy + " (" + trace.pool() + ")" : strategy, trace));
        }
        return runs;
    }

    /** The name with the work, as a heading shows it. */
    String title() {
        return work.isEmpty() ? name : work + ": " + name;
    }
}
