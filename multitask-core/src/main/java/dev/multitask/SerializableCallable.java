package dev.multitask;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can travel to a worker process of a {@link Pool#processes(int) process pool}. A lambda
 * becomes serializable when it is cast to this type, provided that everything it captures is serializable too:
 *
 * <pre>{@code
 * TaskFuture<Long> count = pool.submit((SerializableCallable<Long>) () -> countPrimes(0, 1_000_000));
 * }</pre>
 *
 * @param <V> the type of the task's result, which must be serializable as well
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {}
