package dev.multitask.auto;

import dev.multitask.Pool;
import dev.multitask.internal.PoolConfig;

/** Makes {@link AutoPool}s; the class is not public so that {@link Pool} stays the only face of a pool. */
public final class AutoPools {

    private AutoPools() {}

    public static Pool create(PoolConfig config) {
        return AutoPool.start(config);
    }
}
