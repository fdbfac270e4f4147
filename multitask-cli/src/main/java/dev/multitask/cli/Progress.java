package dev.multitask.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The one progress display for long work, shared by every command: on a terminal a bar with the count, rate and time
 * left, redrawn in place five times a second; otherwise (a pipe, a log file, CI) a plain line every five seconds;
 * nothing at all when quiet. Workers call {@link #step()} from any thread, which costs one {@link LongAdder}
 * increment; drawing happens on a daemon thread of its own, so a slow terminal never slows the work.
 *
 * <pre>{@code
 * try (Progress progress = Progress.start("download", urls.size(), Progress.Style.detect(quiet), err)) {
 *     pool.map(url -> { fetch(url); progress.step(); return url; }, urls)...
 * }
 * }</pre>
 *
 * <p>Why not a library: me.tongfei:progressbar 0.10.1 (checked) brings JLine 3.24 and SLF4J 2, whose missing provider
 * prints a warning on every run of a shaded CLI, and has no plain periodic-line mode for logs; the display needs about
 * a hundred lines.
 */
public final class Progress implements AutoCloseable {

    /** How progress is shown. */
    public enum Style {
        /** A bar redrawn in place, for a terminal. */
        BAR,
        /** A line every few seconds, for logs and pipes. */
        LINES,
        /** Nothing. */
        QUIET;

        /** QUIET if asked, else BAR on an interactive terminal, else LINES. */
        public static Style detect(boolean quiet) {
            return quiet ? QUIET : onTerminal() ? BAR : LINES;
        }

        private static boolean onTerminal() {
            Console console = System.console();
            if (console == null || "dumb".equals(System.getenv("TERM"))) {
                return false;
            }
            try { // JDK 22 and later return a console even when redirected, and say whether it is a terminal
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true; // JDK 21 returns a console only for a terminal
            }
        }
    }

    static final Duration BAR_PERIOD = Duration.ofMillis(200);
    static final Duration LINE_PERIOD = Duration.ofSeconds(5);
    private static final int BAR_WIDTH = 30;

    private final String what;
    private final long total;
    private final Style style;
    private final PrintWriter out;
    private final LongSupplier clock;
    private final long startNanos;
    private final LongAdder done = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread drawer;

    private Progress(String what, long total, Style style, PrintWriter out, Duration period, LongSupplier clock) {
        this.what = what;
        this.total = total;
        this.style = style;
        this.out = out;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.drawer = style == Style.QUIET
                ? null
                : Thread.ofPlatform()
                        .daemon()
                        .name("multitask-progress")
                        .unstarted(() -> drawUntilClosed(period.toNanos()));
    }

    /**
     * Starts showing progress of {@code total} items of work named {@code what}; a total of 0 or less means unknown,
     * and shows the count and rate without a bar or time left.
     */
    public static Progress start(String what, long total, Style style, PrintWriter out) {
        return start(what, total, style, out, style == Style.BAR ? BAR_PERIOD : LINE_PERIOD, System::nanoTime);
    }

    static Progress start(String what, long total, Style style, PrintWriter out, Duration period, LongSupplier clock) {
        Progress progress = new Progress(what, total, style, out, period, clock);
        if (progress.drawer != null) {
            progress.drawer.start();
        }
        return progress;
    }

    /** One more item done; safe from any thread. */
    public void step() {
        done.increment();
    }

    /** {@code items} more done; safe from any thread. */
    public void advance(long items) {
        done.add(items);
    }

    /** Items done so far. */
    public long done() {
        return done.sum();
    }

    /** Stops the display and shows the final count, ending the bar's line. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || drawer == null) {
            return;
        }
        LockSupport.unpark(drawer);
        boolean interrupted = false;
        while (drawer.isAlive()) {
            try {
                drawer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drawUntilClosed(long periodNanos) {
        long next = System.nanoTime() + periodNanos;
        while (!closed.get()) {
            for (long wait = next - System.nanoTime(); wait > 0 && !closed.get(); wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            next += periodNanos;
            if (!closed.get()) {
                draw(false);
            }
        }
        draw(true);
    }

    private void draw(boolean last) {
        String text = render(clock.getAsLong(), last);
        if (style == Style.BAR) {
            out.print("\r" + text + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** The display at {@code now}: the bar's text, or the plain line. */
    String render(long now, boolean last) {
        long count = done.sum();
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds >= 0.001 ? count / seconds : Double.NaN; // no rate from a blink
        StringBuilder line = new StringBuilder(what);
        if (style == Style.BAR) {
            line.append("  ");
            if (total > 0) {
                int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * count / total);
                line.append('[')
                        .append("=".repeat(filled))
                        .append(filled < BAR_WIDTH ? ">" : "")
                        .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1)))
                        .append("] ");
            }
        } else {
            line.append(": ");
        }
        line.append(count);
        if (total > 0) {
            line.append('/').append(total).append(String.format(Locale.ROOT, " (%d%%)", 100 * count / total));
        }
        if (!Double.isNaN(rate)) {
            line.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        }
        if (last) {
            line.append(", done in ").append(clock(Math.round(seconds)));
        } else if (total > 0 && count > 0 && count < total && !Double.isNaN(rate)) {
            line.append(", ETA ").append(clock(Math.round((total - count) / rate)));
        }
        return line.toString();
    }

    private static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
