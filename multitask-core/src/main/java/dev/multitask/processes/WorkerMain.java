package dev.multitask.processes;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A worker process of a process pool: reads frames from stdin, runs each task on its main thread, one at a time, and
 * answers on stdout. It exits when stdin ends, or, while a task runs, as soon as its parent is gone, whatever it is
 * doing, so that a pool that closes or dies (even by {@code kill -9}) leaves no worker behind. What tasks print to {@code System.out} travels in output frames, so it
 * cannot corrupt the protocol; {@code System.err} is the process's own, which the pool reads.
 */
final class WorkerMain {

    private final Frames.Writer out;
    private final ObjectInputFilter filter;
    private static final long ORPHAN_CHECK_MILLIS = 200;

    /** The system property that tells a worker the pid of its pool's process. */
    static final String PARENT_PROPERTY = "multitask.worker.parent";

    private final ClassLoader loader = WorkerMain.class.getClassLoader();
    private byte[] function; // the payload of the last FUNCTION frame
    private byte[] decodedFrom;
    private Function<Object, ?> decodedFunction;

    private WorkerMain(Frames.Writer out, ObjectInputFilter filter) {
        this.out = out;
        this.filter = filter;
    }

    public static void main(String[] args) {
        Frames.Writer out = new Frames.Writer(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new OutputFrames(out), true, StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
        Thread watchdog = new Thread(WorkerMain::exitWhenOrphaned, "multitask-worker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        new WorkerMain(out, Serialization.filter(System.getProperty(Serialization.FILTER_PROPERTY))).serve();
    }

    /**
     * Tasks run on the thread that reads stdin, so a pool that dies while a task runs is noticed here instead: the
     * worker is then handed to another parent. Polled, as Java offers no signal for it.
     */
    private static void exitWhenOrphaned() {
        // From the command line: by the time this runs, the pool's process may already be gone and this one adopted.
        long parent = Long.getLong(
                PARENT_PROPERTY,
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        while (true) {
            try {
                Thread.sleep(ORPHAN_CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != parent) {
                exit();
            }
        }
    }

    /** Ends this JVM at once, even if a task or a non-daemon thread it started would keep it alive. */
    private static void exit() {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    private void serve() {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16))) {
            for (int mark; (mark = in.read()) == Frames.MARK; ) {
                Frames.Frame frame = Frames.readAfterMark(in);
                switch (frame.type()) {
                    case Frames.INIT -> initialize(frame.payload());
                    case Frames.TASK -> run(frame.payload());
                    case Frames.FUNCTION -> function = frame.payload();
                    case Frames.APPLY -> apply(frame.payload());
                    default -> System.err.println("multitask worker: ignoring a frame of unknown type " + frame.type());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("multitask worker: reading from the pool failed: " + e);
        }
        exit(); // the pool closed or died
    }

    private void initialize(byte[] payload) {
        try {
            ((Runnable) Serialization.read(payload, filter, loader)).run();
            flushOutput();
            out.write(Frames.READY);
        } catch (Throwable failure) {
            flushOutput();
            reply(Frames.INIT_FAILED, failure);
            exit(); // tasks already in the pipe must not run uninitialised
        }
    }

    private void run(byte[] payload) {
        Object value;
        try {
            Callable<?> task = (Callable<?>) Serialization.read(payload, filter, loader);
            payload = null; // a large task's bytes need not outlive its decoding
            value = task.call();
        } catch (Throwable failure) {
            flushOutput();
            reply(Frames.FAILURE, failure);
            return;
        }
        answer(value);
    }

    /** Applies the map's function, decoded once from its FUNCTION frame when first needed, to one input. */
    private void apply(byte[] payload) {
        Object value;
        try {
            if (decodedFunction == null || decodedFrom != function) {
                decodedFunction = (Function<Object, ?>) Serialization.read(function, filter, loader);
                decodedFrom = function;
            }
            value = decodedFunction.apply(Serialization.read(payload, filter, loader));
        } catch (Throwable failure) {
            flushOutput();
            reply(Frames.FAILURE, failure);
            return;
        }
        answer(value);
    }

    private void answer(Object value) {
        flushOutput();
        byte[] result;
        try {
            result = Serialization.write(value);
        } catch (Throwable failure) {
            NotSerializableException unserializable = new NotSerializableException(
                    "the task's result, a " + value.getClass().getName() + ", cannot be serialized: " + failure);
            unserializable.initCause(failure);
            reply(Frames.FAILURE, unserializable);
            return;
        }
        send(Frames.RESULT, result);
    }

    /** Sends a throwable, or a serializable copy of it when it cannot be sent itself. */
    private void reply(byte type, Throwable failure) {
        byte[] bytes;
        try {
            bytes = Serialization.write(failure);
        } catch (Throwable unserializable) {
            try {
                bytes = Serialization.write(RemoteFailure.of(failure));
            } catch (Throwable again) {
                bytes = null;
            }
        }
        if (bytes == null) {
            failure.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(70); // cannot even describe the failure; the pool reports this worker's death
        }
        send(type, bytes);
    }

    private void send(byte type, byte[] payload) {
        try {
            out.write(type, payload);
        } catch (IOException e) {
            Runtime.getRuntime().halt(0); // the pool is gone
        }
    }

    private static void flushOutput() {
        System.out.flush();
        System.err.flush();
    }

    /** System.out of a worker: every flush sends what was written as one output frame. */
    private static final class OutputFrames extends OutputStream {
        private final Frames.Writer out;
        private byte[] buffer = new byte[8192];
        private int count;

        OutputFrames(Frames.Writer out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        private void ensure(int more) {
            if (count + more > buffer.length) {
                byte[] bigger = new byte[Math.max(buffer.length * 2, count + more)];
                System.arraycopy(buffer, 0, bigger, 0, count);
                buffer = bigger;
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (count > 0) {
                out.write(Frames.OUTPUT, buffer, 0, count);
                count = 0;
                if (buffer.length > 1 << 16) {
                    buffer = new byte[8192];
                }
            }
        }
    }
}
