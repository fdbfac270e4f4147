package dev.multitask.internal;

import dev.multitask.TaskFailedException;
import dev.multitask.TaskTimeoutException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The iterator behind {@code Pool.map}: a window of at most {@code inFlight} submitted tasks, refilled each time the
 * consumer has taken the results of the oldest. A task applies the function to one input, or, with a chunk size
 * above 1, to that many consecutive inputs, which is how a pool whose workers are in other processes or machines
 * pays one round trip for many inputs. Used by one consumer thread at a time, as any iterator is.
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

    /** How many tasks are taken between two decisions on the window's size. */
    private static final int RESIZE_EVERY = 16;

    private final AbstractPool pool;
    private final Function<? super T, ? extends R> function;
    private final Iterator<? extends T> inputs;
    private final int minInFlight;
    private final int maxInFlight;
    private int inFlight;
    private int takenSinceResize;
    private long resizedNanos;
    private final int chunkSize;
    private final Duration timeout;
    private final long deadline;
    private final ArrayDeque<PoolTask<?>> window;
    private final ArrayDeque<R> ready = new ArrayDeque<>(); // results of the chunk being consumed
    private TaskFailedException chunkFailure; // thrown once the chunk's results before it are taken
    private boolean closed;

    OrderedMap(
            AbstractPool pool,
            Function<? super T, ? extends R> function,
            Iterator<? extends T> inputs,
            int inFlight,
            int maxInFlight,
            int chunkSize,
            Duration timeout) {
        this.pool = pool;
        this.function = function;
        this.inputs = inputs;
        this.minInFlight = inFlight;
        this.maxInFlight = Math.max(inFlight, maxInFlight);
        this.inFlight = inFlight;
        this.chunkSize = chunkSize;
        this.timeout = timeout;
        long now = System.nanoTime();
        this.resizedNanos = now;
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
        return !ready.isEmpty() || chunkFailure != null || !window.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            if (ready.isEmpty() && chunkFailure == null) {
                takeOldest();
            }
            if (!ready.isEmpty()) {
                return ready.poll();
            }
            TaskFailedException failure = chunkFailure;
            chunkFailure = null;
            throw failure;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Waits for the oldest task and moves its results to {@code ready}, then refills the window. */
    @SuppressWarnings("unchecked")
    private void takeOldest() {
        PoolTask<?> head = window.poll();
        Object result = await(head);
        if (chunkSize == 1) {
            ready.add((R) result);
        } else {
            Chunk.Result<R> chunk = (Chunk.Result<R>) result;
            ready.addAll(chunk.values());
            if (chunk.failure() != null) {
                chunkFailure = new TaskFailedException(head.id(), chunk.failedInput(), chunk.failure());
            }
        }
        if (maxInFlight > minInFlight && ++takenSinceResize == RESIZE_EVERY) {
            resize();
        }
        fill();
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

    private Object await(PoolTask<?> task) {
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
            if (chunkSize == 1) {
                T input = inputs.next();
                window.add(pool.submitLabelled(input, new Apply<>(function, input)));
            } else {
                List<T> chunk = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize && inputs.hasNext()) {
                    chunk.add(inputs.next());
                }
                window.add(pool.submitLabelled(new ChunkLabel(chunk), new Chunk<>(function, chunk)));
            }
        }
    }

    /** Cancels the tasks still in flight and stops reading the input. */
    void close() {
        closed = true;
        // Newest first: a running task that the interrupt ends frees its worker, which must find the queued tasks
        // already cancelled rather than start one of them.
        for (PoolTask<?> task; (task = window.pollLast()) != null; ) {
            task.cancel(true);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }

    /**
     * One input's call, as a record rather than a lambda so that it is {@link Serializable} whenever the function and
     * the input are, and can travel to a worker in another process.
     */
    private record Apply<T, R>(Function<? super T, ? extends R> function, T input)
            implements Callable<R>, Serializable {
        @Override
        public R call() {
            return function.apply(input);
        }
    }

    /**
     * Several inputs' calls in one task. A failure ends the chunk but does not lose the results before it: they are
     * returned with it, and the consumer sees them before the failure, as it would without chunks.
     */
    private record Chunk<T, R>(Function<? super T, ? extends R> function, List<T> inputs)
            implements Callable<Chunk.Result<R>>, Serializable {

        record Result<R>(List<R> values, String failedInput, Throwable failure) implements Serializable {}

        @Override
        public Result<R> call() {
            List<R> values = new ArrayList<>(inputs.size());
            for (T input : inputs) {
                try {
                    values.add(function.apply(input));
                } catch (RuntimeException | Error e) {
                    return new Result<>(values, String.valueOf(input), e);
                }
            }
            return new Result<>(values, null, null);
        }
    }

    /** A chunk's label in traces: its first input and how many follow. */
    private record ChunkLabel(List<?> inputs) {
        @Override
        public String toString() {
            return inputs.size() == 1
                    ? String.valueOf(inputs.getFirst())
                    : inputs.getFirst() + " (+" + (inputs.size() - 1) + ")";
        }
    }
}
