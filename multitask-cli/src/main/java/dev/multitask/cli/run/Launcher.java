package dev.multitask.cli.run;

/**
 * Runs one job to its end: here as a child process ({@link JobLauncher}), or on a cluster member ({@link
 * ClusterLauncher}). Thread-safe: every worker of the runner's pool runs its jobs through the same launcher.
 */
interface Launcher {

    /**
     * Runs {@code job} once and waits for it; a job ended by {@link #abortAll} or {@link #killAll} comes back {@link
     * JobResult#aborted() aborted}.
     */
    JobResult run(Job job) throws InterruptedException;

    /** Stops starting jobs and terminates every running one with its descendants. */
    void abortAll();

    /** SIGKILL to every running job's tree at once (a second Ctrl-C). */
    void killAll();
}
