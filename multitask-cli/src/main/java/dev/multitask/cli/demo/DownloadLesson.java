package dev.multitask.cli.demo;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.TaskFailedException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code download}: five images one by one, then on a pool of 3, from a real HTTP server: by default an {@link
 * ImageServer} inside this command, or the {@code --url}s given.
 */
final class DownloadLesson implements Lesson {

    static final String NAME = "download";
    static final int IMAGES = 5;
    private static final Strategy DEFAULT = Strategy.threads(3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(Demo demo) throws Exception {
        Report report = demo.report();
        Strategy strategy = demo.strategy() != null ? demo.strategy() : DEFAULT;
        report.heading("download: five images one by one, then on a pool of 3");
        try (Downloader downloader = new Downloader()) {
            if (demo.urls().isEmpty()) {
                Duration perImage = demo.scaled(Duration.ofSeconds(1));
                try (ImageServer server = ImageServer.start(IMAGES, perImage)) {
                    report.say(String.format(
                            Locale.ROOT,
                            "A real HTTP server inside this command, at %s, serves %d images of %.1f MB each,"
                                    + " throttled to take %.2f s each (1 s times --scale %s).",
                            server.warmUpUri().resolve("/"),
                            IMAGES,
                            server.imageBytes() / 1e6,
                            perImage.toNanos() / 1e9,
                            demo.scale()));
                    warmUp(downloader, server.warmUpUri());
                    compare(demo, downloader, server.imageUris(), strategy);
                }
            } else {
                report.say("Downloading the " + demo.urls().size() + " URLs given with --url.");
                compare(demo, downloader, demo.urls(), strategy);
            }
        }
    }

    /**
     * Downloads a few images at full speed, three at a time, before anything is timed: the first downloads of a JVM
     * spend far more time loading and compiling code than moving bytes, which would flatter the speed-up. It also
     * opens the three connections that both timed runs then reuse.
     */
    private static void warmUp(Downloader downloader, URI uri) {
        try (Pool pool = Pool.threads(3)) {
            pool.map(downloader::download, Collections.nCopies(6, uri)).toList();
        }
    }

    private void compare(Demo demo, Downloader downloader, List<URI> uris, Strategy strategy) throws Exception {
        Report report = demo.report();
        List<Demo.Measured> measured = demo.fastest(
                r -> {
                    r.blank();
                    r.line("One by one:   for (URI uri : uris) download(uri);");
                    return Demo.onPool(Strategy.sequential(), pool -> downloadAll(pool, downloader, uris, r));
                },
                r -> {
                    r.blank();
                    r.line("Pool:         try (Pool pool = Pool.of(" + strategy + ")) {");
                    r.line("                  pool.map(uri -> download(uri), uris).toList();");
                    r.line("              }");
                    return Demo.onPool(strategy, pool -> downloadAll(pool, downloader, uris, r));
                });
        Demo.Measured oneByOne = measured.get(0);
        Demo.Measured pooled = measured.get(1);

        double base = oneByOne.wallSeconds();
        List<RunResult> results = List.of(
                demo.result(NAME, "one by one", oneByOne, base, null),
                demo.result(NAME, "pool of " + pooled.trace().summary().workers(), pooled, base, null));
        results.forEach(report::result);

        report.blank();
        report.timeline("One by one", oneByOne.trace());
        report.blank();
        report.timeline("Pool", pooled.trace());
        report.blank();
        String ideal = "";
        if (strategy instanceof Strategy.Threads threads) {
            int rounds = (uris.size() + threads.workers() - 1) / threads.workers();
            ideal = String.format(
                    Locale.ROOT,
                    "Ideal: %d downloads in %d rounds of at most %d = %.2fx. ",
                    uris.size(),
                    rounds,
                    threads.workers(),
                    (double) uris.size() / rounds);
        }
        report.times(results, ideal + "The Python lesson: 8.6 s one by one, 3.5 s on ThreadPoolExecutor(3).");
        report.blank();
        report.say("What it shows: a download spends its time waiting for bytes to arrive, not computing, so three"
                + " downloads at once take about as long as one. Five images on a pool of 3 take two rounds, three"
                + " then two, which is why the pool's timeline has three rows and the ideal speed-up is 5/2 = 2.5x."
                + " The bodies are streamed and counted, never held whole, so memory stays small.");
    }

    /** A URL to download, named in timelines by the last part of its path. */
    private record Target(URI uri) {
        @Override
        public String toString() {
            String path = uri.getPath() == null ? "" : uri.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.isEmpty() ? uri.getHost() : name;
        }
    }

    private static void downloadAll(Pool pool, Downloader downloader, List<URI> uris, Report report) {
        List<Target> targets = uris.stream().map(Target::new).toList();
        try {
            pool.map(
                            target -> {
                                long start = System.nanoTime();
                                long bytes = downloader.download(target.uri());
                                report.line(String.format(
                                        Locale.ROOT,
                                        "              %-24s %,12d bytes  %5.2f s",
                                        target,
                                        bytes,
                                        (System.nanoTime() - start) / 1e9));
                                return bytes;
                            },
                            targets)
                    .toList();
        } catch (TaskFailedException e) {
            if (e.getCause() instanceof DemoFailure failure) {
                throw failure;
            }
            throw e;
        }
    }
}
