package dev.multitask.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Hands out a pool's task ids, 1, 2, 3, ..., from a counter that has its cache line to itself. Submitters write the
 * counter on every task; an ordinary {@code AtomicLong} sits in the heap next to whatever was allocated with the pool,
 * such as its configuration, which every worker reads for every task, so each submit would evict that line from the
 * workers' caches. The padding fields around the counter are never used: the JVM lays out a superclass's fields
 * before a subclass's, so the counter ends up with 56 unused bytes on either side.
 */
final class TaskIds extends TaskIdsCounter {

    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;

    private static final VarHandle LAST;

    static {
        try {
            LAST = MethodHandles.lookup().findVarHandle(TaskIdsCounter.class, "last", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next id; safe to call from any thread. */
    long next() {
        return (long) LAST.getAndAdd(this, 1L) + 1;
    }
}

abstract class TaskIdsPadding {
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
}

abstract class TaskIdsCounter extends TaskIdsPadding {
    volatile long last;
}
