package dev.multitask;

/** A task threw; {@link #getCause()} is what it threw. Thrown by {@link Pool#map} and {@link TaskFuture#result}. */
public final class TaskFailedException extends TaskException {

    public TaskFailedException(long taskId, String label, Throwable cause) {
        super(describe(taskId, label) + " failed: " + cause, cause, taskId, label);
    }
}
