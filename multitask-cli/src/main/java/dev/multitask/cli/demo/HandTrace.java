package dev.multitask.cli.demo;

import dev.multitask.Strategy;
import dev.multitask.TaskRecord;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.Trace;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link Trace} recorded by hand, for work on threads that no pool owns, such as the lesson's {@code Thread}s
 * started and joined by hand: each step becomes a task record on the thread that ran it. Safe for many threads.
 */
final class HandTrace {

    private final long originNanos = System.nanoTime();
    private final Instant origin = Instant.now();
    private final AtomicLong lastId = new AtomicLong();
    private final ConcurrentLinkedQueue<TaskRecord> records = new ConcurrentLinkedQueue<>();

    /** Runs one step on the current thread and records it under {@code label}. */
    <T> T step(String label, Supplier<T> work) {
        long id = lastId.incrementAndGet();
        String worker = Thread.currentThread().getName();
        long started = System.nanoTime() - originNanos;
        Outcome outcome = Outcome.FAILED;
        String error = null;
        try {
            T value = work.get();
            outcome = Outcome.SUCCEEDED;
            return value;
        } catch (RuntimeException | Error e) {
            error = e.getClass().getName() + ": " + e.getMessage();
            throw e;
        } finally {
            long finished = System.nanoTime() - originNanos;
            records.add(new TaskRecord(id, label, worker, started, started, finished, -1, outcome, error));
        }
    }

    /** What has been recorded so far, as the trace of a pool with this name and strategy. */
    Trace trace(String name, Strategy strategy) {
        return Trace.of(name, strategy, origin, List.copyOf(records));
    }
}
