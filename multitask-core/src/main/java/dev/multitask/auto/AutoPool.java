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
 * controller, wakes every {@value #TICK_MILLIS} ms while there is work, reads the process CPU time and the counters
 * the workers keep (two clock reads per task, no CPU-time read per task), and asks the controller for a new limit;
 * with nothing running or queued it sleeps until a task arrives.
 */
final class AutoPool extends AbstractPool {

    static final int MAX_LIMIT = 10_000;
    static final long TICK_MILLIS = 25;
    private static final int DECISIONS_KEPT = 1_000;

    private final WorkerThreads workers;
    private final long originNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<PoolTask<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
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
        this.controller = new LimitController(processors, MAX_LIMIT);
        this.limit = controller.limit();
        this.controllerThread = Thread.ofPlatform()
                .daemon()
                .name("multitask-" + config.name() + "-controller")
                .unstarted(this::control);
    }

    static AutoPool start(PoolConfig config) {
        AutoPool pool = new AutoPool(config, Runtime.getRuntime().availableProcessors());
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

    /** Starts workers while there are fewer than the limit and queued tasks for them. */
    private void startWorkers() {
        for (int wanted = queued.get(); wanted > 0; ) {
            int running = active.get();
            if (running >= limit) {
                return;
            }
            if (active.compareAndSet(running, running + 1)) {
                try {
                    workers.newThread(this::work).start();
                } catch (Throwable t) {
                    active.decrementAndGet();
                    throw t;
                }
                wanted--;
            }
        }
    }

    private void work() {
        Thread self = Thread.currentThread();
        liveWorkers.add(self);
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
        long lastCpu = ProcessCpu.nanos();
        long lastCompleted = 0;
        long lastRun = 0;
        long lastRunQueue = ProcessCpu.runQueueNanos();
        while (drained.getCount() > 0) {
            if (active.get() == 0 && queued.get() <= 0) {
                controllerIdle = true;
                if (active.get() == 0 && queued.get() <= 0 && drained.getCount() > 0) {
                    LockSupport.park(this);
                }
                controllerIdle = false;
                lastTime = System.nanoTime(); // idle time tells nothing about the tasks
                lastCpu = ProcessCpu.nanos();
                lastCompleted = completed.sum();
                lastRun = runNanos.sum();
                lastRunQueue = ProcessCpu.runQueueNanos();
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            double machineLoad = ProcessCpu.machineLoad();
            long runQueue = ProcessCpu.runQueueNanos();
            long runQueueWait = runQueue >= 0 && lastRunQueue >= 0 ? Math.max(0, runQueue - lastRunQueue) : 0;
            lastRunQueue = runQueue;
            long now = System.nanoTime();
            long cpu = ProcessCpu.nanos();
            long ended = completed.sum();
            long run = runNanos.sum();
            // Workers started but not yet given a carrier thread are not running anything: with tasks that compute,
            // only as many run as there are carriers, whatever the limit.
            int runningNow = (int) Math.max(0, running.sum());
            long cpuUsed = cpu >= 0 && lastCpu >= 0
                    ? cpu - lastCpu
                    : (now - lastTime) * runningNow; // no CPU clock: assume the tasks compute, the safe guess
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
            lastCpu = cpu;
            lastCompleted = ended;
            lastRun = run;
            if (change != null) {
                limit = change.limit();
                record(new Decision(now - originNanos, change.limit(), change.reason()));
                startWorkers();
            }
        }
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
