package dev.multitask.threads;

import dev.multitask.internal.ExecutorBackedPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.WorkerThreads;
import java.util.List;

/**
 * A fixed number of platform threads that take tasks from a {@link FifoForkJoinPool}'s queues. Workers start on
 * demand and live until shutdown; a task's exception never kills its worker.
 *
 * <p>Tasks submitted from one thread start in the order submitted; see {@link FifoForkJoinPool} for why the queues are
 * a ForkJoinPool's and not one {@code LinkedBlockingQueue} as in {@code Executors.newFixedThreadPool}.
 */
final class ThreadPool extends ExecutorBackedPool {

    private final FifoForkJoinPool executor;

    ThreadPool(PoolConfig config, int workers) {
        this(config, workers, WorkerThreads.platform(config.name()));
    }

    private ThreadPool(PoolConfig config, int workers, WorkerThreads threads) {
        this(config, workers, threads, new FifoForkJoinPool(workers, threads));
    }

    private ThreadPool(PoolConfig config, int workers, WorkerThreads threads, FifoForkJoinPool executor) {
        super(config, workers, executor, threads, Math.max(16, 2 * workers));
        this.executor = executor;
    }

    @Override
    protected List<Runnable> drainQueue() {
        return executor.drainQueued();
    }
}
