package dev.multitask.processes;

import java.io.IOException;
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

    /** The task, serialized when it was submitted, until it is shipped; or {@code null}. */
    private volatile byte[] serialized;

    RemoteCall(Callable<T> task) {
        this.task = task;
    }

    Callable<T> task() {
        return task;
    }

    /**
     * Serializes the task now, in the submitting thread, for its slot to ship as it is; a task that cannot be
     * serialized is left to fail when shipped, with the reason.
     */
    void serializeNow() {
        try {
            serialized = Serialization.write(task);
        } catch (IOException | RuntimeException e) {
            // shipping serializes it again and fails the task with the reason
        }
    }

    /** The bytes of {@link #serializeNow}, once, or {@code null}: a task shipped again is serialized again. */
    byte[] takeSerialized() {
        byte[] bytes = serialized;
        serialized = null;
        return bytes;
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
