package dev.multitask.cli;

import dev.multitask.Trace;
import dev.multitask.report.ChromeTrace;
import dev.multitask.report.CpuSampler;
import dev.multitask.report.CpuSamples;
import dev.multitask.report.HtmlReport;
import dev.multitask.report.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --report FILE.html} and {@code --trace FILE.json} options, mixed into every command that runs work, and
 * what they do after the run: write the HTML report (timeline per worker, running and queued tasks, CPU per core,
 * summary, and a comparison when there are several runs) and the Chrome Trace Event file.
 *
 * <p>A command wires them in with four lines:
 *
 * <pre>{@code
 * @Mixin ReportOptions report;                                        // the two options
 * report.start();                                                     // before the work: checks the paths, samples CPU
 * Pool pool = Pool.builder(strategy).tracing(report.tracing()).build(); // trace only when a file is wanted
 * report.write("multitask demo", List.of(pool.trace()));             // after the work; or writeRuns(title, runs)
 * }</pre>
 *
 * <p>Several traces make several runs in one report, compared side by side: pass every strategy's trace of the same
 * work, named with {@link Run} if the strategies' names are not what the reader should see. Call {@code write} in a
 * {@code finally} block to get a report of a run that failed, too. An output path in a directory that does not exist
 * is a usage error (exit 2), found by {@code start()} before any work runs; a failed write is a failure (exit 1), and
 * leaves no partial file.
 */
public final class ReportOptions {

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Write an HTML report of the run: a timeline per worker, running and queued tasks, CPU use"
                    + " per core and a summary; it opens in a browser with no network.")
    Path report;

    @Option(
            names = "--trace",
            paramLabel = "FILE.json",
            description = "Write the run in Chrome Trace Event format, to open in ui.perfetto.dev or"
                    + " chrome://tracing: one track per worker, task ids and inputs in the args.")
    Path trace;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private CpuSampler sampler;

    /** Whether the command should build its pools with tracing on: when a report or a trace file is wanted. */
    public boolean tracing() {
        return report != null || trace != null;
    }

    /**
     * Call before the work. Checks that the output files can be written where asked, and starts sampling CPU use for
     * the report.
     *
     * @throws UsageException if an output's directory does not exist or is a file
     */
    public void start() {
        checkWritable(report, "--report");
        checkWritable(trace, "--trace");
        if (report != null && sampler == null) {
            sampler = CpuSampler.start();
        }
    }

    /** Writes the files asked for, with runs named after the traces' strategies; nothing if none was asked for. */
    public void write(String title, List<Trace> traces) {
        writeRuns(title, Run.of(traces));
    }

    /** Writes the files asked for; stops CPU sampling. Says on stderr where each file went. */
    public void writeRuns(String title, List<Run> runs) {
        CpuSamples cpu = sampler != null ? sampler.stop() : CpuSamples.none();
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        try {
            if (report != null) {
                HtmlReport.write(report, title, runs, cpu);
                err.println("multitask: report written to " + report);
            }
            if (trace != null) {
                ChromeTrace.write(trace, runs, cpu);
                err.println("multitask: trace written to " + trace + " (open it in ui.perfetto.dev)");
            }
        } catch (IOException e) {
            throw new ReportWriteException(e);
        } finally {
            err.flush();
        }
    }

    private static void checkWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + file + ": the directory " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + ": is a directory, not a file");
        }
    }

    /** A report or trace that could not be written: a run-time failure, exit code 1, in one line. */
    static final class ReportWriteException extends RuntimeException {
        ReportWriteException(IOException cause) {
            super("cannot write the report: " + cause, cause);
        }
    }
}
