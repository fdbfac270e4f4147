package dev.multitask.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a pool's threads, named {@code multitask-POOL-ROLE-N}, and remembers them so that the pool can wait for every
 * one of them to end: an executor that reports termination may still have threads finishing their exit.
 *
 * <p>The exception is {@link #perTask}, the factory of a thread-per-task executor, which remembers nothing: such an
 * executor already tracks each of its threads until the thread's task returns, and remembering them a second time
 * cost a thread-per-task pool 40% of its throughput on no-op tasks.
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
    private final Set<Thread> made; // null when the executor tracks its threads itself
    private final String platformName; // multitask-POOL-worker-, for the threads a ForkJoinPool makes
    private final AtomicInteger forkJoinWorkers = new AtomicInteger();
    // Forget ended threads when more than this many are remembered, then set it to twice what is left: amortised
    // O(1) per thread made.
    private volatile int pruneAt = 64;

    /** @param platformName the name prefix of fork-join workers, or null where this makes none */
    private WorkerThreads(ThreadFactory factory, boolean remember, String platformName) {
        this.factory = factory;
        this.made = remember ? ConcurrentHashMap.newKeySet() : null;
        this.platformName = platformName;
    }

    /**
     * Platform threads named {@code multitask-POOL-worker-N}, not daemons; {@link #forkJoinWorker} makes them for a
     * {@link ForkJoinPool}.
     */
    public static WorkerThreads platform(String pool) {
        String name = "multitask-" + pool + "-worker-";
        return new WorkerThreads(Thread.ofPlatform().daemon(false).name(name, 1).factory(), true, name);
    }

    /** Virtual threads named {@code multitask-POOL-ROLE-N}. */
    public static WorkerThreads virtual(String pool, String role) {
        return new WorkerThreads(
                Thread.ofVirtual()
                        .name("multitask-" + pool + "-" + role + "-", 1)
                        .factory(),
                true,
                null);
    }

    /**
     * Virtual threads for an executor that starts one per task and tracks them itself until their task returns, such
     * as {@link java.util.concurrent.Executors#newThreadPerTaskExecutor}: that executor's termination is theirs, so
     * they are not remembered here, and {@link #awaitAllEnded} and {@link #allEnded} return true at once.
     *
     * <p>All share one name, {@code multitask-POOL-task}; thread dumps tell them apart by thread id. A name per thread
     * is a string made per task: it cost a fifth of a pool's throughput on no-op tasks, and 40% of a traced one's.
     */
    public static WorkerThreads perTask(String pool) {
        return new WorkerThreads(
                Thread.ofVirtual().name("multitask-" + pool + "-task").factory(), false, null);
    }

    /**
     * A worker thread for {@code pool}, for use as its {@link ForkJoinPool.ForkJoinWorkerThreadFactory}: named and
     * remembered like the threads of {@link #newThread}, and like them not a daemon (a ForkJoinPool's own are).
     */
    public ForkJoinWorkerThread forkJoinWorker(ForkJoinPool pool) {
        if (platformName == null) {
            throw new IllegalStateException("fork-join workers are platform threads: use WorkerThreads.platform");
        }
        return remember(new ForkJoinWorker(pool, platformName + forkJoinWorkers.incrementAndGet()));
    }

    private static final class ForkJoinWorker extends ForkJoinWorkerThread {
        ForkJoinWorker(ForkJoinPool pool, String name) {
            super(null, pool, true);
            setName(name);
            setDaemon(false);
        }
    }

    @Override
    public Thread newThread(Runnable work) {
        return made == null ? factory.newThread(work) : remember(factory.newThread(work));
    }

    private <T extends Thread> T remember(T thread) {
        if (made.size() > pruneAt) {
            made.removeIf(WorkerThreads::ended);
            pruneAt = Math.max(64, 2 * made.size());
        }
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
        if (made == null) {
            return true;
        }
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
        return made == null || made.stream().allMatch(WorkerThreads::ended);
    }
}
