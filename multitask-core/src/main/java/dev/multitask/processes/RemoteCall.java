package dev.multitask.processes;

import java.util.concurrent.Callable;

/**
 * What a process pool's {@link dev.multitask.internal.PoolTask} calls in place of the submitted task: it hands the
 * task to the worker of the slot thread that runs it. A slot may ship the task to its worker ahead of running it, so
 * that the worker finds it waiting when it finishes the task before; only that slot's thread touches the fields.
 */
final class RemoteCall<T> implements Callable<T> {

    private final Callable<T> task;
    /** The worker the task was shipped to ahead of its run, whose reply for it is still unread; or {@code null}. */
    WorkerProcess shippedTo;
    /** How many bytes were shipped for it, while {@link #shippedTo} is set. */
    int shippedBytes;
    /** It could not be serialized when shipped ahead; it fails with the reason when it runs. */
    boolean unshippable;

    RemoteCall(Callable<T> task) {
        this.task = task;
    }

    Callable<T> task() {
        return task;
    }

    @Override
    public T call() throws Exception {
        Slot slot = Slot.current();
        if (slot == null) {
            throw new IllegalStateException("a process pool's task ran outside the pool's slot threads");
        }
        @SuppressWarnings("unchecked")
        T result = (T) slot.call(this);
        return result;
    }
}
