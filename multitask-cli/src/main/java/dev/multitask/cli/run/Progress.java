package dev.multitask.cli.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code --bar} and {@code --eta}: one line on standard error, redrawn at most ten times a second and once at the end.
 * The total is known when the input was read first (these options read it all before starting); else -1.
 */
final class Progress {

    private final PrintStream err;
    private final boolean bar;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    Progress(PrintStream err, boolean bar, long total) {
        this.err = err;
        this.bar = bar;
        this.total = total;
    }

    synchronized void update(long done, int running, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder line = new StringBuilder("\r");
        if (total > 0) {
            int pct = (int) (done * 100 / total);
            double eta = done == 0 ? 0 : elapsed / done * (total - done);
            if (bar) {
                int width = 30;
                int filled = (int) (done * width / total);
                line.append(String.format(Locale.ROOT, "%3d%% %d:%d=%.0fs ", pct, done, total - done, eta));
                line.append('|')
                        .append("#".repeat(filled))
                        .append(" ".repeat(width - filled))
                        .append('|');
            } else {
                line.append(String.format(
                        Locale.ROOT,
                        "ETA: %.0fs Left: %d AVG: %.3fs done: %d running: %d",
                        eta,
                        total - done,
                        done == 0 ? 0 : elapsed / done,
                        done,
                        running));
            }
        } else {
            line.append(String.format(Locale.ROOT, "done: %d running: %d elapsed: %.1fs", done, running, elapsed));
        }
        err.print(line);
        err.flush();
    }

    synchronized void finish(long done) {
        update(done, 0, true);
        err.println();
        err.flush();
    }
}
