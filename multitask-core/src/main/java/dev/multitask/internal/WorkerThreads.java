package dev.multitask.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Makes a pool's threads, named {@code multitask-POOL-ROLE-N}, and remembers the live ones so that the pool can wait
 * for every one of them to end: an executor that reports termination may still have threads finishing their exit.
 */
public final class WorkerThreads implements ThreadFactory {

    // A builder's factory is thread-safe and numbers the names itself; a builder is not, and executors such as the
    // thread-per-task one call newThread from every submitting thread at once.
    private final ThreadFactory factory;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    // Threads whose work is done but which may not have exited yet; pruned as new threads are made.
    private final Set<Thread> exiting = ConcurrentHashMap.newKeySet();
    // Prune when exiting grows past this, then set it to twice what is left: amortised O(1) per thread made.
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
        if (exiting.size() > pruneAt) {
            exiting.removeIf(thread -> !thread.isAlive());
            pruneAt = Math.max(64, 2 * exiting.size());
        }
        Thread thread = factory.newThread(() -> {
            try {
                work.run();
            } finally {
                Thread self = Thread.currentThread();
                exiting.add(self);
                running.remove(self);
            }
        });
        running.add(thread);
        return thread;
    }

    /**
     * Waits until every thread made here has ended, or the deadline, in {@link System#nanoTime()} terms, passes.
     *
     * @return whether all have ended
     */
    public boolean awaitAllEnded(long deadlineNanos) throws InterruptedException {
        for (Set<Thread> threads : List.of(running, exiting)) {
            for (Thread thread : threads) {
                if (thread.getState() != Thread.State.NEW) { // the executor made it but never started it
                    long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0 || !thread.join(Duration.ofNanos(remaining))) {
                        return false;
                    }
                }
                threads.remove(thread);
            }
        }
        return running.isEmpty();
    }

    /** Whether every thread made here has ended, without waiting. */
    public boolean allEnded() {
        return running.isEmpty() && exiting.stream().noneMatch(Thread::isAlive);
    }
}
