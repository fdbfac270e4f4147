package dev.multitask.internal;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Runnable} as a {@link Callable}, like {@link java.util.concurrent.Executors#callable}, but serializable
 * whenever the runnable and the result are, for pools whose workers are other processes.
 */
record RunnableCall<T>(Runnable runnable, T result) implements Callable<T>, Serializable {

    @Override
    public T call() {
        runnable.run();
        return result;
    }
}
