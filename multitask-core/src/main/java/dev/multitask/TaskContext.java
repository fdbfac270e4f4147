package dev.multitask;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which task an exception came from. A {@link Pool} adds one to every exception a task throws, as a suppressed
 * exception, so the context shows wherever the exception is printed, however far it travels.
 */
public final class TaskContext extends RuntimeException {

    private final String pool;
    private final long taskId;
    private final String label;
    private final String worker;

    public TaskContext(String pool, long taskId, String label, String worker) {
        super(TaskException.describe(taskId, label) + " of pool " + pool + " on " + worker, null, false, false);
        this.pool = pool;
        this.taskId = taskId;
        this.label = label;
        this.worker = worker;
    }

    /** The context a pool added to {@code failure}, if any. */
    public static Optional<TaskContext> of(Throwable failure) {
        return Arrays.stream(failure.getSuppressed())
                .filter(TaskContext.class::isInstance)
                .map(TaskContext.class::cast)
                .findFirst();
    }

    public String pool() {
        return pool;
    }

    public long taskId() {
        return taskId;
    }

    /** The task's label or input, or {@code null}. */
    public String label() {
        return label;
    }

    /** The name of the worker that ran the task. */
    public String worker() {
        return worker;
    }
}
