package dev.multitask.internal;

import dev.multitask.Pool;

/**
 * Supplies pools of a strategy that lives outside {@code multitask-core}, found with {@link java.util.ServiceLoader}.
 * For the project's own modules; not a stable interface for others yet.
 */
public interface PoolProvider {

    /** The strategy kind served, as written in strategy text, such as {@code cluster}. */
    String kind();

    /** A new pool for {@code config}, whose strategy is of this provider's kind. */
    Pool create(PoolConfig config);
}
