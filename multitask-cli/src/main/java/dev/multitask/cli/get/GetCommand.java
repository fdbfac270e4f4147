package dev.multitask.cli.get;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.TaskFuture;
import dev.multitask.cli.ExitCodes;
import dev.multitask.cli.Progress;
import dev.multitask.cli.ReportOptions;
import dev.multitask.cli.Units;
import dev.multitask.cli.UsageException;
import dev.multitask.cli.Verbosity;
import dev.multitask.cli.VersionProvider;
import dev.multitask.cli.cluster.ClusterName;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code multitask get}: downloads many URLs at once, safely and resumably. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Download many files at once over http and https. Each file is written to NAME.part and renamed when"
                    + " complete and verified; a killed run continues with -c. See docs/get.md.",
            "",
            "A list (-i) has one URL per line, with options after it (out=NAME sha256=HEX) or on the following"
                    + " indented lines, as in aria2; blank lines and # comments are ignored.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":Every file was downloaded (or skipped because it existed).",
            ExitCodes.FAILURE + ":At least one file failed; the summary lists them.",
            ExitCodes.USAGE + ":Bad command line or input list (a bad line only with --strict)."
        })
public final class GetCommand implements Callable<Integer> {

    /** A list that is not a list of URLs at all should not flood the terminal. */
    private static final int MAX_PROBLEMS_SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Mixin
    ReportOptions reportFiles;

    @Parameters(arity = "0..*", paramLabel = "URL", description = "URLs to download.")
    List<String> urls = new ArrayList<>();

    @Option(
            names = {"-i", "--input-file"},
            paramLabel = "FILE",
            description = "Read URLs from FILE, '-' for stdin.")
    String inputFile;

    @Option(names = "--strict", description = "Stop at a bad input line (exit 2) instead of skipping it.")
    boolean strict;

    @Option(
            names = {"-d", "--dir"},
            paramLabel = "DIR",
            description = "Directory to write files to (created if missing). Default: the current directory.")
    Path directory = Path.of(".");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "NAME",
            description = "File name for a single URL (a name, not a path: use -d for the directory).")
    String output;

    @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of a single URL's file.")
    String sha256;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "Downloads at once. Default: ${DEFAULT-VALUE}.")
    int jobs = 16;

    @Option(
            names = "--max-per-host",
            paramLabel = "N",
            description =
                    "Downloads at once from one host and port; 0 for no limit beyond -j. Default: ${DEFAULT-VALUE}.")
    int perHost = 0;

    @Option(
            names = {"-c", "--continue"},
            description = "Continue .part files left by an earlier run, and skip files that already exist.")
    boolean resume;

    @Option(
            names = "--on-exists",
            paramLabel = "POLICY",
            description =
                    "When the file exists: overwrite, rename (NAME.1.EXT) or skip. Default: rename; skip with -c.")
    String onExists;

    @Option(
            names = "--retries",
            paramLabel = "N",
            description = "Tries after the first on network errors, 5xx, 408 and 429. Default: ${DEFAULT-VALUE}.")
    int retries = 5;

    @Option(
            names = "--retry-wait",
            paramLabel = "SECONDS",
            description =
                    "First wait before a retry; doubles each time, with jitter; Retry-After wins. Default: ${DEFAULT-VALUE}.")
    double retryWait = 1;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            description = "Longest wait for a connection. Default: ${DEFAULT-VALUE}.")
    double connectTimeout = 10;

    @Option(
            names = {"-T", "--read-timeout"},
            paramLabel = "SECONDS",
            description =
                    "Longest wait for response headers, and longest silence within a body. Default: ${DEFAULT-VALUE}.")
    double readTimeout = 30;

    @Option(
            names = "--max-size",
            paramLabel = "SIZE",
            description = "Fail files larger than SIZE (bytes, or with k, M, G).")
    String maxSize;

    @Option(
            names = "--limit-rate",
            paramLabel = "RATE",
            description = "Most bytes per second for all downloads together (e.g. 500k, 2M).")
    String limitRate;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "'NAME: VALUE'",
            description = "Extra request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(
            names = {"-U", "--user-agent"},
            paramLabel = "TEXT",
            description = "User-Agent header. Default: multitask-get/VERSION.")
    String userAgent;

    @Option(
            names = "--max-redirect",
            paramLabel = "N",
            description = "Most redirects followed for one file. Default: ${DEFAULT-VALUE}.")
    int maxRedirects = 10;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            description =
                    "auto (live on a terminal, else a line every 5 s), live, plain or none. Default: ${DEFAULT-VALUE}.")
    String progressMode = "auto";

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress and no summary; failures are still reported on stderr.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON record per file on stdout as it ends.")
    boolean json;

    @Option(
            names = "--cluster",
            split = ",",
            paramLabel = "HOST:PORT",
            description = "Download on the members of a cluster ('multitask cluster member') reached at these"
                    + " addresses: each member writes its files into its own -d directory, a path on the member;"
                    + " --json and the summary name each file's member. At least once: a file whose member dies is"
                    + " fetched again by another. See docs/cluster.md.")
    List<String> cluster;

    @Mixin
    ClusterName clusterName;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        GetSettings settings = settings();
        List<DownloadRequest> requests = readRequests(err);
        if (requests.isEmpty()) {
            err.println("multitask get: nothing to download");
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (cluster != null) {
            return ClusterGet.run(
                    cluster,
                    clusterName.name(),
                    verbosity.verbose(),
                    settings,
                    requests,
                    json ? new JsonRecords(out) : null,
                    quiet,
                    err);
        }

        OutputDirectory directory = new OutputDirectory(settings.directory(), settings.existing());
        try {
            Files.createDirectories(directory.directory());
        } catch (IOException e) {
            throw new UsageException("cannot create directory " + settings.directory() + FileDownload.reason(e));
        }
        List<String> names = new ArrayList<>(requests.size());
        for (DownloadRequest r : requests) {
            names.add(directory.claim(r.outName() != null ? r.outName() : FileNames.fromUri(r.uri())));
        }

        JsonRecords records = json ? new JsonRecords(out) : null;
        RetryPolicy retryPolicy = new RetryPolicy(settings.retries(), settings.retryWait());
        RateLimiter rateLimiter = settings.limitRate() > 0 ? new RateLimiter(settings.limitRate()) : null;
        // Without a per-host limit, -j platform threads. Not virtual threads: a virtual thread blocked on a socket
        // starts the JDK's poller thread, which then sits in epoll_wait, in native code, and the JVM's exit waits
        // 300 ms for threads in native code (VM_Exit::wait_for_threads_in_native_to_block) before it gives up on
        // them; -j downloads at once need no more threads than platform threads give cheaply. With a per-host limit,
        // downloads wait for their host's permit outside the pool's limit (see ConnectionLimits), so every task gets
        // a virtual thread of its own and -j is a semaphore.
        ConnectionLimits limits =
                settings.perHost() > 0 ? new ConnectionLimits(settings.jobs(), settings.perHost()) : null;
        Strategy strategy = limits != null ? Strategy.virtual() : Strategy.threads(settings.jobs());
        DownloadResult[] results = new DownloadResult[requests.size()];
        reportFiles.start();
        long start = System.nanoTime();
        Pool traced = null;
        try (Http1Client client = new Http1Client(settings.connectTimeout(), settings.readTimeout());
                Progress progress = Progress.startCountingBytes("get", requests.size(), progressStyle(), err);
                Pool pool = Pool.builder(strategy)
                        .name("get")
                        .tracing(reportFiles.tracing())
                        .build()) {
            traced = pool;
            List<TaskFuture<DownloadResult>> futures = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                DownloadRequest request = requests.get(i);
                FileDownload download = new FileDownload(
                        request, names.get(i), settings, client, directory, retryPolicy, rateLimiter, progress);
                int index = i;
                futures.add(pool.submit(names.get(i), () -> {
                    DownloadResult result;
                    try {
                        if (limits == null) {
                            result = download.run();
                        } else {
                            try (ConnectionLimits.Slot slot = limits.acquire(request.uri())) {
                                result = download.run();
                            }
                        }
                    } catch (RuntimeException e) {
                        // A bug must fail its own file, not the run: the other downloads go on.
                        result = new DownloadResult(
                                request.uri(), null, 0, DownloadResult.Status.FAILED, 1, 0, "internal error: " + e);
                    }
                    results[index] = result;
                    if (records != null) {
                        records.write(result);
                    }
                    if (quiet && result.failed()) {
                        synchronized (err) {
                            err.println("multitask get: " + result.url() + ": " + result.error());
                            err.flush();
                        }
                    }
                    return result;
                }));
            }
            for (TaskFuture<DownloadResult> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(
                            "a download task failed unexpectedly: " + e.getCause(), e.getCause());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (reportFiles.tracing()) {
            reportFiles.write("multitask get", List.of(traced.trace()));
        }
        List<DownloadResult> all = List.of(results);
        if (!quiet) {
            Summary.print(err, all, seconds, directory.directory());
        }
        return all.stream().anyMatch(DownloadResult::failed) ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private Progress.Style progressStyle() {
        if (quiet) {
            return Progress.Style.QUIET;
        }
        return switch (progressMode.toLowerCase(Locale.ROOT)) {
            case "auto" -> Progress.Style.detect(false);
            case "live" -> Progress.Style.BAR;
            case "plain" -> Progress.Style.LINES;
            case "none" -> Progress.Style.QUIET;
            default -> throw new UsageException("--progress must be auto, live, plain or none: " + progressMode);
        };
    }

    private List<DownloadRequest> readRequests(PrintWriter err) {
        List<DownloadRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            try {
                requests.add(InputList.parseArgument(urls.get(i), "argument " + (i + 1)));
            } catch (InputList.BadLineException e) {
                problems.add("argument " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (inputFile != null) {
            InputList.Result list = readList(inputFile);
            requests.addAll(list.requests());
            problems.addAll(list.problems());
        }
        if (requests.isEmpty() && problems.isEmpty()) {
            throw new UsageException("no URLs: give URLs as arguments or a list with -i FILE ('-i -' for stdin)");
        }
        if (strict && !problems.isEmpty()) {
            throw new UsageException(
                    problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        for (String problem : problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN))) {
            err.println("multitask get: " + problem);
        }
        if (problems.size() > MAX_PROBLEMS_SHOWN) {
            err.println("multitask get: ... and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more bad lines skipped");
        }
        err.flush();
        if (output != null || sha256 != null) {
            if (requests.size() != 1 || inputFile != null) {
                throw new UsageException(
                        "-o and --sha256 apply to a single URL argument; use out= and sha256= in -i lists");
            }
            String checked;
            try {
                checked = sha256 == null ? null : InputList.parseSha256(sha256);
            } catch (InputList.BadLineException e) {
                throw new UsageException("--sha256: " + e.getMessage());
            }
            DownloadRequest only = requests.get(0);
            requests.set(0, new DownloadRequest(only.uri(), output, checked, only.origin()));
        }
        return requests;
    }

    private static InputList.Result readList(String file) {
        try {
            if (file.equals("-")) {
                return InputList.parse(new InputStreamReader(System.in, StandardCharsets.UTF_8), "stdin");
            }
            try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                return InputList.parse(reader, file);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + FileDownload.reason(e));
        }
    }

    private GetSettings settings() {
        if (jobs < 1 || jobs > Strategy.Threads.MAX_WORKERS) {
            throw new UsageException("-j must be from 1 to " + Strategy.Threads.MAX_WORKERS + ", got " + jobs);
        }
        if (perHost < 0 || retries < 0 || maxRedirects < 0) {
            throw new UsageException("--max-per-host, --retries and --max-redirect must not be negative");
        }
        ExistingFilePolicy policy = resume ? ExistingFilePolicy.SKIP : ExistingFilePolicy.RENAME;
        if (onExists != null) {
            try {
                policy = ExistingFilePolicy.valueOf(onExists.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--on-exists must be overwrite, rename or skip, got " + onExists);
            }
        }
        List<Map.Entry<String, String>> headerList = new ArrayList<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--header must look like 'Name: value', got " + header);
            }
            headerList.add(Map.entry(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip()));
        }
        for (String text : userAgent == null ? headers : concat(headers, userAgent)) {
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                throw new UsageException("--header and --user-agent must not contain line breaks");
            }
        }
        String version = GetCommand.class.getPackage().getImplementationVersion();
        return new GetSettings(
                directory,
                jobs,
                perHost,
                retries,
                duration(retryWait, "--retry-wait", true),
                duration(connectTimeout, "--connect-timeout", false),
                duration(readTimeout, "--read-timeout", false),
                maxSize == null ? -1 : size(maxSize, "--max-size"),
                resume,
                policy,
                limitRate == null ? 0 : size(limitRate, "--limit-rate"),
                List.copyOf(headerList),
                userAgent != null ? userAgent : "multitask-get/" + (version != null ? version : "dev"),
                maxRedirects);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static Duration duration(double seconds, String option, boolean zeroAllowed) {
        if (Double.isNaN(seconds) || seconds < 0 || (!zeroAllowed && seconds == 0)) {
            throw new UsageException(
                    option + " must be " + (zeroAllowed ? "at least 0" : "more than 0") + ", got " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static long size(String text, String option) {
        try {
            return Units.parseBytes(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " must be a size like 500k, 2M or 1G, got " + text);
        }
    }
}
