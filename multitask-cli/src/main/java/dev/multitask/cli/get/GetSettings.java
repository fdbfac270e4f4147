package dev.multitask.cli.get;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The options of one {@code multitask get} run, checked and in the units the engine uses.
 *
 * @param directory where files go; every file written is directly inside it
 * @param jobs the most downloads running at once
 * @param perHost the most downloads running at once against one host and port, or 0 for no limit beyond jobs
 * @param retries how many times a failed download is tried again (so at most {@code retries + 1} attempts)
 * @param retryWait the first wait before a retry; it doubles on each retry, with jitter, capped at {@link #MAX_WAIT}
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param readTimeout the longest wait for response headers, and the longest silence in the middle of a body
 * @param maxSize the largest body accepted in bytes, or -1 for no limit
 * @param resume whether to continue {@code .part} files left by an earlier run ({@code -c})
 * @param existing what to do about a file that already exists
 * @param limitRate the most bytes per second for all downloads together, or 0 for no limit
 * @param headers extra request headers, in order
 * @param userAgent the User-Agent header
 * @param maxRedirects the most redirects followed for one file
 */
record GetSettings(
        Path directory,
        int jobs,
        int perHost,
        int retries,
        Duration retryWait,
        Duration connectTimeout,
        Duration readTimeout,
        long maxSize,
        boolean resume,
        ExistingFilePolicy existing,
        long limitRate,
        List<Map.Entry<String, String>> headers,
        String userAgent,
        int maxRedirects) {

    /** The longest wait between two attempts, whatever the backoff or a server's Retry-After says. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
}
