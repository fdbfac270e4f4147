package dev.multitask.threads;

import dev.multitask.internal.ExecutorBackedPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.WorkerThreads;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of platform threads taking tasks from one unbounded FIFO queue. Workers start on demand, one per
 * task until all exist, and live until shutdown; a task's exception never kills its worker.
 */
final class ThreadPool extends ExecutorBackedPool {

    ThreadPool(PoolConfig config, int workers) {
        this(config, workers, WorkerThreads.platform(config.name()));
    }

    private ThreadPool(PoolConfig config, int workers, WorkerThreads threads) {
        super(
                config,
                workers,
                new ThreadPoolExecutor(workers, workers, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), threads),
                threads,
                Math.max(16, 2 * workers));
    }
}
