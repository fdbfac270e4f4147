package dev.multitask.processes;

import dev.multitask.MapOptions;
import dev.multitask.ProcessOptions;
import dev.multitask.internal.AbstractPool;
import dev.multitask.internal.MapCall;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.WorkerThreads;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed number of worker JVMs, each served by one slot thread of this process that takes tasks from one shared
 * queue, ships each to its worker and waits for the answer; the slot thread is the task's thread here, so the task's
 * trace record and {@link dev.multitask.TaskContext} name it, and its name carries the worker's pid.
 *
 * <p>Workers start with the pool, all at once. A slot whose worker died, or was retired after {@link
 * ProcessOptions#maxTasksPerWorker()} tasks, starts a new one before taking its next task; the other slots go on
 * meanwhile. Cancelling a running task with interruption, or {@code shutdownNow}, kills its worker: a task in another
 * process cannot be interrupted any other way. Termination means every slot thread has ended and every worker has
 * exited.
 */
final class ProcessPool extends AbstractPool {

    /** Tells a slot to retire its worker and end; one per slot is queued behind the last task at shutdown. */
    private static final Runnable STOP = () -> {};

    private static final long CANCEL_CHECK_MILLIS = 50;

    private final int workers;
    private final ProcessOptions options;
    private final WorkerCommand command;
    private final ObjectInputFilter filter;
    private final ClassLoader loader;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger idleSlots = new AtomicInteger();
    private final WorkerThreads threads;
    private final List<Thread> slotThreads = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean shutdown; // guarded by lock
    private volatile RuntimeException broken;
    private volatile boolean stoppingNow;
    private volatile boolean workerUp; // a worker has said hello
    private volatile boolean training; // a worker of this pool writes the AOT cache when it exits
    private final Set<String> taskClasses = ConcurrentHashMap.newKeySet(); // while training, up to MAX_TASK_CLASSES

    /** How many task classes a training worker is sent, at most. */
    private static final int MAX_TASK_CLASSES = 256;

    /**
     * @param first the workers already started for the slots, in order; {@code null} for a slot whose worker could not
     *     be started, which tries again
     */
    ProcessPool(PoolConfig config, int workers, WorkerCommand command, List<WorkerProcess> first) {
        super(config, workers);
        this.workers = workers;
        this.options = config.processOptions();
        this.command = command;
        this.filter = Serialization.filter(options.serialFilter());
        this.loader = Thread.currentThread().getContextClassLoader();
        this.threads = WorkerThreads.platform(config.name());
        for (int i = 1; i <= workers; i++) {
            Slot slot = new Slot(this, i, first.get(i - 1));
            slots.add(slot);
            Thread thread = threads.newThread(slot);
            slotThreads.add(thread);
        }
        slotThreads.forEach(Thread::start);
        Thread.ofPlatform()
                .daemon(true)
                .name("multitask-" + config.name() + "-canceller")
                .start(this::killWorkersOfInterruptedSlots);
    }

    /**
     * Slots wait for replies in reads that an interrupt cannot end; this turns the interrupt of a slot thread (from
     * {@code cancel(true)} or {@code shutdownNow}) into the death of the worker it waits for, which ends the read.
     */
    private void killWorkersOfInterruptedSlots() {
        while (!threads.allEnded()) {
            slots.forEach(Slot::killIfInterrupted);
            try {
                Thread.sleep(CANCEL_CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    ProcessOptions options() {
        return options;
    }

    WorkerCommand command() {
        return command;
    }

    ObjectInputFilter filter() {
        return filter;
    }

    ClassLoader loader() {
        return loader;
    }

    /** Keeps {@code process} among those termination waits for, until it exits. */
    void track(Process process) {
        processes.add(process);
        process.onExit().thenRun(() -> processes.remove(process));
    }

    /** Why the pool cannot run tasks any more, or {@code null}. */
    RuntimeException broken() {
        return broken;
    }

    /** Marks the pool broken by a failed initializer: queued tasks fail with {@code why} and new ones are refused. */
    void breakWith(RuntimeException why) {
        if (broken == null) {
            broken = why;
        }
        shutdown();
    }

    /** Takes the next task for a slot, or {@link #STOP}, waiting for one. */
    Runnable take() throws InterruptedException {
        idleSlots.incrementAndGet();
        try {
            return queue.take();
        } finally {
            idleSlots.decrementAndGet();
        }
    }

    /** A task for a busy slot to ship ahead, unless an idle slot could take it now; or {@code null}. */
    Runnable pollIfNoSlotIsIdle() {
        return queue.size() > idleSlots.get() ? queue.poll() : null;
    }

    /** Whether {@code shutdownNow} was called, so that tasks held by slots are cancelled rather than run. */
    boolean stoppingNow() {
        return stoppingNow;
    }

    static boolean isStop(Runnable task) {
        return task == STOP;
    }

    /**
     * Tasks submitted before any worker is up are serialized in the submitting thread, while the workers boot, rather
     * than by the slot that ships them once its worker says hello: the first serialization in a process costs
     * milliseconds of class loading and linking, which would otherwise delay the pool's first result. (Those tasks
     * are thus captured as they were when submitted, not when shipped; {@code map}'s tasks, which go as their
     * function once and their inputs, are left to the slots.)
     */
    @Override
    protected <T> Callable<T> adapt(Callable<T> task) {
        RemoteCall<T> call = new RemoteCall<>(task);
        if (!workerUp && !(task instanceof MapCall<?, ?>)) {
            call.serializeNow();
        }
        return call;
    }

    /** Tells the pool that one of its workers writes the AOT cache when it exits: see {@link #noteTaskClass}. */
    void training() {
        training = true;
    }

    /**
     * Remembers the class of a task shipped by this pool while one of its workers writes the AOT cache; for a lambda,
     * the class that wrote it. That worker loads them before it exits (see {@code WorkerMain.load}).
     */
    void noteTaskClass(Object task) {
        if (training && taskClasses.size() < MAX_TASK_CLASSES) {
            taskClasses.add(task.getClass().getNestHost().getName()); // a lambda's class is a nestmate of its writer's
        }
    }

    /** The classes of {@link #noteTaskClass}, one a line. */
    String taskClasses() {
        return String.join("\n", taskClasses);
    }

    /** Tells the pool that a worker has said hello: tasks from now on are serialized by the slots that ship them. */
    void workerUp() {
        workerUp = true;
    }

    @Override
    protected int mapChunkSize(MapOptions options) {
        return options.chunkSize();
    }

    @Override
    protected void dispatch(dev.multitask.internal.PoolTask<?> task) {
        lock.lock();
        try {
            if (shutdown) {
                RuntimeException why = broken;
                throw new RejectedExecutionException(
                        this + (why != null ? " is broken: " + why.getMessage() : " is shut down"), why);
            }
            queue.add(task);
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected List<Runnable> drainQueue() {
        List<Runnable> drained = new ArrayList<>();
        queue.drainTo(drained);
        int stops = 0;
        for (var it = drained.iterator(); it.hasNext(); ) {
            if (it.next() == STOP) {
                it.remove();
                stops++;
            }
        }
        for (int i = 0; i < stops; i++) {
            queue.add(STOP);
        }
        return drained;
    }

    @Override
    protected int defaultInFlight() {
        return Math.max(16, 2 * workers);
    }

    /** Room for every slot's burst of tiny tasks shipped ahead, and as many again queued behind them. */
    @Override
    protected int maxDefaultInFlight() {
        return Math.max(defaultInFlight(), 2 * Slot.MAX_AHEAD * workers);
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            if (!shutdown) {
                shutdown = true;
                for (int i = 0; i < workers; i++) {
                    queue.add(STOP);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        stoppingNow = true;
        shutdown();
        List<Runnable> drained = drainQueue();
        for (Slot slot : slots) {
            for (Runnable held : slot.takeBackAhead()) {
                if (isStop(held)) {
                    queue.add(held);
                } else {
                    drained.add(held);
                }
            }
        }
        slotThreads.forEach(Thread::interrupt); // a slot interrupted in a task kills that task's worker
        return cancelAll(drained);
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        return isShutdown() && threads.allEnded() && processes.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = deadline(timeout, unit);
        if (!threads.awaitAllEnded(deadline)) {
            return false;
        }
        for (Process process : List.copyOf(processes)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !process.waitFor(remaining, TimeUnit.NANOSECONDS)) {
                return false;
            }
            processes.remove(process);
        }
        return true;
    }
}
