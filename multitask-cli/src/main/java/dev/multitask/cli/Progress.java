package dev.multitask.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The one progress display for long work, shared by every command: on a terminal a bar with the count, rate and time
 * left, redrawn in place five times a second; otherwise (a pipe, a log file, CI) a plain line every five seconds;
 * nothing at all when quiet. Workers call {@link #step()} from any thread, which costs one {@link LongAdder}
 * increment; drawing happens on a daemon thread of its own, so a slow terminal never slows the work.
 *
 * <p>Work measured in bytes as well as items (downloads) starts with {@link #startCountingBytes}: the display then
 * shows bytes and bytes per second instead of items per second, and {@link #begin} registers an item in progress,
 * whose own bytes and size refine the time left and which a terminal shows as a line under the bar, the largest
 * first. {@link #failed()} adds a failure count to the display.
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
    private static final int MAX_ITEM_LINES = 8;
    private static final int ITEM_NAME_WIDTH = 40;

    private final String what;
    private final long total;
    private final Style style;
    private final PrintWriter out;
    private final LongSupplier clock;
    private final long startNanos;
    private final boolean countsBytes;
    private final LongAdder done = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread drawer;
    private int itemLinesDrawn; // only the drawer thread draws

    private Progress(
            String what,
            long total,
            boolean countsBytes,
            Style style,
            PrintWriter out,
            Duration period,
            LongSupplier clock) {
        this.what = what;
        this.total = total;
        this.countsBytes = countsBytes;
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
        return start(what, total, false, style, out, period, clock);
    }

    /**
     * Like {@link #start(String, long, Style, PrintWriter)}, for work that also moves bytes: the display shows the
     * bytes so far and their rate, and a terminal shows a line per item {@linkplain #begin begun} and not yet ended.
     */
    public static Progress startCountingBytes(String what, long total, Style style, PrintWriter out) {
        return start(what, total, true, style, out, style == Style.BAR ? BAR_PERIOD : LINE_PERIOD, System::nanoTime);
    }

    static Progress start(
            String what,
            long total,
            boolean countsBytes,
            Style style,
            PrintWriter out,
            Duration period,
            LongSupplier clock) {
        Progress progress = new Progress(what, total, countsBytes, style, out, period, clock);
        if (progress.drawer != null) {
            progress.drawer.start();
        }
        return progress;
    }

    /**
     * Registers an item that is in progress now, shown under the bar until {@linkplain Item#close() closed}. Closing
     * it does not count it as done: call {@link #step()} for that.
     */
    public Item begin(String name) {
        Item item = new Item(name, this);
        items.add(item);
        return item;
    }

    /** One more item failed; it still counts as done when {@link #step()} is called for it. Safe from any thread. */
    public void failed() {
        failures.increment();
    }

    /** {@code n} more bytes moved; {@link Item#add} calls this. Safe from any thread. */
    public void addBytes(long n) {
        bytes.add(n);
    }

    /** Bytes moved so far. */
    public long bytes() {
        return bytes.sum();
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
        if (style != Style.BAR) {
            out.println(text);
            out.flush();
            return;
        }
        StringBuilder frame = new StringBuilder();
        if (itemLinesDrawn > 0) {
            frame.append("\u001b[").append(itemLinesDrawn).append('F'); // up to the bar's line
        }
        frame.append('\r').append(text).append("\u001b[K");
        List<String> lines = last ? List.of() : itemLines();
        for (String line : lines) {
            frame.append("\n\u001b[2K  ").append(line);
        }
        if (lines.size() < itemLinesDrawn) {
            frame.append("\u001b[J"); // erase what the last frame drew below
        }
        itemLinesDrawn = lines.size();
        out.print(last ? frame.append('\n') : frame);
        out.flush();
    }

    /** A line per item in progress, the most advanced first, at most {@value #MAX_ITEM_LINES} and a count of more. */
    private List<String> itemLines() {
        List<Item> now = new ArrayList<>(items);
        now.sort(Comparator.comparingLong(Item::bytes).reversed());
        List<String> lines = new ArrayList<>();
        for (Item item : now.subList(0, Math.min(MAX_ITEM_LINES, now.size()))) {
            lines.add(item.line());
        }
        if (now.size() > MAX_ITEM_LINES) {
            lines.add("... and " + (now.size() - MAX_ITEM_LINES) + " more");
        }
        return lines;
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
        if (countsBytes) {
            long moved = bytes.sum();
            line.append(", ").append(Units.bytes(moved));
            if (!Double.isNaN(rate)) {
                line.append(", ").append(Units.rate(moved / seconds));
            }
        } else if (!Double.isNaN(rate)) {
            line.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        }
        long failed = failures.sum();
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed");
        }
        if (last) {
            line.append(", done in ").append(Units.clock(Math.round(seconds)));
        } else if (total > 0 && count < total && !Double.isNaN(rate)) {
            double share = count + shareOfItems(); // items done, plus the known part of those in progress
            if (share > 0) {
                line.append(", ETA ").append(Units.clock(Math.round(seconds * (total - share) / share)));
            }
        }
        return line.toString();
    }

    private double shareOfItems() {
        double share = 0;
        for (Item item : items) {
            long size = item.size;
            if (size > 0) {
                share += Math.min(1.0, (double) item.bytes() / size);
            }
        }
        return share;
    }

    /**
     * One item in progress, such as a download: its name, its bytes so far and its size when known. Updated by the
     * one thread that works on it, read by the display.
     */
    public static final class Item implements AutoCloseable {
        private final String name;
        private final Progress progress;
        private final AtomicLong bytes = new AtomicLong();
        private volatile long size = -1;

        private Item(String name, Progress progress) {
            this.name = name;
            this.progress = progress;
        }

        /** The item's size in bytes, or -1 when unknown. */
        public void size(long size) {
            this.size = size;
        }

        /**
         * An attempt starts at {@code offset}: bytes already there from an earlier run (which do not count as moved
         * in this one), or 0 when an item starts over.
         */
        public void startsAt(long offset) {
            bytes.set(offset);
        }

        /** {@code n} more bytes of this item moved. */
        public void add(long n) {
            bytes.addAndGet(n);
            progress.bytes.add(n);
        }

        long bytes() {
            return bytes.get();
        }

        String line() {
            String shown = name.length() > ITEM_NAME_WIDTH ? name.substring(0, ITEM_NAME_WIDTH - 3) + "..." : name;
            long size = this.size;
            long bytes = bytes();
            return size > 0
                    ? String.format(
                            Locale.ROOT,
                            "%-" + ITEM_NAME_WIDTH + "s %10s of %-10s %3d%%",
                            shown,
                            Units.bytes(bytes),
                            Units.bytes(size),
                            Math.min(100, 100 * bytes / size))
                    : String.format(Locale.ROOT, "%-" + ITEM_NAME_WIDTH + "s %10s", shown, Units.bytes(bytes));
        }

        /** No longer in progress: leaves the display. */
        @Override
        public void close() {
            progress.items.remove(this);
        }
    }
}
