package dev.multitask.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts turned into {@link System#nanoTime()} deadlines, one way for every wait in the library. {@link #NONE}
 * stands for no deadline; a timeout too long to add to the clock saturates just below it, so that it is still a
 * deadline, only one that is never reached.
 */
public final class Deadlines {

    /** No deadline: wait as long as it takes. */
    public static final long NONE = Long.MAX_VALUE;

    private Deadlines() {}

    /** {@code timeout} from now, or {@link #NONE} for a {@code null} timeout. */
    public static long after(Duration timeout) {
        return timeout == null ? NONE : after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@code timeout} from now. */
    public static long after(long timeout, TimeUnit unit) {
        long now = System.nanoTime();
        long nanos = unit.toNanos(timeout);
        long sum = now + nanos;
        return ((now ^ sum) & (nanos ^ sum)) < 0 ? NONE - 1 : Math.min(sum, NONE - 1);
    }
}
