package dev.multitask;

/** A task did not give its result: the base of {@link TaskFailedException} and {@link TaskTimeoutException}. */
public abstract sealed class TaskException extends RuntimeException permits TaskFailedException, TaskTimeoutException {

    private final long taskId;
    private final String label;

    TaskException(String message, Throwable cause, long taskId, String label) {
        super(message, cause);
        this.taskId = taskId;
        this.label = label;
    }

    /** The task's number in its pool. */
    public long taskId() {
        return taskId;
    }

    /** The task's label or input, or {@code null}. */
    public String label() {
        return label;
    }

    static String describe(long taskId, String label) {
        return label == null ? "task #" + taskId : "task #" + taskId + " (" + label + ")";
    }
}
