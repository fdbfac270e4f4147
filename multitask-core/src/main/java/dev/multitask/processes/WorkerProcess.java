package dev.multitask.processes;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pool's side of one worker JVM: its pipes, and a thread that passes on its stderr. The one slot thread that talks
 * to the worker reads its stdout itself, with no thread between, since a hand-over per task costs more than the rest
 * of a small task's trip; when stdout ends, the reply is {@link Frames#END}, so a death is seen as a reply and never
 * as a hang.
 *
 * <p>What the worker prints, on System.out (output frames, or stray text from its JVM) and on System.err, reaches
 * this process's System.out and System.err line by line, each line prefixed with {@code [worker pid N]}. A task's
 * output arrives before its reply; output of threads a task left running arrives with the next reply.
 */
final class WorkerProcess {

    private final String name;
    private final Process process;
    private final Frames.Writer toWorker;
    private final DataInputStream fromWorker;
    private final String prefix;
    private final Lines output = new Lines(StandardCharsets.UTF_8);
    private final Lines stray = new Lines(Charset.defaultCharset());
    private volatile boolean ended;

    private final boolean training;
    private Runnable onExit = () -> {};

    private WorkerProcess(String name, Process process, boolean training) {
        this.name = name;
        this.process = process;
        this.training = training;
        this.toWorker = new Frames.Writer(process.getOutputStream());
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.prefix = "[" + name + " pid " + process.pid() + "] ";
    }

    /** Starts a worker; its JVM boots while the first frames already wait in its stdin. */
    static WorkerProcess start(String name, WorkerCommand.Launch launch, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command());
        if (!environment.isEmpty()) { // else the worker inherits this process's, without a copy made here first
            builder.environment().putAll(environment);
        }
        WorkerProcess worker = new WorkerProcess(name, builder.start(), launch.training());
        worker.onExit = launch.onExit();
        worker.process.onExit().thenRun(launch.onExit());
        worker.daemon("stderr", worker::passOnStderr);
        return worker;
    }

    /** Whether this worker writes the pool's AOT cache when it exits, which takes a while. */
    boolean training() {
        return training;
    }

    private void daemon(String role, Runnable work) {
        Thread.ofPlatform()
                .daemon(true)
                .name("multitask-" + name + "-" + role + "-" + process.pid())
                .start(work);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Whether the worker's stdout ended or the process exited: it will answer nothing more. */
    boolean gone() {
        return ended || !process.isAlive();
    }

    void send(byte type, byte[] payload) throws IOException {
        toWorker.write(type, payload);
    }

    /** Sends a frame with the next {@link #flush}, so that a burst of frames costs one write. */
    void sendUnflushed(byte type, byte[] payload) throws IOException {
        toWorker.writeUnflushed(type, payload);
    }

    void flush() throws IOException {
        toWorker.flush();
    }

    /**
     * Reads up to the next reply, passing on output on the way; {@link Frames#END} once the worker's stdout has ended.
     * Not interruptible: to stop waiting, {@link #kill} the worker.
     */
    Frames.Frame nextReply() {
        if (ended) {
            return Frames.END;
        }
        try {
            for (int b; (b = fromWorker.read()) >= 0; ) {
                if (b != Frames.MARK) { // text the worker's JVM wrote to stdout itself, such as a warning
                    stray.write(b);
                    continue;
                }
                stray.flushLine();
                Frames.Frame frame = Frames.readAfterMark(fromWorker);
                if (frame.type() == Frames.OUTPUT) {
                    output.write(frame.payload());
                } else {
                    return frame;
                }
            }
        } catch (IOException e) {
            // the pipe broke: the worker is gone, as at the end of the stream
        }
        output.flushLine();
        stray.flushLine();
        ended = true;
        return Frames.END;
    }

    /** Asks the worker to exit, by ending its stdin; it exits even if busy. */
    void closeInput() {
        try {
            toWorker.close();
        } catch (IOException e) {
            // already gone
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the worker to exit and returns its exit status, killing it if it takes longer than {@code grace}; -1
     * if even that cannot be learned in time.
     */
    int awaitExit(long grace, TimeUnit unit) {
        try {
            if (!process.waitFor(grace, unit)) {
                process.destroyForcibly();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    return -1;
                }
            }
            onExit.run(); // at once, not only when the JVM's reaper gets to it: this process may be about to end
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private void passOnStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream()))) {
            for (String line; (line = err.readLine()) != null; ) {
                if (training && line.startsWith("Picked up JAVA_TOOL_OPTIONS:")) {
                    continue; // the JVM that writes the AOT cache says how it was started; nobody asked
                }
                System.err.println(prefix + line);
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    /** Collects bytes into lines and prints each whole line to System.out with the worker's prefix. */
    private final class Lines {
        private final Charset charset;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(Charset charset) {
            this.charset = charset;
        }

        void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        void write(byte[] bytes) {
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i - start);
                    flushLine();
                    start = i + 1;
                }
            }
            line.write(bytes, start, bytes.length - start);
        }

        void flushLine() {
            if (line.size() > 0) {
                String text = line.toString(charset);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                System.out.println(prefix + text);
                line.reset();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
