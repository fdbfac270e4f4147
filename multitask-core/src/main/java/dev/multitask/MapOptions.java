package dev.multitask;

import java.time.Duration;

/**
 * How {@link Pool#map(java.util.function.Function, Iterable, MapOptions)} feeds a pool.
 *
 * @param inFlight the most tasks submitted but not yet taken from the stream; 0 lets the pool choose: for a pool of
 *     threads, twice its workers and at least 16, growing up to 4,096 while tasks are so short that fewer would leave
 *     workers idle (the window then holds about 2 ms of work); 1 for a sequential pool
 * @param chunkSize how many inputs travel together to a worker that is not in this process; 1 sends each alone
 * @param timeout the time from the call to {@code map} within which every result must be ready; {@code null} for
 *     none
 */
public record MapOptions(int inFlight, int chunkSize, Duration timeout) {

    private static final MapOptions DEFAULTS = new MapOptions(0, 1, null);

    public MapOptions {
        if (inFlight < 0) {
            throw new IllegalArgumentException("in-flight limit must be at least 0, got " + inFlight);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + chunkSize);
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
    }

    public static MapOptions defaults() {
        return DEFAULTS;
    }

    public MapOptions withInFlight(int inFlight) {
        return new MapOptions(inFlight, chunkSize, timeout);
    }

    public MapOptions withChunkSize(int chunkSize) {
        return new MapOptions(inFlight, chunkSize, timeout);
    }

    public MapOptions withTimeout(Duration timeout) {
        return new MapOptions(inFlight, chunkSize, timeout);
    }
}
