package dev.multitask;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can travel to a worker process of a {@link Pool#processes(int) process pool}, for {@link
 * Pool#map}. A lambda becomes serializable when it is cast to this type, provided that everything it captures is
 * serializable too:
 *
 * <pre>{@code
 * pool.map((SerializableFunction<Path, Long>) path -> checksum(path), paths)
 * }</pre>
 *
 * @param <T> the input type, which must be serializable
 * @param <R> the result type, which must be serializable
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}
