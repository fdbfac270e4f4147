package dev.multitask.cli.run;

import dev.multitask.cli.ReportOptions;
import dev.multitask.cli.Verbosity;
import dev.multitask.cli.VersionProvider;
import dev.multitask.cli.cluster.ClusterConnection;
import dev.multitask.cli.cluster.ClusterName;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code multitask run}: GNU parallel's command line, at xargs speed. Parses the options, splits the remaining words
 * into the command and its input sources, and hands them to the {@link JobRunner}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = RunCommand.StopAtCommand.class,
        exitCodeOnInvalidInput = 255,
        exitCodeOnExecutionException = 255,
        usageHelpWidth = 110,
        description = {
            "Run a command once per input, many at once, with GNU parallel's syntax and semantics.",
            "",
            "  multitask run gzip ::: *.log",
            "  multitask run -k --tag 'wc -l {} > {.}.count' ::: *.txt",
            "  find . -name '*.png' | multitask run -j4 --joblog jobs.tsv convert {} {.}.jpg",
            "",
            "Inputs: ::: values, :::: files (each its own source), standard input when there is no source;"
                    + " several sources combine as a cartesian product, pairwise with --link or :::+ / ::::+.",
            "Replacement strings: {} {.} {/} {//} {/.} {#} {%%} and {N} {N.} {N/} {N//} {N/.}; without any, the"
                    + " arguments are appended. Substituted arguments are shell-quoted; the command words mean what"
                    + " the shell ($PARALLEL_SHELL, else $SHELL) makes of them. A command without shell syntax is"
                    + " started directly, without a shell. Jobs see PARALLEL_SEQ and PARALLEL_JOBSLOT.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:All jobs ran and succeeded.",
            "1-100:That many jobs failed (exit value not 0, or killed by a signal).",
            "101:More than 100 jobs failed.",
            "(halt):With --halt ...,fail=1: the failing job's status; fail=N: failed jobs; fail=N%%: their percentage;"
                    + " success=N: 0.",
            "130, 143:Interrupted by Ctrl-C (SIGINT) or SIGTERM; unfinished jobs are not logged.",
            "255:Other error: bad option, unreadable input file, joblog not writable, a bad --cluster address or no"
                    + " member answering (no job ran; stderr says which)."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    Verbosity verbosity;

    @Option(
            names = {"-j", "--jobs", "-P", "--max-procs"},
            paramLabel = "N",
            description = "Jobs at once: N, +N or -N (relative to the CPUs), N%% of the CPUs, 0 for as many as"
                    + " possible. Default: the number of CPUs.")
    String jobs;

    @Option(
            names = {"-k", "--keep-order"},
            description = "Print the jobs' output in input order, not in the order they end.")
    boolean keepOrder;

    @Option(
            names = {"--line-buffer", "--lb"},
            description = "Pass output on line by line as it comes, instead of whole per job.")
    boolean lineBuffer;

    @Option(
            names = {"-u", "--ungroup"},
            description = "Pass output straight through: fastest; lines of jobs may mix.")
    boolean ungroup;

    @Option(names = "--tag", description = "Start every output line with the job's arguments and a tab.")
    boolean tag;

    @Option(names = "--json", description = "Print one JSON object per job (arguments, command, status, output).")
    boolean json;

    @Option(
            names = "--joblog",
            paramLabel = "FILE",
            description = "Log each finished job in GNU parallel's tab-separated columns.")
    Path joblog;

    @Option(names = "--resume", description = "With --joblog: skip the jobs the log shows as finished; append to it.")
    boolean resume;

    @Option(
            names = "--resume-failed",
            description = "With --joblog: skip the jobs the log shows as succeeded; run failed and missing ones.")
    boolean resumeFailed;

    @Option(names = "--retries", paramLabel = "N", description = "Run a failing job up to N times in all.")
    int retries = 1;

    @Option(
            names = "--timeout",
            paramLabel = "SECS",
            description = "Kill a job (with its descendants) that runs longer; it fails with exit value -1.")
    double timeoutSeconds;

    @Option(
            names = {"--halt", "--halt-on-error"},
            paramLabel = "WHEN,WHAT=N",
            description = "Stop early: now|soon,fail|success|done=N or N%%. now kills running jobs, soon lets"
                    + " them finish. 0: never (default), 1: soon,fail=1, 2: now,fail=1.")
    String halt = "0";

    @Option(names = "--dry-run", description = "Print the commands instead of running them.")
    boolean dryRun;

    @Option(
            names = "--bar",
            description =
                    "Show progress on standard error: a bar with count, rate and time left on a terminal, else a line every 5 s (reads all input first).")
    boolean bar;

    @Option(names = "--eta", description = "The same display as --bar (GNU parallel's name for it).")
    boolean eta;

    @Option(names = "--delay", paramLabel = "SECS", description = "Wait at least this long between job starts.")
    double delaySeconds;

    @Option(
            names = {"--results", "--res"},
            paramLabel = "DIR",
            description = "Save each job's output in DIR/1/<arg1>/.../{seq,stdout,stderr} instead of printing it.")
    Path results;

    @Option(
            names = {"-0", "--null"},
            description = "Input records end with NUL, not newline.")
    boolean nullSeparated;

    @Option(
            names = {"-a", "--arg-file"},
            paramLabel = "FILE",
            description = "Read arguments from FILE, like :::: FILE.")
    List<String> argFiles = new ArrayList<>();

    @Option(
            names = {"--link", "--xapply"},
            description = "Take the input sources pairwise (shorter ones wrap around) instead of multiplying them.")
    boolean link;

    @Option(names = "--timeline", description = "Print the pool's timeline of the jobs on standard error at the end.")
    boolean timeline;

    @Option(
            names = "--cluster",
            split = ",",
            paramLabel = "HOST:PORT",
            description = "Run the jobs on the members of a cluster ('multitask cluster member') reached at these"
                    + " addresses, in the members' working directories. A job whose member dies runs again on"
                    + " another: at least once. -j counts jobs over the whole cluster (default and +N, -N, N%%:"
                    + " CPUs here x members). See docs/cluster.md.")
    List<String> cluster;

    @Mixin
    ClusterName clusterName;

    @Mixin
    ReportOptions reportFiles;

    @Option(names = "--will-cite", hidden = true, description = "Accepted for GNU parallel compatibility; no effect.")
    boolean willCite;

    @Parameters(
            arity = "0..*",
            paramLabel = "COMMAND",
            description = "The command words, then the input sources (::: values, :::: files).")
    List<String> words = new ArrayList<>();

    private InputStream stdin = System.in;
    private OutputStream stdout;
    private PrintStream stderr;
    private boolean handleSignals = true;

    /** Picocli stops parsing options at the command: its words may look like options of their own. */
    public static final class StopAtCommand implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }

    /** For tests that run the command in-process: the streams to use, and no signal handlers. */
    void useStreams(InputStream in, OutputStream out, PrintStream err) {
        this.stdin = in;
        this.stdout = out;
        this.stderr = err;
        this.handleSignals = false;
    }

    @Override
    public Integer call() throws Exception {
        OutputStream out = stdout != null ? stdout : new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        PrintStream err = stderr != null ? stderr : System.err;
        ClusterLauncher clusterLauncher = null;
        try {
            int cpus = Runtime.getRuntime().availableProcessors();
            RunSettings settings = settings(cpus);
            RunArguments arguments = RunArguments.split(words);
            Template template = Template.parse(arguments.command());
            if (cluster != null && !dryRun) {
                ClusterConnection connection = ClusterConnection.open(cluster, clusterName.name(), verbosity.verbose());
                clusterLauncher = new ClusterLauncher(connection.pool(), settings.shell(), settings.timeout());
                settings = settings(cpus * connection.members());
            }
            try (JobInputs inputs = inputs(arguments)) {
                JobRunner runner = new JobRunner(settings, template, out, err, clusterLauncher);
                reportFiles.start();
                try (SignalHandlers signals = handleSignals ? SignalHandlers.install(runner) : null) {
                    return runner.run(inputs);
                } finally {
                    if (reportFiles.tracing() && runner.trace() != null) {
                        reportFiles.write("multitask run", List.of(runner.trace()));
                    }
                }
            }
        } catch (RunException | UncheckedIOException | ClusterConnection.Unreachable e) {
            // 255, not the other commands' 2: run's exit status counts failed jobs, as GNU parallel's does
            out.flush();
            err.println("multitask run: " + e.getMessage());
            return 255;
        } finally {
            out.flush();
            if (clusterLauncher != null) {
                clusterLauncher.close();
            }
        }
    }

    /** @param cpus what -j's default and its relative forms count from: CPUs here, times members with --cluster */
    private RunSettings settings(int cpus) {
        if (cluster != null && (lineBuffer || ungroup)) {
            throw new RunException("--cluster returns each job's output whole: drop --line-buffer and --ungroup");
        }
        if ((resume || resumeFailed) && joblog == null) {
            throw new RunException("--resume and --resume-failed need --joblog FILE");
        }
        if (lineBuffer && ungroup) {
            throw new RunException("--line-buffer and --ungroup exclude each other");
        }
        if (timeoutSeconds < 0 || delaySeconds < 0 || retries < 0) {
            throw new RunException("--timeout, --delay and --retries must not be negative");
        }
        OutputMode mode = ungroup ? OutputMode.UNGROUP : lineBuffer ? OutputMode.LINE_BUFFER : OutputMode.GROUP;
        String shell = System.getenv("PARALLEL_SHELL");
        if (shell == null || shell.isBlank()) {
            shell = System.getenv("SHELL");
        }
        if (shell == null || shell.isBlank()) {
            shell = "/bin/sh";
        }
        return new RunSettings(
                jobs == null ? cpus : JobCount.parse(jobs, cpus),
                keepOrder,
                mode,
                tag,
                json,
                joblog,
                resume,
                resumeFailed,
                Math.max(1, retries),
                timeoutSeconds > 0 ? Duration.ofNanos((long) (timeoutSeconds * 1e9)) : null,
                HaltPolicy.parse(halt),
                dryRun,
                bar,
                eta,
                delaySeconds > 0 ? Duration.ofNanos((long) (delaySeconds * 1e9)) : null,
                results,
                shell,
                timeline,
                timeline || reportFiles.tracing());
    }

    private JobInputs inputs(RunArguments arguments) {
        char separator = nullSeparated ? '\0' : '\n';
        List<List<InputSource>> groups = new ArrayList<>();
        List<InputSource> all = new ArrayList<>();
        try {
            for (String file : argFiles) {
                all.add(InputSource.ofFile(file, stdin, separator));
                groups.add(new ArrayList<>(List.of(all.get(all.size() - 1))));
            }
            for (RunArguments.Source source : arguments.sources()) {
                InputSource input = source.file() != null
                        ? InputSource.ofFile(source.file(), stdin, separator)
                        : InputSource.ofValues(source.values(), !nullSeparated);
                all.add(input);
                if (source.linked() || (link && !groups.isEmpty())) {
                    groups.get(groups.size() - 1).add(input);
                } else {
                    groups.add(new ArrayList<>(List.of(input)));
                }
            }
            if (groups.isEmpty()) {
                InputSource input = InputSource.ofFile("-", stdin, separator);
                all.add(input);
                groups.add(new ArrayList<>(List.of(input)));
            }
            return new JobInputs(groups, link);
        } catch (RuntimeException e) {
            all.forEach(InputSource::close);
            throw e;
        }
    }
}
