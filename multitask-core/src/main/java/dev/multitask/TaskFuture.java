package dev.multitask;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The future of a task submitted to a {@link Pool}: a {@link Future} and a {@link CompletionStage} (the object is a
 * {@link java.util.concurrent.CompletableFuture}), with the conveniences of Python's {@code concurrent.futures.Future}.
 *
 * <p>{@link #cancel(boolean)} follows {@link Future}: a task that has not started never will; a running task's future
 * completes as cancelled at once, and its thread is interrupted if asked, but the task itself ends when its code does.
 */
public interface TaskFuture<T> extends Future<T>, CompletionStage<T> {

    /** The task's number in its pool, from 1 in submission order. */
    long id();

    /** The label given at submission, or the input for a task of {@code map}; {@code null} when there is none. */
    String label();

    /** Whether a worker has started the task and it has not finished. */
    boolean running();

    /**
     * Waits for the task and returns its result, like Python's {@code Future.result(timeout)}.
     *
     * @throws TaskFailedException if the task threw; its cause is what the task threw
     * @throws TaskTimeoutException if the task is not done within {@code timeout}; the task goes on
     * @throws CancellationException if the task was cancelled
     * @throws InterruptedException if the waiting thread was interrupted
     */
    T result(Duration timeout) throws InterruptedException;

    /**
     * Waits for the task and returns what it threw, or {@code null} if it succeeded, like Python's {@code
     * Future.exception(timeout)}.
     *
     * @throws TaskTimeoutException if the task is not done within {@code timeout}
     * @throws CancellationException if the task was cancelled
     * @throws InterruptedException if the waiting thread was interrupted
     */
    Throwable exception(Duration timeout) throws InterruptedException;

    /**
     * Calls {@code callback} with this future once it is done, at once if it already is, like Python's {@code
     * add_done_callback}. The callback runs in the thread that completes the future, or in this thread; an exception
     * it throws is printed to standard error and otherwise ignored.
     */
    void addDoneCallback(Consumer<? super TaskFuture<T>> callback);
}
