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
 * The iterator behind {@code Pool.map}: a window of at most {@code inFlight} submitted tasks, refilled by one input
 * each time the consumer takes the oldest result. Used by one consumer thread at a time, as any iterator is.
 */
final class OrderedMap<T, R> implements Iterator<R> {

    private final AbstractPool pool;
    private final Function<? super T, ? extends R> function;
    private final Iterator<? extends T> inputs;
    private final int inFlight;
    private final Duration timeout;
    private final long deadline;
    private final ArrayDeque<PoolTask<R>> window;
    private boolean closed;

    OrderedMap(
            AbstractPool pool,
            Function<? super T, ? extends R> function,
            Iterator<? extends T> inputs,
            int inFlight,
            Duration timeout) {
        this.pool = pool;
        this.function = function;
        this.inputs = inputs;
        this.inFlight = inFlight;
        this.timeout = timeout;
        long now = System.nanoTime();
        this.deadline = timeout == null ? Long.MAX_VALUE : saturatedAdd(now, timeout.toNanos());
        this.window = new ArrayDeque<>(Math.min(inFlight, 1024));
        fill(); // work starts at the call, as with Python's map, not at the first take
    }

    Stream<R> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        fill();
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
            fill();
            return result;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private R await(PoolTask<R> task) {
        try {
            return deadline == Long.MAX_VALUE
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

    private void fill() {
        while (!closed && window.size() < inFlight && inputs.hasNext()) {
            T input = inputs.next();
            window.add(pool.<R>submitLabelled(input, new MapCall<T, R>(function, input)));
        }
    }

    /** Cancels the tasks still in flight and stops reading the input. */
    void close() {
        closed = true;
        for (PoolTask<R> task; (task = window.poll()) != null; ) {
            task.cancel(true);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }
}
