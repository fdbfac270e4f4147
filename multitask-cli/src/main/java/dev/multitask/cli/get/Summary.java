package dev.multitask.cli.get;

import dev.multitask.cli.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The table printed when a run ends: a row per file for short runs, a row per failed file always, then the totals
 * and the list of failures with their reasons.
 */
final class Summary {

    /** Runs with at most this many files list every file; longer ones list only the failures. */
    static final int ALL_ROWS_UP_TO = 20;

    private Summary() {}

    static void print(PrintWriter out, List<DownloadResult> results, double seconds, Path base) {
        long ok = results.stream()
                .filter(r -> r.status() == DownloadResult.Status.OK)
                .count();
        long skipped = results.stream()
                .filter(r -> r.status() == DownloadResult.Status.SKIPPED)
                .count();
        List<DownloadResult> failed =
                results.stream().filter(DownloadResult::failed).toList();
        long bytes = results.stream()
                .filter(r -> r.status() == DownloadResult.Status.OK)
                .mapToLong(DownloadResult::bytes)
                .sum();
        List<DownloadResult> rows = results.size() <= ALL_ROWS_UP_TO ? results : failed;
        if (!rows.isEmpty()) {
            out.printf(Locale.ROOT, "%-8s %10s %8s %5s  %s%n", "STATUS", "SIZE", "SECONDS", "TRIES", "FILE");
            for (DownloadResult r : rows) {
                out.printf(
                        Locale.ROOT,
                        "%-8s %10s %8.2f %5d  %s%n",
                        r.status().label(),
                        r.failed() ? "-" : Units.bytes(r.bytes()),
                        r.seconds(),
                        r.attempts(),
                        r.path() != null ? display(r.path(), base) : r.url());
            }
        }
        out.printf(
                Locale.ROOT,
                "%d file%s: %d ok, %d skipped, %d failed; %s in %.2f s (%s)%n",
                results.size(),
                results.size() == 1 ? "" : "s",
                ok,
                skipped,
                failed.size(),
                Units.bytes(bytes),
                seconds,
                Units.rate(bytes / Math.max(seconds, 1e-3)));
        if (!failed.isEmpty()) {
            out.println("Failed:");
            for (DownloadResult r : failed) {
                out.println("  " + r.url() + ": " + r.error());
            }
        }
        out.flush();
    }

    private static String display(Path path, Path base) {
        return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }
}
