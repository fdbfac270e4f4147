package dev.multitask.processes;

import java.util.concurrent.Callable;

/**
 * What a process pool's {@link dev.multitask.internal.PoolTask} calls in place of the submitted task: it hands the
 * task to the worker of the slot thread that runs it.
 */
record RemoteCall<T>(Callable<T> task) implements Callable<T> {

    @Override
    public T call() throws Exception {
        Slot slot = Slot.current();
        if (slot == null) {
            throw new IllegalStateException("a process pool's task ran outside the pool's slot threads");
        }
        @SuppressWarnings("unchecked")
        T result = (T) slot.call(task);
        return result;
    }
}
