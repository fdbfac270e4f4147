package dev.multitask.cli.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one job as a child process and waits for it: composes the invocation ({@link Invocation}), sets {@code
 * PARALLEL_SEQ} and {@code PARALLEL_JOBSLOT}, gives it {@code /dev/null} as standard input, captures or passes on its
 * output by the {@link OutputMode}, and kills its process tree at its {@code --timeout}.
 *
 * <p>Thread-safe: every pool worker runs its jobs through the same launcher. {@link #abortAll} ends every running job
 * (halt, Ctrl-C) and makes later {@link #run} calls return at once as aborted.
 */
final class JobLauncher implements Launcher {

    private static final File DEV_NULL = new File("/dev/null");

    private final String shell;
    private final OutputMode mode;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final LineSink lineSink;
    private final Set<Attempt> running = ConcurrentHashMap.newKeySet();
    private final Executables executables = new Executables(System.getenv("PATH"));
    private volatile boolean aborting;

    JobLauncher(String shell, OutputMode mode, Duration timeout, ScheduledExecutorService timer, LineSink lineSink) {
        this.shell = shell;
        this.mode = mode;
        this.timeout = timeout;
        this.timer = timer;
        this.lineSink = lineSink;
    }

    /** One start of a job's process; the flags say why it ended early. */
    private static final class Attempt {
        final Process process;
        volatile boolean timedOut;
        volatile boolean aborted;

        Attempt(Process process) {
            this.process = process;
        }
    }

    @Override
    public JobResult run(Job job) throws InterruptedException {
        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        if (aborting) {
            return aborted(startMillis, t0);
        }
        Process process;
        try {
            process = start(Invocation.of(job.command(), shell), job);
        } catch (IOException direct) {
            try {
                process = start(Invocation.viaShell(job.command(), shell), job);
            } catch (IOException e) {
                byte[] message = ("multitask: cannot start " + shell + ": " + e.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                return new JobResult(
                        127, 0, JobResult.NONE, message, 0, startMillis, System.nanoTime() - t0, false, null);
            }
        }
        Attempt attempt = new Attempt(process);
        running.add(attempt);
        if (aborting) {
            abort(attempt);
        }
        ScheduledFuture<?> deadline = null;
        if (timeout != null) {
            deadline = timer.schedule(
                    () -> {
                        attempt.timedOut = true;
                        ProcessTrees.terminate(attempt.process.toHandle(), timer);
                    },
                    timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        try {
            Output output = collect(process, job);
            int code = process.waitFor();
            long runtime = System.nanoTime() - t0;
            int exitval = code;
            int signal = 0;
            if (attempt.timedOut) {
                exitval = -1;
                signal = 15;
            } else if (code > 128 && code <= 128 + 64) {
                // The JDK reports a death by signal N as exit value 128+N, like a shell.
                exitval = 0;
                signal = code - 128;
            }
            return new JobResult(
                    exitval,
                    signal,
                    output.stdout,
                    output.stderr,
                    output.received,
                    startMillis,
                    runtime,
                    attempt.aborted,
                    null);
        } catch (InterruptedException e) {
            abort(attempt);
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            running.remove(attempt);
        }
    }

    private JobResult aborted(long startMillis, long t0) {
        return new JobResult(0, 0, JobResult.NONE, JobResult.NONE, 0, startMillis, System.nanoTime() - t0, true, null);
    }

    private Process start(Invocation invocation, Job job) throws IOException {
        List<String> argv = new ArrayList<>(invocation.argv());
        argv.set(0, executables.resolve(argv.get(0)));
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.put("PARALLEL_SEQ", Long.toString(job.seq()));
        env.put("PARALLEL_JOBSLOT", Integer.toString(job.slot()));
        builder.redirectInput(DEV_NULL);
        if (mode == OutputMode.UNGROUP) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        return builder.start();
    }

    private record Output(byte[] stdout, byte[] stderr, long received) {}

    private Output collect(Process process, Job job) throws InterruptedException {
        return switch (mode) {
            case UNGROUP -> new Output(JobResult.NONE, JobResult.NONE, 0);
            case GROUP -> {
                StderrReader err = new StderrReader(process.getErrorStream(), null, job);
                byte[] out = readAll(process.getInputStream());
                yield new Output(out, err.result(), out.length);
            }
            case LINE_BUFFER -> {
                StderrReader err = new StderrReader(process.getErrorStream(), lineSink, job);
                long received = pumpLines(process.getInputStream(), job, false, lineSink);
                err.result();
                yield new Output(JobResult.NONE, JobResult.NONE, received);
            }
        };
    }

    /** Reads standard error in a virtual thread, so that a job filling one pipe never blocks on the other. */
    private static final class StderrReader {
        private final Thread thread;
        private volatile byte[] bytes = JobResult.NONE;

        StderrReader(InputStream in, LineSink sink, Job job) {
            thread = Thread.ofVirtual().start(() -> {
                if (sink == null) {
                    bytes = readAll(in);
                } else {
                    pumpLines(in, job, true, sink);
                }
            });
        }

        byte[] result() throws InterruptedException {
            thread.join();
            return bytes;
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Passes whole lines to {@code sink} as they come; returns the number of bytes read. */
    static long pumpLines(InputStream in, Job job, boolean stderr, LineSink sink) {
        byte[] buffer = new byte[8192];
        byte[] line = new byte[8192];
        int lineLength = 0;
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                for (int i = 0; i < n; i++) {
                    if (lineLength == line.length) {
                        line = java.util.Arrays.copyOf(line, line.length * 2);
                    }
                    line[lineLength++] = buffer[i];
                    if (buffer[i] == '\n') {
                        sink.line(job, stderr, line, lineLength);
                        lineLength = 0;
                    }
                }
            }
            if (lineLength > 0) {
                sink.line(job, stderr, line, lineLength);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private void abort(Attempt attempt) {
        attempt.aborted = true;
        ProcessTrees.terminate(attempt.process.toHandle(), timer);
    }

    /** Stops starting jobs and terminates every running one with its descendants. */
    @Override
    public void abortAll() {
        aborting = true;
        running.forEach(this::abort);
    }

    /** SIGKILL to every running job's tree at once (a second Ctrl-C). */
    @Override
    public void killAll() {
        aborting = true;
        for (Attempt attempt : running) {
            attempt.aborted = true;
            ProcessTrees.kill(ProcessTrees.tree(attempt.process.toHandle()));
        }
    }
}
