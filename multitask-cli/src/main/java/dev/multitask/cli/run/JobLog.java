package dev.multitask.cli.run;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;

/**
 * {@code --joblog FILE}: one tab-separated line per finished job in GNU parallel's columns (Seq, Host, Starttime,
 * JobRuntime, Send, Receive, Exitval, Signal, Command), written as each job ends. Host is {@code :} (GNU parallel's
 * name for this machine) for a job run here, and the {@code host:port} of the member for a job run with {@code
 * --cluster}.
 *
 * <p>Each line goes to the file in one {@code write} and is flushed to the kernel at once, so a runner killed at any
 * moment leaves only whole lines for whole jobs (a newline in a command is written as NUL, as GNU parallel does), which is what {@code --resume} relies on. Jobs the runner itself
 * killed (halt, Ctrl-C) are not logged: they did not finish.
 */
final class JobLog implements AutoCloseable {

    static final String HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n";

    private final FileOutputStream out;

    /**
     * Opens the log; without {@code append} it starts afresh, as GNU parallel does without {@code --resume}.
     *
     * @throws RunException if the file cannot be written
     */
    JobLog(Path file, boolean append) {
        try {
            boolean header = !append || !Files.exists(file) || Files.size(file) == 0;
            this.out = new FileOutputStream(file.toFile(), append);
            if (header) {
                out.write(HEADER.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new RunException("cannot write the joblog " + file + ": " + e.getMessage());
        }
    }

    synchronized void write(Job job, JobResult result) {
        String line = String.format(
                Locale.ROOT,
                "%d\t%s\t%.3f\t%10.3f\t0\t%d\t%d\t%d\t%s\n",
                job.seq(),
                result.host() == null ? ":" : result.host(),
                result.startMillis() / 1000.0,
                result.runtimeNanos() / 1e9,
                result.received(),
                result.exitval(),
                result.signal(),
                job.command().replace('\n', '\0')); // GNU parallel's joblog keeps one line per job
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The job numbers a resumed run skips: with {@code --resume} every job in the log; with {@code --resume-failed}
     * only those that succeeded. A missing log skips nothing; a torn last line is ignored.
     */
    static BitSet finished(Path file, boolean successfulOnly) {
        BitSet done = new BitSet();
        if (!Files.exists(file)) {
            return done;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                String[] columns = line.split("\t", 9);
                if (columns.length < 9 || columns[0].equals("Seq")) {
                    continue;
                }
                try {
                    int seq = Integer.parseInt(columns[0]);
                    boolean ok = columns[6].equals("0") && columns[7].equals("0");
                    if (successfulOnly && !ok) {
                        done.clear(seq);
                    } else {
                        done.set(seq);
                    }
                } catch (NumberFormatException e) {
                    // not a job line (a command holding a newline continues on the next line)
                }
            }
        } catch (IOException e) {
            throw new RunException("cannot read the joblog " + file + ": " + e.getMessage());
        }
        return done;
    }
}
