package dev.multitask.processes;

import dev.multitask.WorkerDiedException;
import dev.multitask.internal.MapCall;
import dev.multitask.internal.PoolTask;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * One worker place of a {@link ProcessPool} and the thread that serves it: takes a task, ships it to the current
 * worker process, waits for the answer, and replaces the worker when it dies or has run its share of tasks.
 *
 * <p>While a task runs in the worker, the slot ships queued tasks ahead, when no other slot is idle to take them, so
 * that the worker never waits for a round trip through this process between two tasks: one for tasks that take a
 * millisecond or more, a burst of tiny ones, written together. Replies come in the order tasks were shipped, so when
 * a worker dies, the oldest task without a reply is the one it was running; the tasks shipped ahead that had not
 * started are shipped again to the replacement, in order, and do not count as failures. Fields other than {@code
 * ahead}, {@code awaited} and {@code thread} are touched by the slot's own thread only.
 */
final class Slot implements Runnable {

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /**
     * How much work, in time at the observed rate, a slot ships ahead: tasks that take a millisecond or more go one
     * ahead, so that a long task never waits behind another while a different worker is free; tiny tasks go in
     * bursts of up to {@value #MAX_AHEAD}, so that the pipe is never empty and a burst costs one write and one wake-up.
     */
    private static final long AHEAD_NANOS = 1_000_000;

    static final int MAX_AHEAD = 64;

    /** Bytes shipped ahead stay below what the pipe and the worker's buffer hold, so a write never blocks on them. */
    private static final int MAX_AHEAD_BYTES = 48 * 1024;

    /** How long a worker asked to exit may take before it is killed. */
    private static final long EXIT_GRACE_SECONDS = 5;

    /** How long a worker that writes the pool's AOT cache as it exits may take; once per class path and JVM. */
    private static final long TRAINING_EXIT_GRACE_SECONDS = 120;

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
    // Taken from the queue to run next, in order, most of them already shipped; shutdownNow may take them back.
    private final ConcurrentLinkedDeque<Runnable> ahead = new ConcurrentLinkedDeque<>();
    private int aheadBytes; // bytes of the tasks in ahead that were shipped to the current worker
    private long lastReplyNanos; // when the last reply came, or 0 after the worker waited for work
    private long nanosPerTask = AHEAD_NANOS; // a moving average of the time between replies

    private WorkerProcess first; // started for this slot with the pool, until the slot's thread takes it over

    Slot(ProcessPool pool, int index, WorkerProcess first) {
        this.pool = pool;
        this.name = name(pool.name(), index);
        this.first = first;
    }

    /** The name of a pool's slot, which its workers' output and failures carry. */
    static String name(String pool, int index) {
        return pool + "-worker-" + index;
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
            WorkerProcess started = first;
            first = null;
            if (started != null) {
                try {
                    adopt(started);
                } catch (IOException e) {
                    worker = null; // it died booting; the next task starts another
                }
            } else {
                startQuietly(); // at once, so that the first task finds a booted JVM
            }
            awaitHello();
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
                sendTaskClassesIfTraining(last);
                last.closeInput();
                last.awaitExit(last.training() ? TRAINING_EXIT_GRACE_SECONDS : EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            }
            Thread.currentThread().setName(threadName);
        }
    }

    private Runnable next() {
        Runnable task = ahead.pollFirst();
        if (task != null) {
            if (task instanceof PoolTask<?> poolTask
                    && poolTask.callable() instanceof RemoteCall<?> call
                    && call.shippedTo != null) {
                aheadBytes -= call.shippedBytes;
            }
            return task;
        }
        lastReplyNanos = 0; // the worker waits for work: the time until the next reply says nothing of the tasks
        while (true) {
            try {
                return pool.take();
            } catch (InterruptedException e) {
                // shutdownNow interrupts idle slots too; its STOP is queued
            }
        }
    }

    /**
     * Takes back the tasks held to run next, for {@code shutdownNow}; the slot will not run them. If they were shipped,
     * the slot's worker is being killed by the same {@code shutdownNow}, or the slot reads nothing more from it.
     */
    List<Runnable> takeBackAhead() {
        List<Runnable> taken = new ArrayList<>();
        for (Runnable task; (task = ahead.pollFirst()) != null; ) {
            taken.add(task);
        }
        return taken;
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
            observeReply();
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
        shipUnflushed(call);
        flush();
    }

    /** Writes a task's frames without flushing them; see {@link #ship}. Returns the bytes written. */
    private int shipUnflushed(RemoteCall<?> call) throws IOException {
        int bytes;
        if (call.task() instanceof MapCall<?, ?> map) {
            pool.noteTaskClass(map.function());
            if (map.function() != function) {
                byte[] serialized = serialize(map.function());
                function = map.function();
                functionBytes = serialized;
                functionSentTo = null;
            }
            byte[] input = serialize(map.input());
            bytes = input.length;
            if (functionSentTo != worker) {
                send(Frames.FUNCTION, functionBytes);
                functionSentTo = worker;
                bytes += functionBytes.length;
            }
            send(Frames.APPLY, input);
        } else {
            pool.noteTaskClass(call.task());
            byte[] task = call.takeSerialized();
            if (task == null) {
                task = serialize(call.task());
            }
            bytes = task.length;
            send(Frames.TASK, task);
        }
        call.shippedTo = worker;
        call.shippedBytes = bytes;
        tasksOnWorker++;
        return bytes;
    }

    private void send(byte type, byte[] payload) {
        try {
            worker.sendUnflushed(type, payload);
        } catch (IOException e) {
            // the worker is dying; its END reply follows
        }
    }

    private void flush() {
        try {
            worker.flush();
        } catch (IOException e) {
            // the worker is dying; its END reply follows
        }
    }

    /** Updates the time per task from the gap between this reply and the last, while the worker had work queued. */
    private void observeReply() {
        long now = System.nanoTime();
        if (lastReplyNanos != 0) {
            nanosPerTask += (now - lastReplyNanos - nanosPerTask) / 8;
        }
        lastReplyNanos = now;
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

    /**
     * Ships queued tasks to the worker while the current one runs, as many as {@link #AHEAD_NANOS} of work at the
     * observed rate, if no idle slot would take them sooner; first, in order, those already held whose worker died.
     * Replies come in the order tasks were shipped, so tasks are shipped in the order they will run.
     */
    private void shipAhead() {
        if (worker == null || retireSoon) {
            return;
        }
        int max = pool.options().maxTasksPerWorker();
        int depth = (int) Math.max(1, Math.min(MAX_AHEAD, AHEAD_NANOS / Math.max(1, nanosPerTask)));
        boolean shipped = false;
        for (Runnable held : ahead) {
            if (ProcessPool.isStop(held)) {
                break;
            }
            if (held instanceof PoolTask<?> task
                    && !task.isDone()
                    && task.callable() instanceof RemoteCall<?> call
                    && call.shippedTo != worker
                    && !call.unshippable) {
                if (max > 0 && tasksOnWorker >= max) {
                    break;
                }
                shipped |= shipAhead(call);
            }
        }
        while (ahead.size() < depth && aheadBytes < MAX_AHEAD_BYTES && !(max > 0 && tasksOnWorker >= max)) {
            Runnable last = ahead.peekLast();
            if (last != null && ProcessPool.isStop(last)) {
                break;
            }
            Runnable task = pool.pollIfNoSlotIsIdle();
            if (task == null) {
                break;
            }
            ahead.addLast(task);
            if (!ProcessPool.isStop(task) && !((PoolTask<?>) task).isDone()) {
                shipped |= shipAhead((RemoteCall<?>) ((PoolTask<?>) task).callable());
            }
        }
        if (shipped) {
            flush();
        }
    }

    private boolean shipAhead(RemoteCall<?> call) {
        call.shippedTo = null;
        try {
            aheadBytes += shipUnflushed(call);
            return true;
        } catch (IOException e) {
            call.unshippable = true; // not serializable: the task fails with the reason when it runs
            return false;
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
                if (reply.type() == Frames.HELLO) {
                    continue; // a replacement worker says it is up; nobody waited for it
                }
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

    /**
     * Waits until the pool's first worker in this slot is up, before this slot takes a task: the pool's first tasks
     * then go to whichever workers boot first, not to one still booting while another is idle. A worker that dies
     * booting is seen by {@link #ensureWorker} when this slot takes its first task.
     */
    private void awaitHello() {
        WorkerProcess current = worker;
        if (current == null) {
            return;
        }
        awaited = current;
        try {
            current.nextReply(); // HELLO, or END if it died; its output on the way is passed on
            pool.workerUp();
        } finally {
            awaited = null;
        }
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
        for (Runnable held : ahead) {
            if (held instanceof PoolTask<?> task
                    && task.callable() instanceof RemoteCall<?> call
                    && call.shippedTo == lost) {
                call.shippedTo = null;
                aheadBytes -= call.shippedBytes;
            }
        }
        lastReplyNanos = 0;
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
        WorkerCommand.Launch launch = pool.command().next();
        adopt(WorkerProcess.start(name, launch, pool.options().environment()));
    }

    /** Makes {@code started} this slot's worker, and sends it the pool's initializer if there is one. */
    private void adopt(WorkerProcess started) throws IOException {
        worker = started;
        if (worker.training()) {
            pool.training();
        }
        pool.track(worker.process());
        tasksOnWorker = 0;
        aheadBytes = 0;
        lastReplyNanos = 0;
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
        boolean busy = false;
        for (Runnable held : ahead) {
            if (held instanceof PoolTask<?> task
                    && task.callable() instanceof RemoteCall<?> call
                    && call.shippedTo == worker) {
                busy = true;
            }
        }
        if (due && !busy) {
            sendTaskClassesIfTraining(worker);
            worker.closeInput(); // it exits in its own time; the pool's termination still waits for it
            worker = null;
            if (!pool.isShutdown()) {
                startQuietly(); // the replacement boots while this slot takes its next task
            }
        }
    }

    /** Tells a worker that writes the AOT cache as it exits which classes the pool's tasks were of. */
    private void sendTaskClassesIfTraining(WorkerProcess exiting) {
        if (exiting.training()) {
            try {
                exiting.send(Frames.CLASSES, pool.taskClasses().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it is gone; its cache lacks them
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
