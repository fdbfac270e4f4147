package dev.multitask.cli.get;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed download again: exponential backoff from {@code firstWait}, doubled on each retry, with
 * jitter (a random factor between 0.5 and 1.5, so that many downloads failing together do not retry together),
 * capped at {@link GetSettings#MAX_WAIT}. A server's {@code Retry-After} replaces the backoff when it asks for more.
 */
final class RetryPolicy {

    private final int retries;
    private final Duration firstWait;

    RetryPolicy(int retries, Duration firstWait) {
        this.retries = retries;
        this.firstWait = firstWait;
    }

    /** Whether a download that has made {@code attempts} attempts may make another. */
    boolean mayRetry(int attempts) {
        return attempts <= retries;
    }

    /** The wait before attempt {@code attempts + 1}, given the failure of attempt {@code attempts}. */
    Duration waitAfter(int attempts, DownloadException failure) {
        long base = firstWait.toNanos() << Math.min(attempts - 1, 20);
        long jittered = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
        Duration wait = Duration.ofNanos(Math.max(0, jittered));
        if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
            wait = failure.retryAfter();
        }
        return wait.compareTo(GetSettings.MAX_WAIT) > 0 ? GetSettings.MAX_WAIT : wait;
    }

    /** Parses a Retry-After value, seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
