package dev.multitask.processes;

import dev.multitask.WorkerDiedException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * One worker place of a {@link ProcessPool} and the thread that serves it: takes a task, ships it to the current
 * worker process, waits for the answer, and replaces the worker when it dies or has run its share of tasks. Only its
 * own thread touches its fields.
 */
final class Slot implements Runnable {

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /** How long a worker asked to exit may take before it is killed. */
    private static final long EXIT_GRACE_SECONDS = 5;

    private final ProcessPool pool;
    private final String name;
    private WorkerProcess worker;
    private boolean initializing; // an initializer was sent and its READY not yet read
    private int tasksOnWorker;

    Slot(ProcessPool pool, int index) {
        this.pool = pool;
        this.name = pool.name() + "-worker-" + index;
    }

    /** The slot whose thread is the caller's, or {@code null}. */
    static Slot current() {
        return CURRENT.get();
    }

    @Override
    public void run() {
        CURRENT.set(this);
        String threadName = Thread.currentThread().getName();
        try {
            try {
                startWorker(); // at once, so that the first task finds a booted JVM
            } catch (IOException e) {
                System.err.println("multitask: could not start worker " + name + ": " + e);
            }
            while (true) {
                Runnable task;
                try {
                    task = pool.take();
                } catch (InterruptedException e) {
                    continue; // shutdownNow interrupts idle slots too; its STOP is queued
                }
                if (ProcessPool.isStop(task)) {
                    break;
                }
                task.run();
                Thread.interrupted(); // an interrupt meant for the task just run must not reach the next one
                if (worker != null
                        && pool.options().maxTasksPerWorker() > 0
                        && tasksOnWorker >= pool.options().maxTasksPerWorker()) {
                    retire();
                    startQuietly();
                }
            }
        } finally {
            WorkerProcess last = worker;
            worker = null;
            if (last != null) {
                last.closeInput();
                last.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            }
            Thread.currentThread().setName(threadName);
        }
    }

    /**
     * Runs {@code task} on this slot's worker and returns its result, or throws what it threw. A worker that dies under
     * the task is replaced, and the task sent again if retries are left.
     */
    Object call(Object task) throws Exception {
        RuntimeException broken = pool.broken();
        if (broken != null) {
            throw broken;
        }
        byte[] payload;
        try {
            payload = Serialization.write(task);
        } catch (NotSerializableException e) {
            throw notSerializable(task, e);
        } catch (ObjectStreamException e) {
            throw notSerializable(task, e);
        }
        for (int attempt = 0; ; attempt++) {
            if (worker == null || worker.gone()) {
                replaceDeadWorker();
                startWorker();
            }
            WorkerProcess current = worker;
            try {
                current.send(Frames.TASK, payload);
            } catch (IOException e) {
                // the worker is dying; its END reply follows
            }
            Frames.Frame reply = awaitReply(current);
            switch (reply.type()) {
                case Frames.RESULT -> {
                    tasksOnWorker++;
                    return Serialization.read(reply.payload(), pool.filter(), pool.loader());
                }
                case Frames.FAILURE -> {
                    tasksOnWorker++;
                    Throwable failure = (Throwable) Serialization.read(reply.payload(), pool.filter(), pool.loader());
                    if (failure instanceof VirtualMachineError) {
                        retire(); // an out-of-memory or similar JVM may be damaged; the next task gets a fresh one
                    }
                    throw rethrowable(failure);
                }
                case Frames.INIT_FAILED -> {
                    Throwable failure = (Throwable) Serialization.read(reply.payload(), pool.filter(), pool.loader());
                    RuntimeException why = new IllegalStateException(
                            "the initializer of pool " + pool.name() + " threw on worker " + current, failure);
                    pool.breakWith(why);
                    retire();
                    throw why;
                }
                default -> { // Frames.END: the worker died under the task
                    int status = current.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
                    worker = null;
                    WorkerDiedException died = new WorkerDiedException(
                            name,
                            current.pid(),
                            status,
                            "while running a task" + (attempt > 0 ? " (attempt " + (attempt + 1) + ")" : ""));
                    if (attempt >= pool.options().retries() || pool.broken() != null) {
                        throw died;
                    }
                    System.err.println("multitask: " + died.getMessage() + "; running the task again on a new worker");
                }
            }
        }
    }

    /** The next reply to a task, past the READY of a pending initializer; kills the worker if interrupted. */
    private Frames.Frame awaitReply(WorkerProcess current) throws InterruptedException {
        try {
            while (true) {
                Frames.Frame reply = current.nextReply();
                if (reply.type() == Frames.READY && initializing) {
                    initializing = false;
                    continue;
                }
                return reply;
            }
        } catch (InterruptedException e) {
            // The task was cancelled with interruption, or the pool shut down now: stopping the worker is the only way
            // to stop the task.
            current.kill();
            current.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            worker = null;
            if (pool.isShutdown()) {
                throw new InterruptedException("the pool was shut down now; worker " + current + " was killed");
            }
            throw (CancellationException)
                    new CancellationException("the task was cancelled; worker " + current + " was killed to stop it")
                            .initCause(e);
        }
    }

    private void startWorker() throws IOException {
        worker = WorkerProcess.start(name, pool.command(), pool.options().environment());
        pool.track(worker.process());
        tasksOnWorker = 0;
        Thread.currentThread().setName("multitask-" + name + " (pid " + worker.pid() + ")");
        if (pool.options().initializer() != null) {
            initializing = true;
            worker.send(Frames.INIT, Serialization.write(pool.options().initializer()));
        }
    }

    private void startQuietly() {
        try {
            startWorker();
        } catch (IOException e) {
            worker = null; // the next task tries again and fails with the reason
            System.err.println("multitask: could not start worker " + name + ": " + e);
        }
    }

    /** Reaps a worker that died while idle, saying so, since no task can report it. */
    private void replaceDeadWorker() {
        if (worker != null) {
            int status = worker.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            System.err.println("multitask: worker " + worker + " exited while idle with status " + status
                    + "; starting a new one");
            worker = null;
        }
    }

    /** Lets the current worker exit in its own time; the pool's termination still waits for it. */
    private void retire() {
        if (worker != null) {
            worker.closeInput();
            worker = null;
        }
    }

    private static Exception notSerializable(Object task, ObjectStreamException e) {
        NotSerializableException failure = new NotSerializableException("the task cannot be sent to a worker process: "
                + e + " (a lambda must be cast to SerializableCallable, SerializableFunction or SerializableRunnable,"
                + " and everything it captures must be serializable)");
        failure.initCause(e);
        return failure;
    }

    private static Exception rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof Exception exception) {
            return exception;
        }
        return new RuntimeException(failure);
    }
}
