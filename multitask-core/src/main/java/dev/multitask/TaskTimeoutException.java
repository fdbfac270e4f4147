package dev.multitask;

import java.time.Duration;

/** A task's result was not ready in time. The task itself is not cancelled by this exception. */
public final class TaskTimeoutException extends TaskException {

    public TaskTimeoutException(long taskId, String label, Duration timeout) {
        super(describe(taskId, label) + " was not done within " + timeout, null, taskId, label);
    }
}
