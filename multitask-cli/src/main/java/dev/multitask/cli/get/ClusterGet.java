package dev.multitask.cli.get;

import dev.multitask.Pool;
import dev.multitask.TaskFuture;
import dev.multitask.cli.ExitCodes;
import dev.multitask.cli.UsageException;
import dev.multitask.cli.cluster.ClusterConnection;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * {@code multitask get --cluster}: spreads the downloads over the members of a cluster. Each member downloads its
 * files into its own {@code -d} directory, a path on that member (relative ones from the member's working
 * directory): the bytes do not come back to the caller, which gets one result per file naming the member that holds
 * it. At least once: a file whose member dies mid-download is fetched again by another member. Names are claimed
 * here, for the whole list, so that two URLs with the same file name get two names wherever they land.
 */
final class ClusterGet {

    private ClusterGet() {}

    static int run(
            List<String> addresses,
            String clusterName,
            boolean verbose,
            GetSettings settings,
            List<DownloadRequest> requests,
            JsonRecords records,
            boolean quiet,
            PrintWriter err)
            throws InterruptedException {
        if (settings.limitRate() > 0 || settings.perHost() > 0) {
            throw new UsageException("--limit-rate and --max-per-host are not available with --cluster");
        }
        ClusterConnection connection;
        try {
            connection = ClusterConnection.open(addresses, clusterName, verbose);
        } catch (ClusterConnection.Unreachable e) {
            throw new UsageException(e.getMessage());
        }
        OutputDirectory names = new OutputDirectory(settings.directory(), settings.existing());
        DownloadResult[] results = new DownloadResult[requests.size()];
        String[] members = new String[requests.size()];
        Semaphore inFlight = new Semaphore(settings.jobs());
        long start = System.nanoTime();
        try (Pool pool = connection.pool()) {
            for (int i = 0; i < requests.size(); i++) {
                DownloadRequest request = requests.get(i);
                String name =
                        names.claim(request.outName() != null ? request.outName() : FileNames.fromUri(request.uri()));
                inFlight.acquire();
                TaskFuture<RemoteDownload.Outcome> future =
                        pool.submit(name, RemoteDownload.of(request, name, settings));
                int index = i;
                future.addDoneCallback(done -> {
                    try {
                        finished(index, request, done, results, members, records, quiet, err);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(settings.jobs()); // every download has ended
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<DownloadResult> all = List.of(results);
        if (!quiet) {
            Summary.print(err, all, seconds, names.directory());
            Map<String, Integer> perMember = new TreeMap<>();
            for (String member : members) {
                if (member != null) {
                    perMember.merge(member, 1, Integer::sum);
                }
            }
            StringBuilder line = new StringBuilder("Files are on the members, each in its own -d directory:");
            perMember.forEach((member, count) ->
                    line.append(' ').append(member).append(" (").append(count).append(')'));
            err.println(line);
            err.flush();
        }
        return all.stream().anyMatch(DownloadResult::failed) ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private static void finished(
            int index,
            DownloadRequest request,
            TaskFuture<RemoteDownload.Outcome> done,
            DownloadResult[] results,
            String[] members,
            JsonRecords records,
            boolean quiet,
            PrintWriter err) {
        DownloadResult result;
        String member = null;
        try {
            RemoteDownload.Outcome outcome = done.get();
            result = outcome.result();
            member = outcome.member();
        } catch (ExecutionException | CancellationException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            result = new DownloadResult(
                    request.uri(),
                    null,
                    0,
                    DownloadResult.Status.FAILED,
                    0,
                    0,
                    "could not run on the cluster: "
                            + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        }
        results[index] = result;
        members[index] = member;
        if (records != null) {
            records.write(result, member);
        }
        if (quiet && result.failed()) {
            synchronized (err) {
                err.println("multitask get: " + result.url() + ": " + result.error());
                err.flush();
            }
        }
    }
}
