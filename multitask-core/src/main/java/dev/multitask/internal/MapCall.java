package dev.multitask.internal;

import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One input of {@code Pool.map} applied to the function: a value rather than a lambda, so that it serializes whenever
 * the function and the input do, for pools whose workers are other processes, and so that such a pool can send the
 * function once rather than with every input.
 */
public record MapCall<T, R>(Function<? super T, ? extends R> function, T input) implements Callable<R>, Serializable {

    @Override
    public R call() {
        return function.apply(input);
    }
}
