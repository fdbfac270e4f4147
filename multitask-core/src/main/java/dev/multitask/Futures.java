package dev.multitask;

import dev.multitask.internal.Deadlines;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Waiting on many futures at once: Python's {@code as_completed} and {@code wait}, for any futures that are also
 * {@link CompletionStage}s (every {@link TaskFuture} and {@link java.util.concurrent.CompletableFuture}).
 */
public final class Futures {

    private Futures() {}

    /** When {@link #waitFor} returns. */
    public enum ReturnWhen {
        /** As soon as any future is done. */
        FIRST_COMPLETED,
        /** As soon as any future fails, or when all are done. Cancellation does not count as failure. */
        FIRST_EXCEPTION,
        /** When all futures are done. */
        ALL_COMPLETED
    }

    /**
     * The futures split by whether they were done when {@link #waitFor} returned, each in the order given.
     *
     * @param done the futures that were done
     * @param notDone the others
     */
    public record Done<F>(Set<F> done, Set<F> notDone) {}

    /**
     * The given futures in the order they complete, each as soon as it does; those already done come first. The
     * stream ends when all have been returned. Equivalent to {@code asCompleted(futures, null)}.
     */
    public static <F extends Future<?> & CompletionStage<?>> Stream<F> asCompleted(Collection<F> futures) {
        return asCompleted(futures, null);
    }

    /**
     * Like {@link #asCompleted(Collection)}, but if {@code timeout} (measured from this call; {@code null} for none)
     * passes before the next future completes, taking it throws {@link TaskTimeoutException}. Duplicates in {@code
     * futures} are returned once.
     */
    public static <F extends Future<?> & CompletionStage<?>> Stream<F> asCompleted(
            Collection<F> futures, Duration timeout) {
        Set<F> distinct = new LinkedHashSet<>(futures);
        long deadline = Deadlines.after(timeout);
        LinkedBlockingQueue<F> completed = new LinkedBlockingQueue<>();
        for (F future : distinct) {
            future.whenComplete((result, failure) -> completed.add(future));
        }
        Iterator<F> iterator = new Iterator<>() {
            private int remaining = distinct.size();

            @Override
            public boolean hasNext() {
                return remaining > 0;
            }

            @Override
            public F next() {
                if (remaining == 0) {
                    throw new NoSuchElementException();
                }
                F next;
                try {
                    next = deadline == Deadlines.NONE
                            ? completed.take()
                            : completed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a future");
                }
                if (next == null) {
                    throw new TaskTimeoutException(0, remaining + " of " + distinct.size() + " futures", timeout);
                }
                remaining--;
                return next;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliterator(iterator, distinct.size(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Waits until the condition {@code when} holds for {@code futures}, or {@code timeout} passes ({@code null} for
     * no limit), like Python's {@code concurrent.futures.wait}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static <F extends Future<?> & CompletionStage<?>> Done<F> waitFor(
            Collection<F> futures, ReturnWhen when, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(when, "when");
        List<F> all = List.copyOf(new LinkedHashSet<>(futures));
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        int[] doneAndFailed = new int[2];
        for (F future : all) {
            future.whenComplete((result, failure) -> {
                lock.lock();
                try {
                    doneAndFailed[0]++;
                    if (failure != null && !future.isCancelled()) {
                        doneAndFailed[1]++;
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            });
        }
        long deadline = Deadlines.after(timeout);
        lock.lock();
        try {
            while (!satisfied(when, doneAndFailed[0], doneAndFailed[1], all.size())) {
                if (deadline == Deadlines.NONE) {
                    changed.await();
                } else if (changed.awaitNanos(deadline - System.nanoTime()) <= 0) {
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new Done<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(notDone));
    }

    private static boolean satisfied(ReturnWhen when, int done, int failed, int total) {
        return switch (when) {
            case FIRST_COMPLETED -> done > 0 || total == 0;
            case FIRST_EXCEPTION -> failed > 0 || done == total;
            case ALL_COMPLETED -> done == total;
        };
    }
}
