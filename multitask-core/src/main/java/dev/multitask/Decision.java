package dev.multitask;

import java.util.Objects;

/**
 * A choice a pool made while it ran, kept in its {@link Trace}: so far, an {@link Pool#auto()} pool changing how many
 * tasks it runs at once, and why.
 *
 * @param atNanos when, in nanoseconds from the trace's {@linkplain Trace#origin() origin}
 * @param limit the concurrency limit from then on
 * @param reason what the pool measured that led to it, in words, such as {@code "tasks spend 99% of their time
 *     waiting and run time is steady: limit 8 -> 32"}
 */
public record Decision(long atNanos, int limit, String reason) {

    public Decision {
        Objects.requireNonNull(reason, "reason");
    }
}
