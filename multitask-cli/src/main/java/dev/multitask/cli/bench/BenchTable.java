package dev.multitask.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The text table of {@code multitask bench}: one row per strategy, then notes on cut runs and on auto's choice. */
final class BenchTable {

    private BenchTable() {}

    static void print(PrintWriter out, List<Measurement> runs) {
        int strategyWidth = Math.max(
                8, runs.stream().mapToInt(r -> r.strategy().length()).max().orElse(0));
        String format = "  %-" + strategyWidth + "s  %7s  %9s  %8s  %10s  %9s  %9s  %8s%n";
        out.printf(
                Locale.ROOT,
                format,
                "strategy",
                "workers",
                "wall",
                "speed-up",
                "efficiency",
                "CPU",
                "peak mem",
                "failures");
        boolean anyCut = false;
        for (Measurement run : runs) {
            anyCut |= run.extrapolated();
            out.printf(
                    Locale.ROOT,
                    format,
                    run.strategy(),
                    String.format(Locale.ROOT, "%,d", run.workers()),
                    (run.lowerBound() ? ">" : run.extrapolated() ? "~" : "")
                            + Recommendation.seconds(run.wallSeconds()),
                    run.speedup() > 0
                            ? (run.lowerBound() ? "<" : "") + String.format(Locale.ROOT, "%.1fx", run.speedup())
                            : "-",
                    run.speedup() > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * run.efficiency()) : "-",
                    String.format(Locale.ROOT, "%.2f cores", run.cpuCores()),
                    String.format(Locale.ROOT, "%.0f MiB", run.peakMemoryMb()),
                    String.format(Locale.ROOT, "%,d", run.failures()));
        }
        if (anyCut) {
            out.println("  ~ cut at --run-limit; wall time extrapolated from the tasks that ended by then."
                    + " > cut before it showed a pace (its first result came late): it would have taken longer.");
        }
        out.println("  CPU: processors kept busy on average (this JVM and its child processes); peak mem: heap in use"
                + " plus child processes' resident memory.");
        for (Measurement run : runs) {
            if (run.decision() != null) {
                out.println("  " + run.strategy() + " ended at a limit of " + run.limit() + ": " + run.decision());
            }
        }
        out.flush();
    }
}
