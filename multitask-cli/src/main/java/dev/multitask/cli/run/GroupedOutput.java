package dev.multitask.cli.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The default output: each job's standard output, then its standard error, written whole when it ends, so that no two
 * jobs' output interleave; with {@code --tag} every line starts with the job's arguments and a tab. Also the
 * {@link LineSink} of {@code --line-buffer}, which writes single lines the same way.
 */
final class GroupedOutput implements JobOutput, LineSink {

    private final OutputStream out;
    private final OutputStream err;
    private final boolean tag;

    GroupedOutput(OutputStream out, OutputStream err, boolean tag) {
        this.out = out;
        this.err = err;
        this.tag = tag;
    }

    @Override
    public synchronized void finished(Job job, JobResult result) {
        if (result.aborted()) {
            return;
        }
        try {
            byte[] prefix = tag ? job.tag().getBytes(StandardCharsets.UTF_8) : null;
            if (result.stdout().length > 0) {
                write(out, prefix, result.stdout(), result.stdout().length);
                out.flush();
            }
            if (result.stderr().length > 0) {
                write(err, prefix, result.stderr(), result.stderr().length);
                err.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void line(Job job, boolean stderr, byte[] line, int length) {
        OutputStream stream = stderr ? err : out;
        try {
            write(stream, tag ? job.tag().getBytes(StandardCharsets.UTF_8) : null, line, length);
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream stream, byte[] prefix, byte[] bytes, int length) throws IOException {
        if (prefix == null) {
            stream.write(bytes, 0, length);
            return;
        }
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && bytes[end] != '\n') {
                end++;
            }
            if (end < length) {
                end++; // keep the newline
            }
            stream.write(prefix);
            stream.write(bytes, start, end - start);
            start = end;
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.flush();
            err.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
