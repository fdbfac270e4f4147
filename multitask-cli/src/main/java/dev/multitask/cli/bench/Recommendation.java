package dev.multitask.cli.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What {@code multitask bench} recommends, and why, in one line: a pure function of the measured runs, so that the
 * same measurements always give the same advice.
 *
 * <p>The fastest run without failures wins; runs within {@value #TIE} of it count as ties, and of those the one with
 * the fewest workers wins, since it costs the least; for tasks that compute, platform threads then win over virtual
 * ones, which are for tasks that wait: a virtual thread that computes holds its carrier, and every other virtual
 * thread of the JVM waits for a carrier meanwhile. What the tasks spend their time on is read from the run with the
 * fewest workers (the sequential one, where there is one): its CPU time over the sum of its tasks' run times, since
 * with more workers than processors tasks also wait for a processor, which is not what they themselves do.
 *
 * @param strategy the recommended strategy in text form, or {@code null} if every run failed
 * @param line the advice with its reason, such as {@code tasks spend 96% of their time waiting: use virtual threads;
 *     2,000 in flight was best}
 */
record Recommendation(String strategy, String line) {

    /** Runs this much slower than the fastest are as good as it. */
    static final double TIE = 0.03;

    /** Above this share of its run time spent waiting for a processor, the probe run says the machine was busy. */
    static final double BUSY_MACHINE = 0.25;

    static Recommendation of(List<Measurement> runs, int processors) {
        if (runs.isEmpty()) {
            return new Recommendation(null, "nothing was measured");
        }
        List<Measurement> clean = runs.stream()
                .filter(r -> r.failures() == 0)
                .filter(r -> !r.lowerBound()) // cut too early to know its wall time
                .toList();
        if (clean.isEmpty()) {
            return new Recommendation(
                    null, "every run had failing tasks: fix those first (run with --json to see the counts)");
        }
        Measurement probe =
                runs.stream().min(Comparator.comparingInt(Measurement::workers)).orElseThrow();
        double cpuShare = probe.cpuShareOfBusy();
        boolean waits = cpuShare < 0.5;
        double fastest =
                clean.stream().mapToDouble(Measurement::wallSeconds).min().orElseThrow();
        Measurement best = clean.stream()
                .filter(r -> r.wallSeconds() <= fastest * (1 + TIE))
                .min(Comparator.comparingInt(Measurement::workers)
                        .thenComparing(r -> !waits && !r.strategy().startsWith("threads")) // false first
                        .thenComparingDouble(Measurement::wallSeconds))
                .orElseThrow();
        String what = waits
                ? String.format(Locale.ROOT, "tasks spend %.0f%% of their time waiting", 100 * (1 - cpuShare))
                : String.format(Locale.ROOT, "tasks spend %.0f%% of their time computing", 100 * cpuShare);
        StringBuilder line = new StringBuilder(what).append(": ").append(advice(best, processors));
        if (best.speedup() > 0) {
            line.append(
                    String.format(Locale.ROOT, " (%s, %.1fx sequential)", seconds(best.wallSeconds()), best.speedup()));
        }
        clean.stream()
                .filter(r -> r.strategy().equals("auto") && r != best)
                .findFirst()
                .ifPresent(auto -> line.append(autoNote(auto, best)));
        double starved = probe.busySeconds() > 0 ? probe.runQueueSeconds() / probe.busySeconds() : 0;
        if (starved > BUSY_MACHINE) {
            line.append(String.format(
                    Locale.ROOT,
                    ". Beware: the %s run's tasks waited %.0f%% of their time for a processor held by other programs;"
                            + " on a busy machine more threads win a bigger share of it, so measure again when it is"
                            + " quiet",
                    probe.strategy(),
                    100 * starved));
        }
        return new Recommendation(best.strategy(), line.toString());
    }

    private static String advice(Measurement best, int processors) {
        String strategy = best.strategy();
        String kind = strategy.contains(":") ? strategy.substring(0, strategy.indexOf(':')) : strategy;
        return switch (kind) {
            case "sequential" -> "run them one at a time (sequential); no concurrency paid off";
            case "threads" ->
                best.workers() <= processors
                        ? String.format(
                                Locale.ROOT,
                                "use %s, one thread per processor; more only take turns on the %d processors",
                                strategy,
                                processors)
                        : String.format(Locale.ROOT, "use %s; %,d threads at once was best", strategy, best.workers());
            case "virtual" ->
                String.format(
                        Locale.ROOT, "use virtual threads (%s); %,d in flight was best", strategy, best.workers());
            case "processes" ->
                String.format(
                        Locale.ROOT,
                        "use %s, %d worker processes; they cost a JVM each but isolate the tasks",
                        strategy,
                        best.workers());
            case "auto" ->
                String.format(
                        Locale.ROOT,
                        "use auto, which needs no settings; it ran up to %,d at once%s",
                        best.workers(),
                        best.limit() != null ? " and ended at a limit of " + best.limit() : "");
            default -> "use " + strategy;
        };
    }

    private static String autoNote(Measurement auto, Measurement best) {
        double slower = auto.wallSeconds() / best.wallSeconds() - 1;
        if (slower <= 0.10) {
            return String.format(Locale.ROOT, "; auto came within %.0f%% of it with no settings", 100 * slower);
        }
        return String.format(Locale.ROOT, "; auto took %.0f%% longer", 100 * slower);
    }

    static String seconds(double seconds) {
        return seconds >= 10
                ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
