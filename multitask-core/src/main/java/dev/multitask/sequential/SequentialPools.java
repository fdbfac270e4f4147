package dev.multitask.sequential;

import dev.multitask.Pool;
import dev.multitask.internal.PoolConfig;

/** Makes {@link SequentialPool}s; the class is not public so that {@link Pool} stays the only face of a pool. */
public final class SequentialPools {

    private SequentialPools() {}

    public static Pool create(PoolConfig config) {
        return new SequentialPool(config);
    }
}
