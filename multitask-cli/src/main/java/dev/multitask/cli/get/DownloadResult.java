package dev.multitask.cli.get;

import java.net.URI;
import java.nio.file.Path;

/**
 * How one download ended: one line of the summary and one {@code --json} record.
 *
 * @param url the URL asked for (before redirects)
 * @param path the file written or kept, or null when none
 * @param bytes the size of the file written, or the bytes received before a failure
 * @param status ok, skipped (the file existed) or failed
 * @param attempts the number of HTTP attempts made, 0 when skipped
 * @param seconds the wall time spent on this file, waits for retries included
 * @param error why it failed, one line; null unless failed
 */
record DownloadResult(URI url, Path path, long bytes, Status status, int attempts, double seconds, String error) {

    enum Status {
        OK,
        SKIPPED,
        FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    boolean failed() {
        return status == Status.FAILED;
    }
}
