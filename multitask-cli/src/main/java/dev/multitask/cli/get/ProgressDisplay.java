package dev.multitask.cli.get;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Shows a run's {@link Progress} on stderr while it runs. On a terminal: a block of lines redrawn in place a few
 * times a second (files done of total, bytes, rate, ETA, and a line per active download, the largest first). When
 * not a terminal (a log, a pipe, CI): one plain line every few seconds, which reads well in a file.
 */
final class ProgressDisplay implements AutoCloseable {

    private static final int MAX_ACTIVE_LINES = 8;

    private final Progress progress;
    private final PrintWriter out;
    private final boolean terminal;
    private final long periodMillis;
    private final Thread thread;
    private int linesDrawn;
    private long lastBytes;
    private long lastNanos;
    private double rate = -1;

    /**
     * Starts showing progress.
     *
     * @param terminal whether {@code out} is a terminal that understands cursor movement
     * @param periodMillis how often to draw
     */
    ProgressDisplay(Progress progress, PrintWriter out, boolean terminal, long periodMillis) {
        this.progress = progress;
        this.out = out;
        this.terminal = terminal;
        this.periodMillis = periodMillis;
        this.lastNanos = progress.elapsedNanos();
        this.thread =
                Thread.ofPlatform().daemon().name("multitask-get-progress").start(this::loop);
    }

    private void loop() {
        try {
            while (true) {
                Thread.sleep(periodMillis);
                draw();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void draw() {
        long now = progress.elapsedNanos();
        long bytes = progress.bytes();
        double instant = (bytes - lastBytes) / Math.max(1e-9, (now - lastNanos) / 1e9);
        rate = rate < 0 ? instant : 0.7 * rate + 0.3 * instant; // smoothed, so the ETA does not jump about
        lastBytes = bytes;
        lastNanos = now;
        String status = statusLine(now);
        if (!terminal) {
            out.println("get: " + status);
            out.flush();
            return;
        }
        List<Progress.Active> active = progress.active();
        active.sort(Comparator.comparingLong(Progress.Active::bytes).reversed());
        StringBuilder block = new StringBuilder();
        if (linesDrawn > 0) {
            block.append("\033[").append(linesDrawn).append('F'); // back to the first line drawn
        }
        int lines = 0;
        block.append("\033[2K").append(status).append('\n');
        lines++;
        for (int i = 0; i < Math.min(MAX_ACTIVE_LINES, active.size()); i++) {
            block.append("\033[2K  ").append(activeLine(active.get(i))).append('\n');
            lines++;
        }
        if (active.size() > MAX_ACTIVE_LINES) {
            block.append("\033[2K  ... and ")
                    .append(active.size() - MAX_ACTIVE_LINES)
                    .append(" more\n");
            lines++;
        }
        for (int i = lines; i < linesDrawn; i++) {
            block.append("\033[2K\n"); // blank what the last frame drew below
        }
        if (linesDrawn > lines) {
            block.append("\033[").append(linesDrawn - lines).append('F');
        }
        linesDrawn = lines;
        out.print(block);
        out.flush();
    }

    private String statusLine(long nowNanos) {
        int total = progress.totalFiles();
        int done = progress.finishedFiles();
        double seconds = nowNanos / 1e9;
        StringBuilder s = new StringBuilder()
                .append(done)
                .append('/')
                .append(total)
                .append(" files, ")
                .append(Units.bytes(progress.bytes()))
                .append(", ")
                .append(Units.rate(Math.max(0, rate)))
                .append(", ETA ")
                .append(Units.clock(eta(done, total, seconds)));
        if (progress.failedFiles() > 0) {
            s.append(", ").append(progress.failedFiles()).append(" failed");
        }
        return s.toString();
    }

    /** Seconds left, from the share of the work done: whole files plus the known fraction of active ones. */
    private long eta(int done, int total, double seconds) {
        double share = done;
        for (Progress.Active a : progress.active()) {
            if (a.size() > 0) {
                share += Math.min(1.0, (double) a.bytes() / a.size());
            }
        }
        if (share <= 0 || seconds <= 0) {
            return -1;
        }
        return Math.round(seconds * (total - share) / share);
    }

    private static String activeLine(Progress.Active a) {
        String name = a.name().length() > 40 ? a.name().substring(0, 37) + "..." : a.name();
        if (a.size() > 0) {
            return String.format(
                    Locale.ROOT, "%-40s %10s of %-10s %3d%%", name, Units.bytes(a.bytes()), Units.bytes(a.size()), (int)
                            (100 * a.bytes() / a.size()));
        }
        return String.format(Locale.ROOT, "%-40s %10s", name, Units.bytes(a.bytes()));
    }

    /** Stops drawing and, on a terminal, erases the live block so that the summary follows cleanly. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (terminal && linesDrawn > 0) {
                out.print("\033[" + linesDrawn + "F\033[J");
                out.flush();
                linesDrawn = 0;
            }
        }
    }
}
