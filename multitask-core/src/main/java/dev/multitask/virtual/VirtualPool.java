package dev.multitask.virtual;

import dev.multitask.internal.ExecutorBackedPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.WorkerThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Virtual threads, for tasks that wait. Without a limit, every task starts its own virtual thread at once
 * ({@code multitask-POOL-task}; a trace names it {@code multitask-POOL-task#ID} by thread id), so nothing is ever
 * queued; the pool
 * terminates, as the JDK's thread-per-task executor does, once every task has returned. With a limit, that many virtual threads ({@code
 * multitask-POOL-worker-N}) take tasks from a queue, which bounds the load put on whatever the tasks wait for; idle
 * ones end after a second.
 */
final class VirtualPool extends ExecutorBackedPool {

    /** Virtual threads are cheap, so the window bounds memory, not concurrency: 10,000 waits overlap fully. */
    private static final int UNLIMITED_IN_FLIGHT = 10_000;

    VirtualPool(PoolConfig config, int limit) {
        this(
                config,
                limit,
                limit == 0 ? WorkerThreads.perTask(config.name()) : WorkerThreads.virtual(config.name(), "worker"));
    }

    private final int limit;

    private VirtualPool(PoolConfig config, int limit, WorkerThreads threads) {
        super(
                config,
                limit,
                executor(limit, threads),
                threads,
                limit == 0 ? UNLIMITED_IN_FLIGHT : Math.max(16, 2 * limit));
        this.limit = limit;
    }

    /**
     * Per-task threads share one name, so a trace or a failure tells them apart by thread id, made into a string
     * only for a task that is kept as a record or failed.
     */
    @Override
    protected String workerName(Thread worker) {
        return worker.isVirtual() && limit == 0 ? worker.getName() + "#" + worker.threadId() : worker.getName();
    }

    private static ExecutorService executor(int limit, WorkerThreads threads) {
        if (limit == 0) {
            return Executors.newThreadPerTaskExecutor(threads);
        }
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(limit, limit, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
