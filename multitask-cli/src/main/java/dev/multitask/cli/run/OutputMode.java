package dev.multitask.cli.run;

/** What becomes of a job's standard output and error. */
enum OutputMode {
    /** Captured whole and printed when the job ends, so that no two jobs' output interleave (the default). */
    GROUP,
    /** Passed on line by line as it comes ({@code --line-buffer}): lines of different jobs interleave, never mix. */
    LINE_BUFFER,
    /** Passed straight to the runner's own streams ({@code -u}): fastest, and may mix lines. */
    UNGROUP
}
