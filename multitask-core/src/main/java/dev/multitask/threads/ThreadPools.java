package dev.multitask.threads;

import dev.multitask.Pool;
import dev.multitask.internal.PoolConfig;

/** Makes {@link ThreadPool}s; the class is not public so that {@link Pool} stays the only face of a pool. */
public final class ThreadPools {

    private ThreadPools() {}

    public static Pool create(PoolConfig config, int workers) {
        return new ThreadPool(config, workers);
    }
}
