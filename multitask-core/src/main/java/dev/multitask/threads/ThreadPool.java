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
 *
 * <p>The queue is the {@link LinkedBlockingQueue} of {@code Executors.newFixedThreadPool}. A {@link
 * java.util.concurrent.LinkedTransferQueue} (a waiting worker is handed the task without a lock) ran no-op tasks 1.4
 * to 3 times as fast under real-time scheduling, but at 0.75 times the speed under the normal scheduler on a quiet
 * machine, which is what users run; see BENCHMARKS.md, session 3.
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
