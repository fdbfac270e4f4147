package dev.multitask.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.Trace;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Where lessons write. In text mode: headings, the lesson's own lines, timelines, tables and explanations. In JSON
 * mode ({@code --json}) only one JSON object per measured run, so that standard output stays machine-readable.
 *
 * <p>Safe for use from several threads: the lesson's work prints from the threads it runs on.
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;
    private final int width;

    Report(PrintWriter out, boolean json, int width) {
        this.out = out;
        this.json = json;
        this.width = width;
    }

    /** A report that prints nothing, for work done before the timed runs only to load and compile code. */
    static Report silent() {
        return new Report(new PrintWriter(Writer.nullWriter()), true, 80);
    }

    boolean json() {
        return json;
    }

    /** The width that timelines are drawn to. */
    int width() {
        return width;
    }

    synchronized void heading(String title) {
        if (!json) {
            out.println();
            out.println("== " + title + " " + "=".repeat(Math.max(2, Math.min(width, 100) - title.length() - 4)));
            out.flush();
        }
    }

    /** A paragraph, wrapped to the width. */
    synchronized void say(String text) {
        if (!json) {
            out.println(wrap(text, Math.min(width, 100)));
            out.flush();
        }
    }

    /** One line as the lesson's code prints it, such as {@code Calculating Square : 5 ^ 2 = 25}. */
    synchronized void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    synchronized void blank() {
        if (!json) {
            out.println();
        }
    }

    synchronized void timeline(String caption, Trace trace) {
        if (!json) {
            out.println(
                    caption + " (" + trace.strategy() + ", " + trace.summary().tasks() + " tasks):");
            out.print(trace.timeline(width));
            out.flush();
        }
    }

    /** The measured runs as a table: what ran, how, wall time and speed-up. */
    synchronized void times(List<RunResult> runs, String note) {
        if (json) {
            return;
        }
        int runWidth =
                Math.max(3, runs.stream().mapToInt(r -> r.run().length()).max().orElse(0));
        int strategyWidth = Math.max(
                8, runs.stream().mapToInt(r -> r.strategy().length()).max().orElse(0));
        String format = "  %-" + runWidth + "s  %-" + strategyWidth + "s  %7s  %8s%n";
        int repeats = runs.isEmpty() ? 1 : runs.getFirst().repeats();
        out.println(repeats > 1 ? "Measured, fastest of " + repeats + ":" : "Measured:");
        out.printf(Locale.ROOT, format, "run", "strategy", "wall", "speed-up");
        for (RunResult run : runs) {
            out.printf(
                    Locale.ROOT,
                    format,
                    run.run(),
                    run.strategy(),
                    String.format(Locale.ROOT, "%.2f s", run.wallSeconds()),
                    String.format(Locale.ROOT, "%.2fx", run.speedup()));
        }
        if (note != null) {
            out.println("  " + note);
        }
        out.flush();
    }

    /** Prints the run as one JSON object per line in JSON mode; text mode shows it later, in {@link #times}. */
    synchronized void result(RunResult run) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(run));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        }
    }

    static String wrap(String text, int width) {
        StringBuilder wrapped = new StringBuilder();
        int column = 0;
        for (String word : text.split(" +")) {
            if (column > 0 && column + 1 + word.length() > width) {
                wrapped.append('\n');
                column = 0;
            } else if (column > 0) {
                wrapped.append(' ');
                column++;
            }
            wrapped.append(word);
            column += word.length();
        }
        return wrapped.toString();
    }
}
