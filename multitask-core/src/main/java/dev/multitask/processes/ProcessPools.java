package dev.multitask.processes;

import dev.multitask.Pool;
import dev.multitask.internal.PoolConfig;

/** Makes {@link ProcessPool}s; the class is not public so that {@link Pool} stays the only face of a pool. */
public final class ProcessPools {

    private ProcessPools() {}

    public static Pool create(PoolConfig config, int workers) {
        return new ProcessPool(config, workers);
    }
}
