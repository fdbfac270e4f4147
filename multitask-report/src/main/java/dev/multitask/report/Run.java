package dev.multitask.report;

import dev.multitask.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of some work, as a report shows it: a name (what the strategy comparison calls it) and the pool's trace.
 *
 * @param name the run's name, e.g. {@code threads:2} or {@code 2 threads}
 * @param trace the trace of the pool that ran it
 */
public record Run(String name, Trace trace) {

    public Run {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * Runs named after their traces' strategies, e.g. {@code threads:2}; a strategy that repeats is told apart by its
     * pool's name.
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
}
