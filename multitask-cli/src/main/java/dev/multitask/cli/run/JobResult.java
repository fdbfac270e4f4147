package dev.multitask.cli.run;

import java.io.Serializable;

/**
 * How one job ended.
 *
 * @param exitval the exit value; -1 when the job was killed for its {@code --timeout}, as in GNU parallel's joblog
 * @param signal the signal that killed it, or 0
 * @param stdout the captured standard output (empty when not captured)
 * @param stderr the captured standard error (empty when not captured)
 * @param received the number of bytes the job wrote to standard output
 * @param startMillis when it started, in milliseconds since the epoch
 * @param runtimeNanos how long it ran
 * @param aborted whether the runner killed it (halt or interrupt): it did not finish, so it is neither printed nor
 *     logged, and {@code --resume} runs it again
 * @param host the {@code host:port} of the cluster member that ran it, or {@code null} when it ran here
 */
record JobResult(
        int exitval,
        int signal,
        byte[] stdout,
        byte[] stderr,
        long received,
        long startMillis,
        long runtimeNanos,
        boolean aborted,
        String host)
        implements Serializable {

    static final byte[] NONE = new byte[0];

    /** The same result, as run by the cluster member at {@code host}. */
    JobResult onHost(String host) {
        return new JobResult(exitval, signal, stdout, stderr, received, startMillis, runtimeNanos, aborted, host);
    }

    boolean failed() {
        return exitval != 0 || signal != 0;
    }

    /** A job's status for the exit code of {@code --halt ...,fail=1}: its exit value, or 128 + the signal. */
    int status() {
        return exitval != 0 ? exitval : signal != 0 ? 128 + signal : 0;
    }
}
