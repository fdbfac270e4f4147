package dev.multitask.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pool whose workers are the threads of a JDK {@link ExecutorService}: the JDK's proven queueing and worker
 * lifecycle, with the pool's task, trace and shutdown contract on top. Subclasses choose the executor and the thread
 * factory; termination additionally waits for every thread the factory made to end.
 */
public abstract class ExecutorBackedPool extends AbstractPool {

    private final ExecutorService executor;
    private final WorkerThreads threads;
    private final int defaultInFlight;
    private final Runnable onTerminated;
    private final AtomicBoolean reaperStarted = new AtomicBoolean();

    /**
     * @param workers the worker count utilisation is measured against, or 0 for the peak of tasks run at once
     * @param executor runs the tasks; {@code cancelPending} empties its queue through {@link #drainQueue}, and its
     *     {@code shutdownNow} must return the tasks that never started
     * @param threads the factory {@code executor} makes its threads with
     */
    protected ExecutorBackedPool(
            PoolConfig config, int workers, ExecutorService executor, WorkerThreads threads, int defaultInFlight) {
        this(config, workers, executor, threads, defaultInFlight, null);
    }

    /**
     * @param onTerminated run once, in a thread of the pool, after the executor has terminated and before the pool
     *     counts as terminated; for releasing what the workers used, such as a connection to a cluster
     */
    protected ExecutorBackedPool(
            PoolConfig config,
            int workers,
            ExecutorService executor,
            WorkerThreads threads,
            int defaultInFlight,
            Runnable onTerminated) {
        super(config, workers);
        this.executor = executor;
        this.threads = threads;
        this.defaultInFlight = defaultInFlight;
        this.onTerminated = onTerminated;
    }

    /** Starts, once, the thread that runs {@code onTerminated} when the executor has terminated. */
    private void startReaper() {
        if (onTerminated != null && reaperStarted.compareAndSet(false, true)) {
            threads.newThread(() -> {
                        boolean interrupted = false;
                        while (true) {
                            try {
                                executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                                break;
                            } catch (InterruptedException e) {
                                interrupted = true; // shutdownNow: keep waiting, the release must still happen
                            }
                        }
                        onTerminated.run();
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    })
                    .start();
        }
    }

    @Override
    protected final void dispatch(PoolTask<?> task) {
        executor.execute(task);
    }

    /** Empties a {@link ThreadPoolExecutor}'s queue; an executor of another kind must override this. */
    @Override
    protected List<Runnable> drainQueue() {
        List<Runnable> drained = new ArrayList<>();
        if (executor instanceof ThreadPoolExecutor queued) {
            queued.getQueue().drainTo(drained);
        }
        return drained;
    }

    @Override
    protected final int defaultInFlight() {
        return defaultInFlight;
    }

    /** Tiny tasks get a window of up to this many; at a few hundred bytes a task, well under a megabyte. */
    @Override
    protected final int maxDefaultInFlight() {
        return Math.max(defaultInFlight, 4096);
    }

    @Override
    public final void shutdown() {
        executor.shutdown();
        startReaper();
    }

    @Override
    public final List<Runnable> shutdownNow() {
        List<Runnable> neverStarted = cancelAll(executor.shutdownNow());
        startReaper();
        return neverStarted;
    }

    @Override
    public final boolean isShutdown() {
        return executor.isShutdown();
    }

    @Override
    public final boolean isTerminated() {
        return executor.isTerminated() && threads.allEnded();
    }

    @Override
    public final boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = deadline(timeout, unit);
        return executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                && threads.awaitAllEnded(deadline);
    }
}
