package dev.multitask.cli.run;

/**
 * Where a finished job's output goes. The runner calls {@link #finished} for every job it started, one call at a time,
 * in the order the jobs end; an {@link JobResult#aborted() aborted} job is reported too, so that {@link KeepOrder}
 * can move past it, but prints nothing.
 */
interface JobOutput {

    void finished(Job job, JobResult result);

    /** Flushes what is written; called once at the end. */
    default void close() {}

    /** For modes whose output went out while the job ran ({@code --line-buffer}, {@code -u}, {@code --results}). */
    JobOutput NONE = (job, result) -> {};
}
