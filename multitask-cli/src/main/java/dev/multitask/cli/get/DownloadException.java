package dev.multitask.cli.get;

import java.time.Duration;

/**
 * Why one attempt at a download failed, in one line for the user, and whether another attempt may succeed: network
 * errors and 5xx, 408 and 429 answers may; 4xx answers, a checksum mismatch or a local write error will not.
 */
final class DownloadException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private DownloadException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        super(message, cause, false, false);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    static DownloadException retryable(String message) {
        return new DownloadException(message, null, true, null);
    }

    static DownloadException retryable(String message, Throwable cause) {
        return new DownloadException(message, cause, true, null);
    }

    /** A retryable failure whose server said how long to wait ({@code Retry-After}); null when it did not. */
    static DownloadException retryAfter(String message, Duration retryAfter) {
        return new DownloadException(message, null, true, retryAfter);
    }

    static DownloadException fatal(String message) {
        return new DownloadException(message, null, false, null);
    }

    static DownloadException fatal(String message, Throwable cause) {
        return new DownloadException(message, cause, false, null);
    }

    boolean retryable() {
        return retryable;
    }

    /** The server's Retry-After, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
