package dev.multitask.cli.run;

/** Receives whole lines of a job's output under {@code --line-buffer}. Implementations are thread-safe. */
interface LineSink {

    /** Writes {@code length} bytes of {@code line} (ending in a newline, except a last unterminated line). */
    void line(Job job, boolean stderr, byte[] line, int length);
}
