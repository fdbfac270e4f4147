package dev.multitask.internal;

import dev.multitask.ProcessOptions;
import dev.multitask.Strategy;
import dev.multitask.TaskFuture;
import java.util.function.BiConsumer;

/**
 * What a {@link dev.multitask.Pool.Builder} collected.
 *
 * @param name the pool's name, or {@code null} to generate one
 * @param uncaughtFailureHandler for failures of {@code execute}d tasks, or {@code null} for the default
 * @param processOptions for a process pool's workers; never {@code null}
 */
public record PoolConfig(
        Strategy strategy,
        String name,
        boolean tracing,
        int traceCapacity,
        BiConsumer<TaskFuture<?>, Throwable> uncaughtFailureHandler,
        ProcessOptions processOptions) {

    public PoolConfig {
        if (processOptions == null) {
            processOptions = ProcessOptions.defaults();
        }
    }

    public PoolConfig(
            Strategy strategy,
            String name,
            boolean tracing,
            int traceCapacity,
            BiConsumer<TaskFuture<?>, Throwable> uncaughtFailureHandler) {
        this(strategy, name, tracing, traceCapacity, uncaughtFailureHandler, ProcessOptions.defaults());
    }

    /** The same configuration under another name. */
    public PoolConfig withName(String name) {
        return new PoolConfig(strategy, name, tracing, traceCapacity, uncaughtFailureHandler, processOptions);
    }
}
