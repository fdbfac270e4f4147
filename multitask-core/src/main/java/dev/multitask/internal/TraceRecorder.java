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
 * Collects one {@link TaskRecord} per ended task of a pool, up to a capacity, and totals for all of them. Recording
 * costs a few clock reads per task and one lock-free queue insert at its end.
 *
 * <p>A thread's CPU time is not cheap to read: it is a system call, about 1.5 &micro;s each in a virtual machine,
 * which is more than a whole no-op task costs the pool. So a task's CPU time is measured (one read as it starts, one
 * as it ends) only when the previous task on the same thread ran for at least {@value #CPU_MEASURE_AFTER_NANOS} ns
 * of wall time, or is the thread's first: tasks long enough for CPU time to matter are measured exactly at an
 * overhead of a few percent at most, and streams of tiny tasks pay nothing for it. A task not measured records -1.
 */
public final class TraceRecorder {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

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
    private final LongAdder ended = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();
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
    }

    /** Nanoseconds since this recorder was made. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    void submitted(PoolTask<?> task) {
        long now = now();
        task.submittedNanos = now;
        firstSubmitted.accumulate(now);
    }

    long started() {
        if (configuredWorkers == 0) { // a contended counter per task, only kept when utilisation needs the peak
            peakRunning.accumulate(running.incrementAndGet());
        }
        return now();
    }

    /**
     * The current thread's CPU time as a task starts on it, or -1 when this task's CPU time will not be measured:
     * virtual threads (the JVM does not measure them), and a task after a short one on the same thread.
     */
    long cpuAtStart() {
        if (!CPU_TIME || Thread.currentThread().isVirtual()) {
            return -1;
        }
        return PREVIOUS_RUN_NANOS.get()[0] >= CPU_MEASURE_AFTER_NANOS ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * The CPU time spent since {@code cpuAtStart} by a task that started at {@code startedNanos} on this thread, or -1
     * if it was not measured; remembers how long the task ran to decide whether to measure the next one.
     */
    long cpuSpent(long cpuAtStart, long startedNanos) {
        if (!CPU_TIME || Thread.currentThread().isVirtual()) {
            return -1;
        }
        PREVIOUS_RUN_NANOS.get()[0] = now() - startedNanos;
        return cpuAtStart < 0 ? -1 : THREADS.getCurrentThreadCpuTime() - cpuAtStart;
    }

    /**
     * Records the end of a task that started at {@code startedNanos}, or of one that never started when that is -1.
     */
    void ended(PoolTask<?> task, String worker, long startedNanos, long cpuNanos, Outcome outcome, Throwable error) {
        long finished = now();
        if (startedNanos >= 0) {
            if (configuredWorkers == 0) {
                running.decrementAndGet();
            }
            busyNanos.add(finished - startedNanos);
        }
        ended.increment();
        switch (outcome) {
            case FAILED -> failed.increment();
            case CANCELLED -> cancelled.increment();
            case SUCCEEDED -> {}
        }
        lastEnded.accumulate(finished);
        if (stored.get() < capacity && stored.incrementAndGet() <= capacity) {
            records.add(new TaskRecord(
                    task.id(),
                    task.label(),
                    worker,
                    task.submittedNanos,
                    startedNanos,
                    finished,
                    cpuNanos,
                    outcome,
                    error == null ? null : describe(error)));
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
                Trace.summarize(ended.sum(), failed.sum(), cancelled.sum(), wall, busyNanos.sum(), workers));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getName() + ": " + message;
    }
}
