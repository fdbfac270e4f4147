package dev.multitask.internal;

import dev.multitask.Strategy;
import dev.multitask.TaskRecord;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.Trace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects one {@link TaskRecord} per ended task of a pool, up to a capacity, and totals for all of them.
 *
 * <p>What recording costs is mostly clock reads: {@link System#nanoTime()} takes about 130 ns on this project's
 * virtual machines (kvm-clock), a third of what a whole no-op task costs the pool. So:
 *
 * <ul>
 *   <li>While the capacity lasts, every task is timed with three clock reads (submitted, started, ended) and kept as a
 *       record.
 *   <li>Once it is full, tasks are still all counted, but only one in {@value #TIMED_ONE_IN} is timed: the sum of task
 *       times and the last end, and so the summary's speed-up, are estimated from those; the records already kept
 *       stay exact. A long-lived traced pool then pays a few nanoseconds a task.
 *   <li>A thread's CPU time is a system call, about 1.5 &micro;s, so a task's CPU time is measured (one read as it
 *       starts, one as it ends) only for a task that will be kept as a record, and only when the previous task on the
 *       same thread ran for at least {@value #CPU_MEASURE_AFTER_NANOS} ns of wall time, or is the thread's first:
 *       tasks long enough for CPU time to matter are measured exactly, and streams of tiny tasks pay nothing for it.
 *       A task not measured records -1.
 * </ul>
 */
public final class TraceRecorder {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    /** Once the records are full, one task in this many is timed. */
    static final int TIMED_ONE_IN = 64;

    /** What {@link #started} returns for a task that is counted but not timed. */
    static final long UNTIMED = -2;

    /** The start time of a task that ended without starting. */
    static final long NEVER_STARTED = -1;

    /** Wall time of a thread's previous task above which its next task's CPU time is measured. */
    static final long CPU_MEASURE_AFTER_NANOS = 100_000;

    /** The wall time of each thread's previous task, shared by all pools: it only steers measuring. */
    private static final ThreadLocal<long[]> PREVIOUS_RUN_NANOS =
            ThreadLocal.withInitial(() -> new long[] {Long.MAX_VALUE});

    private final long originNanos = System.nanoTime();
    private final Instant origin = Instant.now();
    private final int capacity;
    private final int configuredWorkers;
    private final ConcurrentLinkedQueue<TaskRecord> records = new ConcurrentLinkedQueue<>();
    private final AtomicInteger stored = new AtomicInteger();
    private volatile boolean full;
    private final LongAdder ended = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder busyNanos = new LongAdder(); // of the tasks that started while not full
    private final LongAdder sampledBusyNanos = new LongAdder(); // of the one in TIMED_ONE_IN timed once full
    private final LongAccumulator firstSubmitted = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastEnded = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicInteger running = new AtomicInteger();
    private final LongAccumulator peakRunning = new LongAccumulator(Math::max, 0);

    /**
     * @param capacity the most records kept
     * @param configuredWorkers the pool's worker count for utilisation, or 0 to use the peak number of tasks that ran
     *     at once
     */
    public TraceRecorder(int capacity, int configuredWorkers) {
        this.capacity = capacity;
        this.configuredWorkers = configuredWorkers;
        this.full = capacity <= 0;
    }

    /** Nanoseconds since this recorder was made. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    /** Whether {@code task} is timed: all are while records are kept, one in {@value #TIMED_ONE_IN} after. */
    private boolean timed(PoolTask<?> task) {
        return !full || task.id() % TIMED_ONE_IN == 1; // ids start at 1, so the first task is always timed
    }

    void submitted(PoolTask<?> task) {
        if (timed(task)) {
            long now = now();
            task.submittedNanos = now;
            firstSubmitted.accumulate(now);
        }
    }

    /** Marks the start of a task on the current thread: its start time, or {@link #UNTIMED}. */
    long started(PoolTask<?> task) {
        if (configuredWorkers == 0) { // a contended counter per task, only kept when utilisation needs the peak
            peakRunning.accumulate(running.incrementAndGet());
        }
        if (!full) {
            return now();
        }
        if (task.id() % TIMED_ONE_IN == 1) {
            task.sampled = true;
            return now();
        }
        return UNTIMED;
    }

    /**
     * The current thread's CPU time as a task that started at {@code startedNanos} starts on it, or -1 when this
     * task's CPU time will not be measured: a task that will not be kept as a record, virtual threads (the JVM does not
     * measure them), and a task after a short one on the same thread.
     */
    long cpuAtStart(long startedNanos) {
        if (full || startedNanos < 0 || !CPU_TIME || Thread.currentThread().isVirtual()) {
            return -1;
        }
        return PREVIOUS_RUN_NANOS.get()[0] >= CPU_MEASURE_AFTER_NANOS ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * Records the end of a task that started at {@code startedNanos} (as {@link #started} returned it), or of one that
     * never started when that is {@link #NEVER_STARTED}; {@code cpuAtStart} is what {@link #cpuAtStart} returned.
     * {@code worker} is the thread that ran it, or null; it is named only for a task kept as a record.
     */
    void ended(PoolTask<?> task, Thread worker, long startedNanos, long cpuAtStart, Outcome outcome, Throwable error) {
        ended.increment();
        switch (outcome) {
            case FAILED -> failed.increment();
            case CANCELLED -> cancelled.increment();
            case SUCCEEDED -> {}
        }
        if (startedNanos != NEVER_STARTED && configuredWorkers == 0) {
            running.decrementAndGet();
        }
        if (startedNanos == UNTIMED || (startedNanos == NEVER_STARTED && full)) {
            return; // counted, not timed
        }
        long finished = now();
        lastEnded.accumulate(finished);
        long cpuNanos = -1;
        if (startedNanos >= 0) {
            long ran = finished - startedNanos;
            if (task.sampled) {
                sampledBusyNanos.add(ran);
                return;
            }
            busyNanos.add(ran);
            if (CPU_TIME && !Thread.currentThread().isVirtual()) {
                PREVIOUS_RUN_NANOS.get()[0] = ran;
                if (cpuAtStart >= 0) {
                    cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
                }
            }
        }
        int kept;
        if (!full && (kept = stored.incrementAndGet()) <= capacity) {
            if (kept == capacity) {
                full = true;
            }
            records.add(new TaskRecord(
                    task.id(),
                    task.label(),
                    worker == null ? null : task.owner().workerName(worker),
                    task.submittedNanos,
                    startedNanos,
                    finished,
                    cpuNanos,
                    outcome,
                    error == null ? null : describe(error)));
        } else {
            full = true;
        }
    }

    /** A consistent-enough snapshot: tasks that end while it is taken may be counted but not yet listed. */
    public Trace snapshot(String pool, Strategy strategy) {
        long first = firstSubmitted.get();
        long last = lastEnded.get();
        long wall = first == Long.MAX_VALUE || last < first ? 0 : last - first;
        int workers = configuredWorkers > 0 ? configuredWorkers : (int) peakRunning.get();
        return new Trace(
                pool,
                strategy,
                origin,
                new ArrayList<>(records),
                Trace.summarize(
                        ended.sum(),
                        failed.sum(),
                        cancelled.sum(),
                        wall,
                        busyNanos.sum() + TIMED_ONE_IN * sampledBusyNanos.sum(),
                        workers));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getName() + ": " + message;
    }
}
