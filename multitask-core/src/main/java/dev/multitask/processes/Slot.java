package dev.multitask.processes;

import dev.multitask.WorkerDiedException;
import dev.multitask.internal.MapCall;
import dev.multitask.internal.PoolTask;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker place of a {@link ProcessPool} and the thread that serves it: takes a task, ships it to the current
 * worker process, waits for the answer, and replaces the worker when it dies or has run its share of tasks. Only its
 * own thread touches its fields.
 *
 * <p>While a task runs in the worker, the slot ships the next queued task ahead, when no other slot is idle to take
 * it, so that the worker never waits for a round trip through this process between two tasks. Replies come in the
 * order tasks were shipped, so when a worker dies, the oldest task without a reply is the one it was running; a task
 * shipped ahead that had not started is shipped again to the replacement, and does not count as a failure.
 */
final class Slot implements Runnable {

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /** How long a worker asked to exit may take before it is killed. */
    private static final long EXIT_GRACE_SECONDS = 5;

    private final ProcessPool pool;
    private final String name;
    private volatile WorkerProcess awaited; // the worker whose reply this slot's thread waits for, or null
    private volatile Thread thread;
    private WorkerProcess worker;
    private boolean initializing; // an initializer was sent and its READY not yet read
    private int tasksOnWorker; // tasks shipped to the current worker
    private boolean retireSoon; // the worker is not to be trusted with more tasks than it already has
    private Object function; // the function of the last map task shipped, its bytes, and where they were sent
    private byte[] functionBytes;
    private WorkerProcess functionSentTo;
    // Taken from the queue to run next, and possibly already shipped; shutdownNow may take it back.
    private final AtomicReference<Runnable> ahead = new AtomicReference<>();

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
        thread = Thread.currentThread();
        String threadName = Thread.currentThread().getName();
        try {
            startQuietly(); // at once, so that the first task finds a booted JVM
            while (true) {
                Runnable task = next();
                if (ProcessPool.isStop(task)) {
                    break;
                }
                if (pool.stoppingNow()) {
                    ((PoolTask<?>) task).cancel(false); // held back from shutdownNow's drain by being shipped ahead
                } else {
                    task.run();
                }
                Thread.interrupted(); // an interrupt meant for the task just run must not reach the next one
                RemoteCall<?> call = (RemoteCall<?>) ((PoolTask<?>) task).callable();
                if (call.shippedTo != null) {
                    discardReply(call); // cancelled after it was shipped: its worker ran it all the same
                }
                retireIfDue();
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

    private Runnable next() {
        Runnable task = ahead.getAndSet(null);
        if (task != null) {
            return task;
        }
        while (true) {
            try {
                return pool.take();
            } catch (InterruptedException e) {
                // shutdownNow interrupts idle slots too; its STOP is queued
            }
        }
    }

    /**
     * Takes back the task held to run next, for {@code shutdownNow}; the slot will not run it. If it was shipped, the
     * slot's worker is being killed by the same {@code shutdownNow}, or the slot reads nothing more from it.
     */
    Runnable takeBackAhead() {
        return ahead.getAndSet(null);
    }

    /**
     * Runs the task of {@code call} on this slot's worker and returns its result, or throws what it threw. A worker
     * that dies under the task is replaced, and the task shipped again if retries are left.
     */
    Object call(RemoteCall<?> call) throws Exception {
        RuntimeException broken = pool.broken();
        if (broken != null) {
            throw broken;
        }
        for (int attempt = 0; ; attempt++) {
            if (call.shippedTo == null || call.shippedTo != worker) {
                call.shippedTo = null;
                ensureWorker();
                ship(call);
            }
            WorkerProcess current = call.shippedTo;
            shipAhead();
            Frames.Frame reply = awaitReply(call);
            switch (reply.type()) {
                case Frames.RESULT -> {
                    return Serialization.read(reply.payload(), pool.filter(), pool.loader());
                }
                case Frames.FAILURE -> {
                    Throwable failure = (Throwable) Serialization.read(reply.payload(), pool.filter(), pool.loader());
                    if (failure instanceof VirtualMachineError) {
                        retireSoon = true; // an out-of-memory or similar JVM may be damaged
                    }
                    throw rethrowable(failure);
                }
                case Frames.INIT_FAILED -> {
                    Throwable failure = (Throwable) Serialization.read(reply.payload(), pool.filter(), pool.loader());
                    RuntimeException why = new IllegalStateException(
                            "the initializer of pool " + pool.name() + " threw on worker " + current, failure);
                    pool.breakWith(why);
                    lose(current);
                    current.closeInput();
                    throw why;
                }
                default -> { // Frames.END: the worker died under the task
                    int status = current.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
                    lose(current);
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

    /**
     * Sends a task to the current worker. The tasks of a {@code map} go as their input alone, after their function,
     * which goes once per worker and function: serializing a lambda costs more than a small task's whole trip.
     *
     * @throws IOException if the task cannot be serialized; nothing of it was sent
     */
    private void ship(RemoteCall<?> call) throws IOException {
        if (call.task() instanceof MapCall<?, ?> map) {
            if (map.function() != function) {
                byte[] bytes = serialize(map.function());
                function = map.function();
                functionBytes = bytes;
                functionSentTo = null;
            }
            byte[] input = serialize(map.input());
            if (functionSentTo != worker) {
                send(Frames.FUNCTION, functionBytes);
                functionSentTo = worker;
            }
            send(Frames.APPLY, input);
        } else {
            send(Frames.TASK, serialize(call.task()));
        }
        call.shippedTo = worker;
        tasksOnWorker++;
    }

    private void send(byte type, byte[] payload) {
        try {
            worker.send(type, payload);
        } catch (IOException e) {
            // the worker is dying; its END reply follows
        }
    }

    private static byte[] serialize(Object task) throws IOException {
        try {
            return Serialization.write(task);
        } catch (NotSerializableException e) {
            throw notSerializable(e);
        } catch (ObjectStreamException e) {
            throw notSerializable(e);
        }
    }

    /** Ships the next queued task to the worker while the current one runs, if no idle slot would take it sooner. */
    private void shipAhead() {
        int max = pool.options().maxTasksPerWorker();
        if (ahead.get() != null || worker == null || retireSoon || (max > 0 && tasksOnWorker >= max)) {
            return;
        }
        Runnable task = pool.pollIfNoSlotIsIdle();
        if (task == null) {
            return;
        }
        ahead.set(task);
        if (ProcessPool.isStop(task) || ((PoolTask<?>) task).isDone()) {
            return;
        }
        RemoteCall<?> call = (RemoteCall<?>) ((PoolTask<?>) task).callable();
        try {
            ship(call);
        } catch (IOException e) {
            // not serializable: the task fails with the reason when it runs
        }
    }

    /**
     * The reply to {@code call}, which is the oldest shipped task without one, past the READY of a pending
     * initializer. If this thread is interrupted meanwhile, the pool's canceller kills the worker, the only way to stop
     * a task in another process, and this throws.
     */
    private Frames.Frame awaitReply(RemoteCall<?> call) throws InterruptedException {
        WorkerProcess current = call.shippedTo;
        Frames.Frame reply;
        awaited = current;
        try {
            while (true) {
                reply = current.nextReply();
                if (reply.type() != Frames.READY || !initializing) {
                    break;
                }
                initializing = false; // the initializer's answer; the task's follows
            }
        } finally {
            awaited = null;
        }
        call.shippedTo = null;
        // A reply that came in time wins over an interrupt; a cancelled task's future is already complete.
        boolean interrupted = Thread.interrupted();
        if (reply == Frames.END && interrupted) { // ProcessPool's canceller killed the worker for the interrupt
            current.kill();
            current.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            lose(current);
            if (pool.isShutdown()) {
                throw new InterruptedException("the pool was shut down now; worker " + current + " was killed");
            }
            throw new CancellationException("the task was cancelled; worker " + current + " was killed to stop it");
        }
        return reply;
    }

    /** Kills the worker if this slot's thread was interrupted while waiting for it: a task cannot be stopped otherwise. */
    void killIfInterrupted() {
        WorkerProcess current = awaited;
        Thread serving = thread;
        if (current != null && serving != null && serving.isInterrupted()) {
            current.kill();
        }
    }

    /** Reads and drops the reply to a task that was shipped but cancelled before it ran here. */
    private void discardReply(RemoteCall<?> call) {
        WorkerProcess current = call.shippedTo;
        try {
            if (awaitReply(call) == Frames.END) {
                current.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
                lose(current);
            }
        } catch (InterruptedException | CancellationException e) {
            // the worker was killed; the next task starts another
        }
    }

    /**
     * Forgets a worker that died or was killed: the next task starts a new one, and the task shipped ahead to it, which
     * it never started, is shipped again.
     */
    private void lose(WorkerProcess lost) {
        if (worker == lost) {
            worker = null;
        }
        if (ahead.get() instanceof PoolTask<?> task
                && task.callable() instanceof RemoteCall<?> call
                && call.shippedTo == lost) {
            call.shippedTo = null;
        }
    }

    private void ensureWorker() throws IOException {
        if (worker != null && worker.gone()) {
            int status = worker.awaitExit(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            System.err.println("multitask: worker " + worker + " exited while idle with status " + status
                    + "; starting a new one");
            lose(worker);
        }
        if (worker == null) {
            startWorker();
        }
    }

    private void startWorker() throws IOException {
        worker = WorkerProcess.start(name, pool.command(), pool.options().environment());
        pool.track(worker.process());
        tasksOnWorker = 0;
        retireSoon = false;
        Thread.currentThread().setName("multitask-" + name + " (pid " + worker.pid() + ")");
        if (pool.options().initializer() != null) {
            initializing = true;
            worker.send(Frames.INIT, Serialization.write(pool.options().initializer()));
        } else {
            initializing = false;
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

    /** Retires the worker once it has run its share, or is suspect, and nothing shipped to it awaits a reply. */
    private void retireIfDue() {
        if (worker == null || pool.broken() != null) {
            return;
        }
        int max = pool.options().maxTasksPerWorker();
        boolean due = retireSoon || (max > 0 && tasksOnWorker >= max);
        boolean busy = ahead.get() instanceof PoolTask<?> task
                && task.callable() instanceof RemoteCall<?> call
                && call.shippedTo == worker;
        if (due && !busy) {
            worker.closeInput(); // it exits in its own time; the pool's termination still waits for it
            worker = null;
            if (!pool.isShutdown()) {
                startQuietly(); // the replacement boots while this slot takes its next task
            }
        }
    }

    private static IOException notSerializable(ObjectStreamException e) {
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
