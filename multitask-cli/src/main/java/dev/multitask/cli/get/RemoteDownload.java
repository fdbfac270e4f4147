package dev.multitask.cli.get;

import dev.multitask.cli.Progress;
import dev.multitask.cluster.ClusterPools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One file of {@code multitask get --cluster} on its way to a member, which downloads it into its own {@code -d}
 * directory (a path on the member) exactly as {@code get} does locally, and sends back how it went with the member's
 * {@code host:port}. Carries the settings as plain values: paths and header entries do not serialise.
 */
record RemoteDownload(
        String uri,
        String outName,
        String sha256,
        String origin,
        String name,
        String directory,
        int retries,
        long retryWaitNanos,
        long connectTimeoutNanos,
        long readTimeoutNanos,
        long maxSize,
        boolean resume,
        ExistingFilePolicy existing,
        ArrayList<String> headers,
        String userAgent,
        int maxRedirects)
        implements Callable<RemoteDownload.Outcome>, Serializable {

    /** How the download went on the member; {@code path} is a path on that member. */
    record Outcome(
            String url,
            String path,
            long bytes,
            DownloadResult.Status status,
            int attempts,
            double seconds,
            String error,
            String member)
            implements Serializable {

        DownloadResult result() {
            return new DownloadResult(
                    URI.create(url), path == null ? null : Path.of(path), bytes, status, attempts, seconds, error);
        }
    }

    /** The download of {@code request} under its claimed {@code name}, with the run's settings. */
    static RemoteDownload of(DownloadRequest request, String name, GetSettings settings) {
        ArrayList<String> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : settings.headers()) {
            headers.add(header.getKey());
            headers.add(header.getValue());
        }
        return new RemoteDownload(
                request.uri().toString(),
                request.outName(),
                request.sha256(),
                request.origin(),
                name,
                settings.directory().toString(),
                settings.retries(),
                settings.retryWait().toNanos(),
                settings.connectTimeout().toNanos(),
                settings.readTimeout().toNanos(),
                settings.maxSize(),
                settings.resume(),
                settings.existing(),
                headers,
                settings.userAgent(),
                settings.maxRedirects());
    }

    @Override
    public Outcome call() throws InterruptedException {
        List<Map.Entry<String, String>> headerList = new ArrayList<>();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            headerList.add(Map.entry(headers.get(i), headers.get(i + 1)));
        }
        GetSettings settings = new GetSettings(
                Path.of(directory),
                1,
                0,
                retries,
                Duration.ofNanos(retryWaitNanos),
                Duration.ofNanos(connectTimeoutNanos),
                Duration.ofNanos(readTimeoutNanos),
                maxSize,
                resume,
                existing,
                0,
                headerList,
                userAgent,
                maxRedirects);
        DownloadRequest request = new DownloadRequest(URI.create(uri), outName, sha256, origin);
        OutputDirectory output = new OutputDirectory(settings.directory(), existing);
        String member = ClusterPools.currentMember();
        DownloadResult result;
        try {
            Files.createDirectories(output.directory());
            try (Http1Client client = new Http1Client(settings.connectTimeout(), settings.readTimeout());
                    Progress nothingShown = Progress.startCountingBytes(
                            "download", 1, Progress.Style.QUIET, new PrintWriter(Writer.nullWriter()))) {
                result = new FileDownload(
                                request,
                                name,
                                settings,
                                client,
                                output,
                                new RetryPolicy(retries, settings.retryWait()),
                                null,
                                nothingShown)
                        .run();
            }
        } catch (IOException e) {
            result = new DownloadResult(
                    request.uri(),
                    null,
                    0,
                    DownloadResult.Status.FAILED,
                    0,
                    0,
                    "cannot create directory " + output.directory() + " on " + member + FileDownload.reason(e));
        }
        return new Outcome(
                uri,
                result.path() == null ? null : result.path().toString(),
                result.bytes(),
                result.status(),
                result.attempts(),
                result.seconds(),
                result.error(),
                member != null ? member : "unknown");
    }
}
