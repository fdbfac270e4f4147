package dev.multitask;

/**
 * The worker process running a task ended before the task did: the task called {@code System.exit}, the process was
 * killed, ran out of memory outside the task's reach, or the JVM crashed. Only the tasks that were running on that
 * worker fail with it (after their {@linkplain ProcessOptions#withRetries retries}); the pool starts a replacement and
 * goes on.
 */
public final class WorkerDiedException extends RuntimeException {

    private final String worker;
    private final long pid;
    private final int exitStatus;

    public WorkerDiedException(String worker, long pid, int exitStatus, String detail) {
        super(
                "worker " + worker + " (pid " + pid + ") died with " + describeStatus(exitStatus)
                        + (detail == null ? "" : " " + detail),
                null,
                true,
                true);
        this.worker = worker;
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    /** The worker's name, such as {@code processes-1-worker-2}. */
    public String worker() {
        return worker;
    }

    /** The operating system's id of the worker process. */
    public long pid() {
        return pid;
    }

    /**
     * The worker's exit status as {@link Process#exitValue()} reports it: on Linux and macOS 128 plus the signal number
     * when a signal ended it (137 for {@code kill -9}); -1 when it could not be learned.
     */
    public int exitStatus() {
        return exitStatus;
    }

    private static String describeStatus(int status) {
        if (status < 0) {
            return "an unknown exit status";
        }
        if (status > 128 && status < 160) {
            return "exit status " + status + " (signal " + (status - 128) + ")";
        }
        return "exit status " + status;
    }
}
