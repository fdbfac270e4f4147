package dev.multitask.virtual;

import dev.multitask.Pool;
import dev.multitask.internal.PoolConfig;

/** Makes {@link VirtualPool}s; the class is not public so that {@link Pool} stays the only face of a pool. */
public final class VirtualPools {

    private VirtualPools() {}

    /** @param limit the most tasks running at once, or 0 for no limit */
    public static Pool create(PoolConfig config, int limit) {
        return new VirtualPool(config, limit);
    }
}
