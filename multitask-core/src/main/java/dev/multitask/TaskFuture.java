package dev.multitask;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The future of a task submitted to a {@link Pool}: a {@link CompletableFuture}, so it composes with {@code
 * thenApply}, {@code allOf} and the rest, with the conveniences of Python's {@code concurrent.futures.Future}.
 * Dependent stages ({@code thenApply} and so on) are plain {@code CompletableFuture}s.
 *
 * <p>{@link #cancel(boolean)} follows {@link Future}: a task that has not started never will; a running task's future
 * completes as cancelled at once, and its thread is interrupted if asked, but the task itself ends when its code does.
 */
public abstract class TaskFuture<T> extends CompletableFuture<T> {

    /** Only multitask's own pools make task futures. */
    protected TaskFuture() {}

    /** The task's number in its pool, from 1 in submission order. */
    public abstract long id();

    /** The label given at submission, or the input for a task of {@code map}; {@code null} when there is none. */
    public abstract String label();

    /** Whether a worker has started the task and it has not finished. */
    public abstract boolean running();

    /**
     * Waits for the task and returns its result, like Python's {@code Future.result(timeout)}.
     *
     * @throws TaskFailedException if the task threw; its cause is what the task threw
     * @throws TaskTimeoutException if the task is not done within {@code timeout}; the task goes on
     * @throws CancellationException if the task was cancelled
     * @throws InterruptedException if the waiting thread was interrupted
     */
    public abstract T result(Duration timeout) throws InterruptedException;

    /**
     * Waits for the task and returns what it threw, or {@code null} if it succeeded, like Python's {@code
     * Future.exception(timeout)}.
     *
     * @throws TaskTimeoutException if the task is not done within {@code timeout}
     * @throws CancellationException if the task was cancelled
     * @throws InterruptedException if the waiting thread was interrupted
     */
    public abstract Throwable exception(Duration timeout) throws InterruptedException;

    /**
     * Calls {@code callback} with this future once it is done, at once if it already is, like Python's {@code
     * add_done_callback}. The callback runs in the thread that completes the future, or in this thread; an exception
     * it throws is printed to standard error and otherwise ignored.
     */
    public abstract void addDoneCallback(Consumer<? super TaskFuture<T>> callback);
}
