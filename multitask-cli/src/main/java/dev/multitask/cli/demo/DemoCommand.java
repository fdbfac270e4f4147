package dev.multitask.cli.demo;

import dev.multitask.Strategy;
import dev.multitask.cli.ExitCodes;
import dev.multitask.cli.ReportOptions;
import dev.multitask.cli.Verbosity;
import dev.multitask.cli.VersionProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code multitask demo}: the multitasking lesson, reproduced with real timings, timelines and explanations. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "The multitasking lesson, measured: each lesson runs the same work more than one way, then shows what ran,"
                    + " the measured times, a timeline of the tasks per thread, and what it means.",
            "",
            "Lessons, run in this order when none is given:",
            "  threads    square and cube on one thread, then on two Threads made by hand",
            "  pool       the same work through a Pool: submit, map and shutdown",
            "  download   five ~2 MB images one by one, then on a pool of 3, over HTTP",
            "  cpu-vs-io  the same tasks computing, then waiting, on threads and virtual ones",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":Success.",
            ExitCodes.FAILURE + ":A lesson failed at run time, such as a download from a --url.",
            ExitCodes.USAGE + ":Bad command line: unknown lesson or option, or a bad value."
        })
public final class DemoCommand implements Callable<Integer> {

    /** The lessons, in the order they run when none is named. */
    static final List<Lesson> LESSONS =
            List.of(new ThreadsLesson(), new PoolLesson(), new DownloadLesson(), new CpuVsIoLesson());

    static final double MAX_SCALE = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Mixin
    ReportOptions reportFiles;

    @Parameters(
            arity = "0..*",
            paramLabel = "LESSON",
            description = "Lessons to run: threads, pool, download, cpu-vs-io.")
    List<String> lessons = new ArrayList<>();

    @Option(
            names = "--scale",
            paramLabel = "F",
            defaultValue = "1",
            converter = ScaleConverter.class,
            description = "Multiply every pause and transfer time by F, above 0 (default: ${DEFAULT-VALUE}; 0.1 runs"
                    + " ten times faster).")
    double scale;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            converter = RepeatConverter.class,
            description = "Run each measured run N times and count the fastest, since other programs on the machine"
                    + " can only slow a run down (default: 5 when --scale is below 0.5 and no --url is given, else 1).")
    Integer repeat;

    @Option(
            names = "--json",
            description = "Print only one JSON object per measured run, with lesson, run, strategy, workers, tasks,"
                    + " wallSeconds and speedup (against the lesson's one-thread run).")
    boolean json;

    @Option(
            names = "--width",
            paramLabel = "COLUMNS",
            defaultValue = "80",
            converter = WidthConverter.class,
            description = "Draw timelines this wide, 40 to 1000 (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(
            names = {"-s", "--strategy"},
            paramLabel = "STRATEGY",
            converter = StrategyConverter.class,
            description = "Run the concurrent runs of the pool and download lessons on this strategy: sequential,"
                    + " threads[:N] or virtual[:N] (default: 2 threads for pool, 3 for download).")
    Strategy strategy;

    @Option(
            names = {"-w", "--workers"},
            paramLabel = "N",
            converter = WorkersConverter.class,
            description = "Short for --strategy threads:N.")
    Integer workers;

    @Option(
            names = "--url",
            paramLabel = "URL",
            converter = UrlConverter.class,
            description = "Download this http or https URL in the download lesson instead of the images of its"
                    + " embedded server; repeat for more.")
    List<URI> urls = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<Lesson> chosen = chosenLessons();
        Set<String> names = chosen.stream().map(Lesson::name).collect(Collectors.toSet());
        if (strategy != null && workers != null) {
            throw usage("give --strategy or --workers, not both");
        }
        Strategy concurrent = workers != null ? Strategy.threads(workers) : strategy;
        if (concurrent != null && !names.contains(PoolLesson.NAME) && !names.contains(DownloadLesson.NAME)) {
            throw usage("--strategy and --workers apply to the pool and download lessons only");
        }
        if (!urls.isEmpty() && !names.contains(DownloadLesson.NAME)) {
            throw usage("--url applies to the download lesson only");
        }
        Report report = new Report(spec.commandLine().getOut(), json, width);
        int repeats = repeat != null ? repeat : scale < 0.5 && urls.isEmpty() ? 5 : 1;
        Demo demo = new Demo(report, scale, concurrent, List.copyOf(urls), repeats);
        reportFiles.start();
        for (Lesson lesson : chosen) {
            lesson.run(demo);
        }
        report.blank();
        reportFiles.writeRuns("multitask demo", report.runs());
        return ExitCodes.OK;
    }

    private List<Lesson> chosenLessons() {
        if (lessons.isEmpty()) {
            return LESSONS;
        }
        Set<Lesson> chosen = new LinkedHashSet<>();
        for (String name : lessons) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            chosen.add(LESSONS.stream()
                    .filter(lesson -> lesson.name().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> usage("unknown lesson '" + name + "': expected "
                            + LESSONS.stream().map(Lesson::name).collect(Collectors.joining(", ")))));
        }
        return List.copyOf(chosen);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A positive, finite time scale; 0, negative numbers and NaN would make every pause meaningless. */
    static final class ScaleConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double value;
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a number");
            }
            if (!(value > 0 && value <= MAX_SCALE)) {
                throw new TypeConversionException(
                        "must be above 0 and at most " + (int) MAX_SCALE + ", got '" + text + "'");
            }
            return value;
        }
    }

    static final class WidthConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int value = wholeNumber(text);
            if (value < 40 || value > 1000) {
                throw new TypeConversionException("must be from 40 to 1000, got " + value);
            }
            return value;
        }
    }

    static final class WorkersConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int value = wholeNumber(text);
            try {
                return new Strategy.Threads(value).workers();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RepeatConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int value = wholeNumber(text);
            if (value < 1 || value > 100) {
                throw new TypeConversionException("must be from 1 to 100, got " + value);
            }
            return value;
        }
    }

    /** The strategies that run inside this process; the demo's tasks are lambdas, which cannot travel. */
    static final class StrategyConverter implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String text) {
            Strategy parsed;
            try {
                parsed = Strategy.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (!(parsed instanceof Strategy.Sequential
                    || parsed instanceof Strategy.Threads
                    || parsed instanceof Strategy.Virtual)) {
                throw new TypeConversionException(
                        "the demo runs in this process: expected sequential, threads[:N] or virtual[:N], got '" + text
                                + "'");
            }
            return parsed;
        }
    }

    static final class UrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String text) {
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + text + "' is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new TypeConversionException("'" + text + "' is not an http or https URL with a host");
            }
            return uri;
        }
    }

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
    }
}
