package dev.multitask.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Makes a pool's threads, named {@code multitask-POOL-ROLE-N}, and remembers them so that the pool can wait for every
 * one of them to end: an executor that reports termination may still have threads finishing their exit.
 *
 * <p>A thread is remembered from when it is made until a later {@link #newThread} finds it ended; nothing runs when it
 * ends. That costs one set insert per thread and, amortised, one removal, which matters for a thread-per-task pool of
 * virtual threads, where it is paid by every task: tracking each thread's end as well, with a wrapper that moved it
 * between two sets, cost twice as many set updates.
 */
public final class WorkerThreads implements ThreadFactory {

    // A builder's factory is thread-safe and numbers the names itself; a builder is not, and executors such as the
    // thread-per-task one call newThread from every submitting thread at once.
    private final ThreadFactory factory;
    private final Set<Thread> made = ConcurrentHashMap.newKeySet();
    // Forget ended threads when more than this many are remembered, then set it to twice what is left: amortised
    // O(1) per thread made.
    private volatile int pruneAt = 64;

    private WorkerThreads(Thread.Builder builder, String prefix) {
        this.factory = builder.name(prefix, 1).factory();
    }

    /** Platform threads named {@code multitask-POOL-worker-N}. */
    public static WorkerThreads platform(String pool) {
        return new WorkerThreads(Thread.ofPlatform().daemon(false), "multitask-" + pool + "-worker-");
    }

    /** Virtual threads named {@code multitask-POOL-ROLE-N}. */
    public static WorkerThreads virtual(String pool, String role) {
        return new WorkerThreads(Thread.ofVirtual(), "multitask-" + pool + "-" + role + "-");
    }

    @Override
    public Thread newThread(Runnable work) {
        if (made.size() > pruneAt) {
            made.removeIf(WorkerThreads::ended);
            pruneAt = Math.max(64, 2 * made.size());
        }
        Thread thread = factory.newThread(work);
        made.add(thread);
        return thread;
    }

    /** Ended, or made and never started: nothing left to wait for. */
    private static boolean ended(Thread thread) {
        return !thread.isAlive();
    }

    /**
     * Waits until every thread made here has ended, or the deadline, in {@link System#nanoTime()} terms, passes.
     *
     * @return whether all have ended
     */
    public boolean awaitAllEnded(long deadlineNanos) throws InterruptedException {
        for (Thread thread : made) {
            if (thread.getState() != Thread.State.NEW) { // the executor made it but never started it
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || !thread.join(Duration.ofNanos(remaining))) {
                    return false;
                }
            }
            made.remove(thread);
        }
        return made.isEmpty();
    }

    /** Whether every thread made here has ended, without waiting. */
    public boolean allEnded() {
        return made.stream().allMatch(WorkerThreads::ended);
    }
}
