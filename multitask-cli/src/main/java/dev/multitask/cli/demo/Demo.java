package dev.multitask.cli.demo;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.Trace;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What every lesson gets from the command line: where to write, the time scale, and the choices that only some
 * lessons take (another strategy for the pool, URLs to download).
 *
 * @param report where to write
 * @param scale multiplies every pause and transfer time
 * @param strategy the strategy for the concurrent runs of {@code pool} and {@code download}, or {@code null} for the
 *     lesson's own
 * @param urls what {@code download} fetches instead of its embedded server's images; empty for those
 * @param repeats how many times each measured run runs; the fastest counts
 */
record Demo(Report report, double scale, Strategy strategy, List<URI> urls, int repeats) {

    /** A pool task body that may throw. */
    @FunctionalInterface
    interface PoolWork {
        void run(Pool pool) throws Exception;
    }

    /** A run's wall time and its pool's trace. */
    record Measured(double wallSeconds, Trace trace) {}

    /** One measured run, writing its lesson lines to the report it is given. */
    @FunctionalInterface
    interface Run {
        Measured measure(Report report) throws Exception;
    }

    /**
     * Measures each run {@link #repeats} times, taking turns (the first run, the second, ..., then the first again),
     * and returns the fastest measurement of each, in order. Other programs on the machine can only slow a run down,
     * so the fastest is the closest to what the run itself costs; taking turns gives every run its chance at the
     * machine's quieter moments. Only the first turn writes its lines to the report.
     */
    List<Measured> fastest(Run... runs) throws Exception {
        Measured[] best = new Measured[runs.length];
        for (int turn = 0; turn < repeats; turn++) {
            Report to = turn == 0 ? report : Report.silent();
            for (int i = 0; i < runs.length; i++) {
                Measured measured = runs[i].measure(to);
                if (best[i] == null || measured.wallSeconds() < best[i].wallSeconds()) {
                    best[i] = measured;
                }
            }
        }
        return List.of(best);
    }

    /** {@code time} times the scale. */
    Duration scaled(Duration time) {
        return Duration.ofNanos(Math.round(time.toNanos() * scale));
    }

    /**
     * Runs {@code work} on a new traced pool and closes it; the wall time counts from before the pool is made to after
     * it is closed, as the lesson's hand-made threads count from before {@code start} to after {@code join}.
     */
    static Measured onPool(Strategy strategy, PoolWork work) throws Exception {
        long start = System.nanoTime();
        Pool pool = Pool.builder(strategy).tracing(true).build();
        try (pool) {
            work.run(pool);
        }
        return new Measured((System.nanoTime() - start) / 1e9, pool.trace());
    }

    /** The run as a result, with its speed-up against {@code baselineSeconds}. */
    RunResult result(String lesson, String run, Measured measured, double baselineSeconds, String work) {
        return new RunResult(
                lesson,
                run,
                measured.trace().strategy().toString(),
                measured.trace().summary().workers(),
                measured.trace().summary().tasks(),
                round(measured.wallSeconds()),
                round(baselineSeconds / measured.wallSeconds()),
                repeats,
                work);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
