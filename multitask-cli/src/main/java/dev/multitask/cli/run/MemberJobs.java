package dev.multitask.cli.run;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A cluster member's side of {@code multitask run --cluster}: one {@link JobLauncher} per run, so that the caller's
 * {@link Stop} (a halt with {@code now}, Ctrl-C) terminates exactly that run's jobs on every member. Hazelcast cannot
 * interrupt a task of its durable executor from the caller, so the caller sends this message instead. A run's
 * launcher is dropped when the caller says {@link Forget} at the end; a caller that dies leaves one small object.
 */
final class MemberJobs {

    private static final ConcurrentHashMap<String, JobLauncher> RUNS = new ConcurrentHashMap<>();

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "multitask-cluster-run-timer");
        t.setDaemon(true);
        return t;
    });

    private MemberJobs() {}

    /** The launcher of {@code run} on this member; its first job's shell and timeout hold for the whole run. */
    static JobLauncher launcher(String run, String shell, long timeoutNanos) {
        return RUNS.computeIfAbsent(
                run,
                r -> new JobLauncher(
                        shell,
                        OutputMode.GROUP,
                        timeoutNanos > 0 ? Duration.ofNanos(timeoutNanos) : null,
                        TIMER,
                        null));
    }

    /**
     * Terminates (or with {@code kill}, SIGKILLs) the run's jobs on this member, and makes its later jobs here end at
     * once as aborted, also those that arrive after this message.
     */
    record Stop(String run, boolean kill) implements Callable<Boolean>, Serializable {
        @Override
        public Boolean call() {
            JobLauncher launcher = launcher(run, "/bin/sh", 0);
            if (kill) {
                launcher.killAll();
            } else {
                launcher.abortAll();
            }
            return true;
        }
    }

    /** The run is over: its launcher is no longer needed on this member. */
    record Forget(String run) implements Callable<Boolean>, Serializable {
        @Override
        public Boolean call() {
            RUNS.remove(run);
            return true;
        }
    }
}
