package dev.multitask.auto;

import dev.multitask.Decision;
import dev.multitask.Trace;
import dev.multitask.internal.AbstractPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.PoolTask;
import dev.multitask.internal.WorkerThreads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual threads behind a limit that a {@link LimitController} moves as the pool runs; see {@link
 * dev.multitask.Pool#auto()} for the contract.
 *
 * <p>Tasks wait in one FIFO queue. Up to {@code limit} worker virtual threads each take tasks from it one after
 * another; a worker ends when the queue is empty or when there are more workers than the limit, so a lowered limit
 * takes effect as running tasks end, and a raised one as soon as new workers start. A platform daemon thread, the
 * controller, wakes every {@value #TICK_MILLIS} ms while there is work, reads the CPU time of the carrier threads
 * that run virtual threads (or, where the platform does not give it, of the whole process) and the counters the
 * workers keep (two clock reads per task, no CPU-time read per task), and asks the controller for a new limit; with
 * nothing running or queued it sleeps until a task arrives.
 */
final class AutoPool extends AbstractPool {

    static final int MAX_LIMIT = 10_000;
    static final long TICK_MILLIS = 10;
    private static final int DECISIONS_KEPT = 1_000;

    private final WorkerThreads workers;
    private final long originNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<PoolTask<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger starting = new AtomicInteger(); // workers started that have not yet looked at the queue
    private final Set<Thread> liveWorkers = ConcurrentHashMap.newKeySet();
    private final LongAdder running = new LongAdder(); // tasks between start and end, blocked ones included
    private final LongAdder completed = new LongAdder();
    private final LongAdder runNanos = new LongAdder();
    private final ReentrantLock submitLock = new ReentrantLock(); // orders submissions against shutdown
    private final CountDownLatch drained = new CountDownLatch(1);
    private final LimitController controller;
    private final ArrayDeque<Decision> decisions = new ArrayDeque<>(); // guarded by itself
    private final Thread controllerThread;
    private volatile int limit;
    private volatile boolean shutdown;
    private volatile boolean controllerIdle;
    private volatile boolean shutdownNowCalled;

    private AutoPool(PoolConfig config, int processors) {
        super(config, 0);
        this.workers = WorkerThreads.virtual(config.name(), "worker");
        // Exact CPU times only where carriers are there to read: in a JVM that has not run a virtual thread yet, the
        // first ticks fall back on the process clock, whose 10 ms steps need the early rule's longer span.
        ProcessCpu.CarrierTimes carriers = ProcessCpu.carriers();
        this.controller = new LimitController(processors, MAX_LIMIT, carriers != null && carriers.carriers() > 0);
        this.limit = controller.limit();
        this.controllerThread = Thread.ofPlatform()
                .daemon()
                .name("multitask-" + config.name() + "-controller")
                .unstarted(this::control);
    }

    static AutoPool start(PoolConfig config) {
        return start(config, Runtime.getRuntime().availableProcessors());
    }

    /** Starts a pool that takes the machine to have {@code processors} processors: its first limit; for tests. */
    static AutoPool start(PoolConfig config, int processors) {
        AutoPool pool = new AutoPool(config, processors);
        pool.record(new Decision(
                0,
                pool.limit,
                "start at the number of processors, " + pool.limit + ", until tasks show whether they compute or"
                        + " wait"));
        pool.controllerThread.start();
        return pool;
    }

    @Override
    protected void dispatch(PoolTask<?> task) {
        submitLock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("pool " + name() + " is shut down");
            }
            queue.add(task);
            queued.incrementAndGet();
        } finally {
            submitLock.unlock();
        }
        if (controllerIdle) {
            controllerIdle = false;
            LockSupport.unpark(controllerThread);
        }
        startWorkers();
    }

    /**
     * Starts workers while there are fewer than the limit and more queued tasks than workers on their way to the queue.
     * Counting those matters: a worker takes a while to get a carrier thread, and submitting thousands of tasks in a
     * row would otherwise start a worker per queued task at every submission, most of which find the queue empty and
     * end (starting virtual threads then took most of the submitting thread's time).
     */
    private void startWorkers() {
        while (queued.get() > starting.get()) {
            int running = active.get();
            if (running >= limit) {
                return;
            }
            if (active.compareAndSet(running, running + 1)) {
                starting.incrementAndGet();
                try {
                    workers.newThread(this::work).start();
                } catch (Throwable t) {
                    starting.decrementAndGet();
                    active.decrementAndGet();
                    throw t;
                }
            }
        }
    }

    private void work() {
        Thread self = Thread.currentThread();
        liveWorkers.add(self);
        starting.decrementAndGet(); // from here this worker takes tasks until the queue is empty
        boolean counted = true;
        try {
            for (PoolTask<?> task; (task = queue.poll()) != null; ) {
                queued.decrementAndGet();
                running.increment();
                long start = System.nanoTime();
                task.run();
                runNanos.add(System.nanoTime() - start);
                completed.increment();
                running.decrement();
                int running = active.get();
                if (running > limit && active.compareAndSet(running, running - 1)) {
                    counted = false; // the limit was lowered: this worker is one too many
                    break;
                }
            }
        } finally {
            liveWorkers.remove(self);
            if (counted) {
                active.decrementAndGet();
            }
            // A task may have been queued while this worker was leaving and seen the limit reached.
            if (queued.get() > 0 && !shutdownNowCalled) {
                startWorkers();
            }
            tryTerminate();
        }
    }

    private void tryTerminate() {
        if (shutdown && active.get() == 0 && queued.get() <= 0 && drained.getCount() > 0) {
            drained.countDown();
            LockSupport.unpark(controllerThread);
        }
    }

    /** The controller thread's loop: a tick's figures to the controller, its decision to the limit. */
    private void control() {
        long lastTime = System.nanoTime();
        long[] last = cpuAndRunQueue();
        long lastCompleted = 0;
        long lastRun = 0;
        while (drained.getCount() > 0) {
            if (active.get() == 0 && queued.get() <= 0) {
                controllerIdle = true;
                if (active.get() == 0 && queued.get() <= 0 && drained.getCount() > 0) {
                    LockSupport.park(this);
                }
                controllerIdle = false;
                lastTime = System.nanoTime(); // idle time tells nothing about the tasks
                last = cpuAndRunQueue();
                lastCompleted = completed.sum();
                lastRun = runNanos.sum();
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            double machineLoad = ProcessCpu.machineLoad();
            long[] times = cpuAndRunQueue();
            long now = System.nanoTime();
            long ended = completed.sum();
            long run = runNanos.sum();
            // Workers started but not yet given a carrier thread are not running anything: with tasks that compute,
            // only as many run as there are carriers, whatever the limit.
            int runningNow = (int) Math.max(0, running.sum());
            long cpuUsed;
            if (times[0] >= 0 && last[0] >= 0) {
                cpuUsed = Math.max(0, times[0] - last[0]);
            } else if (times[2] >= 0 && last[2] >= 0) {
                cpuUsed = Math.max(0, times[2] - last[2]); // no carrier read at one end: the process clock
            } else {
                cpuUsed = (now - lastTime) * runningNow; // no CPU clock: assume the tasks compute, the safe guess
            }
            long runQueueWait = times[0] >= 0 && last[0] >= 0 ? Math.max(0, times[1] - last[1]) : 0;
            LimitController.Change change = controller.next(new LimitController.Sample(
                    now - lastTime,
                    cpuUsed,
                    ended - lastCompleted,
                    run - lastRun,
                    runningNow,
                    queued.get(),
                    machineLoad,
                    runQueueWait));
            lastTime = now;
            last = times;
            lastCompleted = ended;
            lastRun = run;
            if (change != null) {
                limit = change.limit();
                record(new Decision(now - originNanos, change.limit(), change.reason()));
                startWorkers();
            }
        }
    }

    /**
     * {carriers' CPU time, carriers' run-queue wait, process CPU time}: the carrier threads' figures where Linux gives
     * them and there are carriers to read (exact to the nanosecond, and only where tasks run: not the submitting
     * thread, the JIT compiler or the collector), else -1 and 0; the process's CPU time (in 10 ms steps, everything
     * counted), -1 where the platform does not give it, read every time so that a tick with no carrier read at one end
     * can fall back on it.
     */
    private static long[] cpuAndRunQueue() {
        ProcessCpu.CarrierTimes carriers = ProcessCpu.carriers();
        boolean read = carriers != null && carriers.carriers() > 0;
        return new long[] {read ? carriers.cpuNanos() : -1, read ? carriers.runQueueNanos() : 0, ProcessCpu.nanos()};
    }

    private void record(Decision decision) {
        synchronized (decisions) {
            if (decisions.size() == DECISIONS_KEPT) {
                decisions.removeFirst();
            }
            decisions.addLast(decision);
        }
    }

    /** The limit now; for tests. */
    int limit() {
        return limit;
    }

    @Override
    public Trace trace() {
        Trace trace = super.trace();
        List<Decision> kept;
        synchronized (decisions) {
            kept = new ArrayList<>(decisions);
        }
        return trace.withDecisions(kept);
    }

    @Override
    protected List<Runnable> drainQueue() {
        List<Runnable> drained = new ArrayList<>();
        for (PoolTask<?> task; (task = queue.poll()) != null; ) {
            queued.decrementAndGet();
            drained.add(task);
        }
        tryTerminate();
        return drained;
    }

    @Override
    protected int defaultInFlight() {
        return MAX_LIMIT; // a backlog the controller can see, as many as it may ever run at once
    }

    @Override
    public void shutdown() {
        submitLock.lock();
        try {
            shutdown = true;
        } finally {
            submitLock.unlock();
        }
        tryTerminate();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdownNowCalled = true;
        shutdown();
        List<Runnable> neverStarted = cancelAll(drainQueue());
        for (Thread worker : liveWorkers) {
            worker.interrupt();
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return drained.getCount() == 0 && workers.allEnded() && !controllerThread.isAlive();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = deadline(timeout, unit);
        if (!drained.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) || !workers.awaitAllEnded(deadline)) {
            return false;
        }
        long remaining = deadline - System.nanoTime();
        return !controllerThread.isAlive()
                || (remaining > 0 && controllerThread.join(java.time.Duration.ofNanos(remaining)));
    }
}
