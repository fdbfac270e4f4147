package dev.multitask.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.Strategy;
import dev.multitask.cli.ExitCodes;
import dev.multitask.cli.ReportOptions;
import dev.multitask.cli.UsageException;
import dev.multitask.cli.Verbosity;
import dev.multitask.cli.VersionProvider;
import dev.multitask.report.Run;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code multitask bench}: runs one workload on every strategy and several worker counts, prints what each run took
 * and used, and recommends one with its reason.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Run one workload on every strategy and several worker counts; print wall time, speed-up over"
                    + " sequential, efficiency, CPU use, peak memory and failures per run, then a recommendation"
                    + " with its reason.",
            "",
            "Workloads:",
            "  cpu         tasks that compute (default 100 tasks of 20 ms)",
            "  io          tasks that wait (default 2,000 tasks of 50 ms)",
            "  mixed       tasks that compute, then wait, by --blocking-ratio",
            "              (default 400 tasks of 20 ms, half waiting)",
            "  overloaded  requests to a simulated server in this JVM that serves 32",
            "              at once and slows down as its queue grows (2,000 of 20 ms)",
            "  --command 'CMD {}' ::: A B C   a shell command per input",
            "  --class NAME   your Function<Integer,?> or Callable, on the class path",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":The workload ran on every strategy (tasks that failed are counted, not fatal).",
            ExitCodes.FAILURE + ":A run could not be made, or the report could not be written.",
            ExitCodes.USAGE + ":Bad command line: unknown workload or strategy, or a bad value."
        })
public final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Mixin
    ReportOptions reportFiles;

    @Option(
            names = "--workload",
            paramLabel = "NAME",
            description = "cpu, io, mixed or overloaded (default: io, or the --command or --class given).")
    String workload;

    @Option(
            names = "--tasks",
            paramLabel = "N",
            description = "How many tasks (default: per workload, see above; for --command, one per input).")
    Integer tasks;

    @Option(
            names = "--task-ms",
            paramLabel = "MS",
            description = "How long one task takes on a quiet machine, in milliseconds (default: per workload).")
    Integer taskMillis;

    @Option(
            names = "--blocking-ratio",
            paramLabel = "R",
            description = "The share of a mixed task's time spent waiting, from 0 to 1 (default: 0.5).")
    Double blockingRatio;

    @Option(
            names = "--command",
            paramLabel = "CMD",
            description = "Run this shell command once per input given after ':::'; '{}' is replaced by the input"
                    + " (else it is appended).")
    String command;

    @Option(
            names = "--class",
            paramLabel = "NAME",
            description = "Run tasks of this class, which must be on the class path and be a"
                    + " java.util.function.Function (given the task's index) or a Callable, with a public"
                    + " no-argument constructor; Serializable to run on processes.")
    String className;

    @Option(
            names = "--strategies",
            paramLabel = "LIST",
            split = ",",
            description = "Strategies to compare, comma-separated; 'threads' without a count stands for every"
                    + " --workers count (default: sequential,threads,virtual,processes,auto).")
    List<String> strategies = new ArrayList<>(List.of("sequential", "threads", "virtual", "processes", "auto"));

    @Option(
            names = "--workers",
            paramLabel = "LIST",
            split = ",",
            description = "Thread counts for 'threads' (default: 1, 4, 16 and 64 times the processors).")
    List<Integer> workers;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "1",
            description = "Run each strategy N times, taking turns, and count the fastest (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--run-limit",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Cut a run after this long and extrapolate its wall time from the tasks that ended"
                    + " (default: ${DEFAULT-VALUE}); such rows are marked '~'.")
    double runLimitSeconds;

    @Option(
            names = "--json",
            description = "Print only one JSON object per strategy (the fastest of its runs), with workload,"
                    + " strategy, workers, wallSeconds, speedup, efficiency, cpuCores, peakMemoryMb, failures and,"
                    + " for auto, the limit it ended at and why; then one object with the recommendation.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "::: INPUT", description = "':::' and the inputs of --command.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        int processors = Runtime.getRuntime().availableProcessors();
        Workload chosen = workload(processors);
        List<Strategy> toRun = strategies(processors, chosen);
        if (repeat < 1) {
            throw new UsageException("--repeat must be at least 1, got " + repeat);
        }
        if (!(runLimitSeconds > 0)) {
            throw new UsageException("--run-limit must be above 0 seconds");
        }
        reportFiles.start();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "Workload %s: %s, on %d processors. Each strategy runs %s.%n",
                    chosen.name(),
                    chosen.description(),
                    processors,
                    repeat > 1 ? repeat + " times, taking turns; the fastest counts" : "once");
            out.flush();
        }
        warmUp(chosen);
        boolean progress = !json && System.console() != null;
        Duration budget = Duration.ofMillis((long) (runLimitSeconds * 1000));
        Map<Strategy, BenchRunner.Result> fastest = new LinkedHashMap<>();
        for (int round = 0; round < repeat; round++) {
            for (Strategy strategy : toRun) {
                if (progress) {
                    err.print("multitask: running " + strategy + "...   \r");
                    err.flush();
                }
                BenchRunner.Result result = BenchRunner.run(chosen, strategy, budget);
                fastest.merge(
                        strategy,
                        result,
                        (a, b) ->
                                b.measurement().wallSeconds() < a.measurement().wallSeconds() ? b : a);
            }
        }
        if (progress) {
            err.print(" ".repeat(60) + "\r");
            err.flush();
        }
        double sequential = fastest.values().stream()
                .map(BenchRunner.Result::measurement)
                .filter(m -> m.strategy().equals("sequential"))
                .mapToDouble(Measurement::wallSeconds)
                .findFirst()
                .orElse(0);
        List<Measurement> measured = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (BenchRunner.Result result : fastest.values()) {
            Measurement m = result.measurement().against(sequential);
            measured.add(withRepeats(m, repeat));
            runs.add(new Run(m.strategy(), chosen.name(), result.trace()));
        }
        Recommendation recommendation = Recommendation.of(measured, processors);
        if (json) {
            measured.forEach(m -> printJson(out, m));
            Map<String, Object> advice = new LinkedHashMap<>();
            advice.put("recommendation", recommendation.strategy());
            advice.put("reason", recommendation.line());
            printJson(out, advice);
        } else {
            BenchTable.print(out, measured);
            out.println();
            out.println("Recommendation: " + recommendation.line());
            out.flush();
        }
        reportFiles.writeRuns("multitask bench: " + chosen.name() + ", " + chosen.description(), runs);
        return ExitCodes.OK;
    }

    private Workload workload(int processors) {
        int given = (command != null ? 1 : 0) + (className != null ? 1 : 0) + (workload != null ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --workload, --command and --class");
        }
        if (command == null && !arguments.isEmpty()) {
            throw new UsageException("inputs after ':::' go with --command, and there is none");
        }
        if (taskMillis != null && taskMillis < 0) {
            throw new UsageException("--task-ms must be at least 0, got " + taskMillis);
        }
        if (tasks != null && tasks < 1) {
            throw new UsageException("--tasks must be at least 1, got " + tasks);
        }
        if (blockingRatio != null && !(blockingRatio >= 0 && blockingRatio <= 1)) {
            throw new UsageException("--blocking-ratio must be from 0 to 1, got " + blockingRatio);
        }
        if (command != null) {
            if (arguments.isEmpty() || !arguments.getFirst().equals(":::") || arguments.size() < 2) {
                throw new UsageException("--command needs its inputs after ':::', e.g. --command 'gzip -k {}' ::: a b");
            }
            List<String> inputs = List.copyOf(arguments.subList(1, arguments.size()));
            return new Workload(
                    "command",
                    inputs.size() + " runs of sh -c '" + command + "'",
                    inputs.size(),
                    new Tasks.ShellCommand(command, inputs),
                    false);
        }
        if (className != null) {
            try {
                Tasks.UserClass.instantiate(className);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            int n = tasks != null ? tasks : 100;
            return new Workload("class", n + " tasks of " + className, n, new Tasks.UserClass(className), false);
        }
        String name = workload == null ? "io" : workload.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "cpu" -> compute(name, 100, 20, 0);
            case "io" -> compute(name, 2_000, 50, 1);
            case "mixed" -> compute(name, 400, 20, 0.5);
            case "overloaded" -> {
                int n = tasks != null ? tasks : 2_000;
                int ms = taskMillis != null ? taskMillis : 20;
                yield new Workload(
                        name,
                        String.format(
                                Locale.ROOT,
                                "%,d requests to a server that serves 32 at once in %d ms each and slows down as its"
                                        + " queue grows",
                                n,
                                ms),
                        n,
                        new Tasks.OverloadedRequest(32, ms * 1_000_000L),
                        true);
            }
            default ->
                throw new UsageException("unknown workload '" + workload + "': expected cpu, io, mixed or overloaded");
        };
    }

    private Workload compute(String name, int defaultTasks, int defaultMillis, double defaultBlocking) {
        int n = tasks != null ? tasks : defaultTasks;
        int ms = taskMillis != null ? taskMillis : defaultMillis;
        double blocking = blockingRatio != null ? blockingRatio : defaultBlocking;
        long iterations = Math.round(ms * (1 - blocking) * Tasks.iterationsPerMilli());
        long sleepNanos = Math.round(ms * blocking * 1_000_000);
        return new Workload(
                name,
                String.format(
                        Locale.ROOT,
                        "%,d tasks of %d ms, %.0f%% computing and %.0f%% waiting",
                        n,
                        ms,
                        100 * (1 - blocking),
                        100 * blocking),
                n,
                new Tasks.ComputeThenWait(iterations, sleepNanos),
                false);
    }

    private List<Strategy> strategies(int processors, Workload chosen) {
        List<Integer> counts =
                workers != null ? workers : List.of(processors, 4 * processors, 16 * processors, 64 * processors);
        for (int count : counts) {
            if (count < 1 || count > Strategy.Threads.MAX_WORKERS) {
                throw new UsageException(
                        "--workers counts must be from 1 to " + Strategy.Threads.MAX_WORKERS + ", got " + count);
            }
        }
        List<Strategy> result = new ArrayList<>();
        for (String text : strategies) {
            String trimmed = text.strip().toLowerCase(Locale.ROOT);
            if (trimmed.equals("threads")) {
                counts.forEach(n -> result.add(Strategy.threads(n)));
                continue;
            }
            Strategy strategy;
            try {
                strategy = Strategy.parse(trimmed);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--strategies: " + e.getMessage());
            }
            if (strategy instanceof Strategy.Cluster) {
                throw new UsageException("--strategies: bench does not run on a cluster yet");
            }
            if (strategy instanceof Strategy.Processes && chosen.inThisProcessOnly()) {
                spec.commandLine()
                        .getErr()
                        .println("multitask: skipping " + strategy + ": the " + chosen.name()
                                + " workload's server lives in this JVM, out of worker processes' reach");
                continue;
            }
            if (!result.contains(strategy)) {
                result.add(strategy);
            }
        }
        if (result.isEmpty()) {
            throw new UsageException("--strategies: nothing to run");
        }
        return result;
    }

    /** Runs a few tasks first, so that the first measured strategy does not pay for compiling the code. */
    private static void warmUp(Workload workload) {
        int n = Math.min(workload.tasks(), 20);
        Workload few =
                new Workload(workload.name(), workload.description(), n, workload.task(), workload.inThisProcessOnly());
        BenchRunner.run(
                few, Strategy.threads(Math.max(2, Runtime.getRuntime().availableProcessors())), Duration.ofSeconds(2));
    }

    private static Measurement withRepeats(Measurement m, int repeats) {
        return new Measurement(
                m.workload(),
                m.strategy(),
                m.workers(),
                m.tasks(),
                m.completed(),
                m.wallSeconds(),
                m.speedup(),
                m.efficiency(),
                m.busySeconds(),
                m.cpuSeconds(),
                m.threadCpuSeconds(),
                m.runQueueSeconds(),
                m.cpuCores(),
                m.peakMemoryMb(),
                m.failures(),
                m.extrapolated(),
                m.lowerBound(),
                repeats,
                m.limit(),
                m.decision());
    }

    private static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
