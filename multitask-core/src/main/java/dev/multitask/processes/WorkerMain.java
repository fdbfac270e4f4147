package dev.multitask.processes;

import dev.multitask.SerializableCallable;
import dev.multitask.SerializableFunction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
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

    /** The system property that tells a worker it writes the AOT cache of later workers when it exits. */
    static final String TRAINING_PROPERTY = "multitask.worker.training";

    /** The system property that tells a worker the pid of its pool's process. */
    static final String PARENT_PROPERTY = "multitask.worker.parent";

    private final ClassLoader loader = WorkerMain.class.getClassLoader();

    /** How long a reply may wait in the buffer for the replies of the tasks after it. */
    private static final long FLUSH_DELAY_NANOS = 200_000;

    /**
     * Replies are held back only after a frame that took less than this: for longer tasks a write per reply costs
     * little, and a reply held back would delay the pool's shipping of the next task.
     */
    private static final long HOLD_BACK_AFTER_NANOS = 50_000;

    private volatile long unflushedSince; // when the oldest reply still in the buffer was written, or 0
    private volatile boolean flusherArmed;
    private Thread flusher;
    private byte[] function; // the payload of the last FUNCTION frame
    private byte[] decodedFrom;
    private Function<Object, ?> decodedFunction;

    private WorkerMain(Frames.Writer out, ObjectInputFilter filter) {
        this.out = out;
        this.filter = filter;
    }

    /** This worker's stdout, for {@link #exit} to flush. */
    private static volatile Frames.Writer stdout;

    public static void main(String[] args) {
        Frames.Writer out =
                new Frames.Writer(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        stdout = out;
        System.setOut(new PrintStream(new OutputFrames(out), true, StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
        Thread watchdog = new Thread(WorkerMain::exitWhenOrphaned, "multitask-worker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        WorkerMain worker =
                new WorkerMain(out, Serialization.filter(System.getProperty(Serialization.FILTER_PROPERTY)));
        if (Boolean.getBoolean(TRAINING_PROPERTY)) {
            worker.rehearse();
        }
        worker.send(Frames.HELLO, new byte[0]); // flushed before the first read
        worker.serve();
    }

    /**
     * Tasks run on the thread that reads stdin, so a pool that dies while a task runs is noticed here instead: the
     * worker is then handed to another parent. Polled, as Java offers no signal for it.
     */
    private static void exitWhenOrphaned() {
        // From the command line: by the time this runs, the pool's process may already be gone and this one adopted.
        // Looked up only when missing, as ProcessHandle's classes and threads cost a worker's start-up.
        String given = System.getProperty(PARENT_PROPERTY);
        long parent = given != null
                ? Long.parseLong(given)
                : ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
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
        flushReplies();
        Runtime.getRuntime().halt(0);
    }

    /** Sends the replies waiting in the buffer; a worker about to halt must not lose them. */
    private static void flushReplies() {
        Frames.Writer out = stdout;
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                // the pool is gone
            }
        }
    }

    /**
     * Takes a task, a function and a failure through serialization and back, as the pool's traffic would, so that
     * this training worker's AOT cache holds the classes and linkage that every worker's first task needs (object
     * streams, the filter, lambda deserialization), whether or not the pool gives this worker a task.
     */
    private void rehearse() {
        try {
            SerializableCallable<Object> task = () -> List.of(1, "one");
            SerializableFunction<Object, Object> function = x -> x;
            Callable<?> call = (Callable<?>) Serialization.readFromPool(Serialization.write(task), filter, loader);
            // a map's function, what a lambda captures, and a lambda in a reply are made by $deserializeLambda$
            @SuppressWarnings("unchecked")
            Function<Object, ?> apply =
                    (Function<Object, ?>) Serialization.read(Serialization.write(function), filter, loader);
            Object value = apply.apply(call.call());
            Serialization.read(Serialization.write(value), filter, loader);
            Serialization.read(Serialization.write(new IllegalStateException("rehearsal")), filter, loader);
        } catch (Exception e) {
            // a rehearsal only; the cache is a little less complete
        }
    }

    /**
     * Reads and runs frames until stdin ends. After a tiny task, replies wait in the buffer while more frames are
     * already buffered to be read, and go out together before the worker would block on reading: a burst of tiny
     * tasks is answered with one write, and the pool's thread wakes once for it rather than once per task.
     */
    private void serve() {
        Input input = new Input(new FileInputStream(FileDescriptor.in));
        try (DataInputStream in = new DataInputStream(input)) {
            long frameStarted = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                boolean tiny = now - frameStarted < HOLD_BACK_AFTER_NANOS;
                if (!input.hasBuffered() || !tiny || now - unflushedSince > FLUSH_DELAY_NANOS) {
                    flush(); // nothing to read at once, or tasks long enough that the pool should hear now
                } else {
                    flushSoon();
                }
                int mark = in.read();
                frameStarted = System.nanoTime();
                if (mark != Frames.MARK) {
                    break;
                }
                Frames.Frame frame = Frames.readAfterMark(in);
                switch (frame.type()) {
                    case Frames.INIT -> initialize(frame.payload());
                    case Frames.TASK -> run(frame.payload());
                    case Frames.FUNCTION -> function = frame.payload();
                    case Frames.APPLY -> apply(frame.payload());
                    case Frames.CLASSES -> load(frame.payload());
                    default -> System.err.println("multitask worker: ignoring a frame of unknown type " + frame.type());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("multitask worker: reading from the pool failed: " + e);
        }
        exit(); // the pool closed or died
    }

    /**
     * Loads, without initializing, the classes of the pool's tasks, which a training worker is sent before it exits:
     * the AOT cache it then writes holds them, and later workers find the class of their first task there instead of
     * in its jar, whose directory a JVM reads when it first loads a class from it (tens of milliseconds for a jar of
     * thousands of classes).
     */
    private void load(byte[] payload) {
        for (String name : new String(payload, StandardCharsets.UTF_8).split("\n")) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // one class fewer in the cache
            }
        }
    }

    private void initialize(byte[] payload) {
        try {
            ((Runnable) Serialization.readFromPool(payload, filter, loader)).run();
            flushOutput();
            out.writeUnflushed(Frames.READY, new byte[0]);
        } catch (Throwable failure) {
            flushOutput();
            reply(Frames.INIT_FAILED, failure);
            exit(); // tasks already in the pipe must not run uninitialised
        }
    }

    private void run(byte[] payload) {
        Object value;
        try {
            Callable<?> task = (Callable<?>) Serialization.readFromPool(payload, filter, loader);
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
                // Made by its class's $deserializeLambda$, not as a DirectLambda: a map applies it to every input, and
                // a
                // spun lambda class calls its body directly, where DirectLambda goes through Method.invoke each time.
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
            flushReplies();
            failure.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(70); // cannot even describe the failure; the pool reports this worker's death
        }
        send(type, bytes);
    }

    private void send(byte type, byte[] payload) {
        try {
            synchronized (out) {
                out.writeUnflushed(type, payload);
                if (unflushedSince == 0) {
                    unflushedSince = System.nanoTime();
                }
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(0); // the pool is gone
        }
    }

    private void flush() throws IOException {
        synchronized (out) {
            if (unflushedSince != 0) {
                out.flush();
                unflushedSince = 0;
            }
        }
    }

    /**
     * Makes sure replies held back for a burst go out within {@value #FLUSH_DELAY_NANOS} ns even if the next task is
     * a long one: the flusher thread is woken once per burst, not per task.
     */
    private void flushSoon() {
        if (unflushedSince != 0 && !flusherArmed) {
            flusherArmed = true;
            if (flusher == null) {
                flusher = new Thread(this::flushHeldBackReplies, "multitask-worker-flusher");
                flusher.setDaemon(true);
                flusher.start();
            } else {
                LockSupport.unpark(flusher);
            }
        }
    }

    private void flushHeldBackReplies() {
        while (true) {
            long since = unflushedSince;
            if (since == 0) {
                flusherArmed = false;
                if (unflushedSince == 0) { // else a reply came between the two reads: it is this thread's to send
                    LockSupport.park(); // until armed again
                }
                flusherArmed = true;
                continue;
            }
            long wait = since + FLUSH_DELAY_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            try {
                flush();
            } catch (IOException e) {
                Runtime.getRuntime().halt(0); // the pool is gone
            }
        }
    }

    private static void flushOutput() {
        System.out.flush();
        System.err.flush();
    }

    /** Stdin, which tells whether a frame is already waiting in its buffer. */
    private static final class Input extends BufferedInputStream {
        Input(InputStream in) {
            super(in, 1 << 16);
        }

        synchronized boolean hasBuffered() {
            return count > pos;
        }
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
                out.flush();
                count = 0;
                if (buffer.length > 1 << 16) {
                    buffer = new byte[8192];
                }
            }
        }
    }
}
