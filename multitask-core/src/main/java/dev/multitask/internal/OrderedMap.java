package dev.multitask.internal;

import dev.multitask.TaskFailedException;
import dev.multitask.TaskTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The iterator behind {@code Pool.map}: a window of submitted tasks from which the consumer takes the oldest result,
 * refilled to its full size whenever half of it has been taken. Used by one consumer thread at a time, as any iterator
 * is. Why refill in bursts: submitting many tasks in a row, then taking many results, hands the workers a queue that
 * stays non-empty, where one submit per take kept waking parked workers for one task each.
 *
 * <p>The window starts at {@code inFlight} tasks. When the pool chose that number, it may grow, by doubling up to
 * {@code maxInFlight}, while it holds less than {@value #TARGET_WINDOW_NANOS} ns of results at the rate the consumer
 * is taking them, and shrinks back when it holds far more. Why: with a window of 16 tiny tasks, the workers empty
 * the queue faster than a descheduled or parked consumer comes back to refill it, and sit idle (Pool.map ran no-op
 * tasks at about a third of a submit-everything loop's throughput); a window worth a couple of milliseconds of work
 * keeps them busy, while tasks that take milliseconds keep the small window, and so little memory held in results.
 */
final class OrderedMap<T, R> implements Iterator<R> {

    /** How much work, in time at the observed rate, a growing window aims to hold. */
    static final long TARGET_WINDOW_NANOS = 2_000_000;

    /** How many results are taken between two decisions on the window's size. */
    private static final int RESIZE_EVERY = 16;

    private final AbstractPool pool;
    private final Function<? super T, ? extends R> function;
    private final Iterator<? extends T> inputs;
    private final int minInFlight;
    private final int maxInFlight;
    private int inFlight;
    private int takenSinceResize;
    private long resizedNanos;
    private final Duration timeout;
    private final long deadline;
    private final ArrayDeque<PoolTask<R>> window;
    private boolean closed;

    OrderedMap(
            AbstractPool pool,
            Function<? super T, ? extends R> function,
            Iterator<? extends T> inputs,
            int inFlight,
            int maxInFlight,
            Duration timeout) {
        this.pool = pool;
        this.function = function;
        this.inputs = inputs;
        this.minInFlight = inFlight;
        this.maxInFlight = Math.max(inFlight, maxInFlight);
        this.inFlight = inFlight;
        this.timeout = timeout;
        long now = System.nanoTime();
        this.resizedNanos = now;
        this.deadline = Deadlines.after(timeout);
        this.window = new ArrayDeque<>(Math.min(inFlight, 1024));
        fill(); // work starts at the call, as with Python's map, not at the first take
    }

    Stream<R> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (window.isEmpty()) {
            fill();
        }
        return !window.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PoolTask<R> head = window.poll();
        try {
            R result = await(head);
            if (maxInFlight > minInFlight && ++takenSinceResize == RESIZE_EVERY) {
                resize();
            }
            if (window.size() <= inFlight / 2) {
                fill();
            }
            return result;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private R await(PoolTask<R> task) {
        try {
            return deadline == Deadlines.NONE
                    ? task.get()
                    : task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new TaskFailedException(task.id(), task.label(), e.getCause());
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new TaskTimeoutException(task.id(), task.label(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new CancellationException("interrupted while waiting for " + task);
        }
    }

    private void resize() {
        long now = System.nanoTime();
        long windowNanos = (now - resizedNanos) / takenSinceResize * inFlight;
        if (windowNanos < TARGET_WINDOW_NANOS) {
            inFlight = Math.min(maxInFlight, inFlight * 2);
        } else if (windowNanos > 4 * TARGET_WINDOW_NANOS) {
            inFlight = Math.max(minInFlight, inFlight / 2); // tasks in flight beyond it finish; no more are added
        }
        takenSinceResize = 0;
        resizedNanos = now;
    }

    private void fill() {
        while (!closed && window.size() < inFlight && inputs.hasNext()) {
            T input = inputs.next();
            window.add(pool.<R>submitLabelled(input, new MapCall<T, R>(function, input)));
        }
    }

    /** Cancels the tasks still in flight and stops reading the input. */
    void close() {
        closed = true;
        // Newest first: a running task that the interrupt ends frees its worker, which must find the queued tasks
        // already cancelled rather than start one of them.
        for (PoolTask<R> task; (task = window.pollLast()) != null; ) {
            task.cancel(true);
        }
    }
}
