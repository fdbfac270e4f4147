package dev.multitask.cli.get;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Limits the bytes per second of all downloads together ({@code --limit-rate}). Each call reserves the time its bytes
 * take at the given rate, after the reservations before it, and sleeps until then: a virtual clock, so that many
 * threads share the rate fairly in arrival order. Up to a quarter of a second of unused rate may be spent at once,
 * so that a pause does not turn into a lasting shortfall, and no more, so that the rate holds over any second.
 */
final class RateLimiter {

    private static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final double nanosPerByte;
    private long nextFree = System.nanoTime();

    /** A limiter of {@code bytesPerSecond}, which must be positive. */
    RateLimiter(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        }
        this.nanosPerByte = 1e9 / bytesPerSecond;
    }

    /** Waits until {@code bytes} more bytes fit the rate. */
    void acquire(int bytes) throws InterruptedException {
        long wakeAt;
        synchronized (this) {
            long now = System.nanoTime();
            nextFree = Math.max(nextFree, now - BURST_NANOS);
            nextFree += (long) (bytes * nanosPerByte);
            wakeAt = nextFree - BURST_NANOS;
        }
        for (long wait = wakeAt - System.nanoTime(); wait > 0; wait = wakeAt - System.nanoTime()) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
