package dev.multitask.internal;

import dev.multitask.TaskContext;
import dev.multitask.TaskFailedException;
import dev.multitask.TaskFuture;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.TaskTimeoutException;
import dev.multitask.jfr.TaskEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A task and its future in one object, as {@link java.util.concurrent.FutureTask} is, but a {@link
 * java.util.concurrent.CompletableFuture}, so that callers can compose on it.
 *
 * <p>Its run state moves NEW to RUNNING to ENDED, or NEW to CANCELLED; only the thread that wins the move out of NEW
 * runs the task. A cancel that interrupts a running task moves RUNNING to INTERRUPTING, interrupts the runner, then
 * moves on to INTERRUPTED; a runner whose task returns and finds it can no longer move RUNNING to ENDED waits for
 * INTERRUPTED and clears its interrupt, so an interrupt meant for this task can never reach the next task that the
 * worker thread runs. Like {@link java.util.concurrent.FutureTask}, this costs one compare-and-set at each end of a
 * run and no lock, where a monitor would be entered twice per task.
 */
public final class PoolTask<T> extends TaskFuture<T> implements RunnableFuture<T> {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;
    private static final int CANCELLED = 3;
    private static final int INTERRUPTING = 4;
    private static final int INTERRUPTED = 5;
    private static final int LABEL_LIMIT = 80;
    private static final VarHandle STATE;
    private static final VarHandle RUNNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(PoolTask.class, "state", int.class);
            RUNNER = lookup.findVarHandle(PoolTask.class, "runner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AbstractPool owner;
    private final long id;
    private final Object labelSource;
    private final boolean detached;
    private final Callable<T> callable;
    private volatile int state;
    private Thread runner; // set once RUNNING; read by a cancel only after it moved RUNNING to INTERRUPTING
    long submittedNanos; // written by the trace recorder
    boolean sampled; // written by the trace recorder

    PoolTask(AbstractPool owner, long id, Object labelSource, boolean detached, Callable<T> callable) {
        this.owner = owner;
        this.id = id;
        this.labelSource = labelSource;
        this.detached = detached;
        this.callable = callable;
    }

    /**
     * What {@link #run} calls: the submitted task as its pool {@linkplain AbstractPool#adapt adapted} it, for a pool
     * that prepares a task before a worker starts it.
     */
    public Callable<T> callable() {
        return callable;
    }

    boolean ownedBy(AbstractPool pool) {
        return owner == pool;
    }

    AbstractPool owner() {
        return owner;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String label() {
        if (labelSource == null) {
            return null;
        }
        String text = String.valueOf(labelSource);
        return text.length() <= LABEL_LIMIT ? text : text.substring(0, LABEL_LIMIT - 1) + "…";
    }

    @Override
    public boolean running() {
        int s = state;
        return s == RUNNING || s == INTERRUPTING || s == INTERRUPTED;
    }

    @Override
    public void run() {
        if (!STATE.compareAndSet(this, NEW, RUNNING)) {
            return;
        }
        Thread thread = Thread.currentThread();
        RUNNER.setRelease(this, thread); // before anything can return: a cancel may already be waiting for it
        TraceRecorder recorder = owner.recorder();
        if (isDone()) { // completed from outside, e.g. by orTimeout or cancel, before a worker reached it
            if (!STATE.compareAndSet(this, RUNNING, ENDED)) {
                awaitInterrupt();
            }
            runner = null;
            if (recorder != null) {
                recorder.ended(this, null, TraceRecorder.NEVER_STARTED, -1, Outcome.CANCELLED, null);
            }
            TaskEvents.cancelled(owner.name(), this);
            return;
        }
        Object jfrEvent = TaskEvents.started(owner.name(), this, thread); // null unless a JFR recording wants it
        long started = 0;
        long cpuBefore = 0;
        if (recorder != null) {
            started = recorder.started(this);
            cpuBefore = recorder.cpuAtStart(started);
        }
        T value = null;
        Throwable failure = null;
        try {
            value = callable.call();
        } catch (Throwable t) {
            failure = t;
        }
        if (!STATE.compareAndSet(this, RUNNING, ENDED)) {
            awaitInterrupt();
        }
        runner = null;
        TaskEvents.finished(jfrEvent, owner.name(), this, thread.getName(), failure);
        if (failure != null) {
            failure.addSuppressed(new TaskContext(owner.name(), id, label(), owner.workerName(thread)));
        }
        if (recorder != null) {
            Outcome outcome = isCancelled() ? Outcome.CANCELLED : failure != null ? Outcome.FAILED : Outcome.SUCCEEDED;
            recorder.ended(this, thread, started, cpuBefore, outcome, failure);
        }
        if (failure == null) {
            super.complete(value);
        } else if (super.completeExceptionally(failure) && detached) {
            owner.uncaughtFailure(this, failure);
        }
    }

    /** Waits out a cancel that is interrupting this thread, then clears the interrupt for the worker's next task. */
    private void awaitInterrupt() {
        while (state == INTERRUPTING) {
            Thread.yield(); // the canceller is between two instructions; it may have been descheduled there
        }
        Thread.interrupted();
        state = ENDED;
    }

    /**
     * Cancels the task. If it has not started, it never will, and this returns true. If it is running, the future
     * completes as cancelled and, if {@code mayInterruptIfRunning}, the running thread is interrupted; the task's code
     * ends when it chooses to.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (STATE.compareAndSet(this, NEW, CANCELLED)) {
            boolean cancelled = super.cancel(false);
            TraceRecorder recorder = owner.recorder();
            if (recorder != null) {
                recorder.ended(this, null, TraceRecorder.NEVER_STARTED, -1, Outcome.CANCELLED, null);
            }
            TaskEvents.cancelled(owner.name(), this);
            return cancelled;
        }
        boolean cancelled = super.cancel(false);
        if (cancelled && mayInterruptIfRunning && STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            Thread thread;
            while ((thread = (Thread) RUNNER.getAcquire(this)) == null) {
                Thread.yield(); // the runner won the move to RUNNING and is about to say who it is
            }
            try {
                thread.interrupt();
            } finally {
                STATE.setRelease(this, INTERRUPTED);
            }
        }
        return cancelled;
    }

    @Override
    public T result(Duration timeout) throws InterruptedException {
        try {
            return get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new TaskFailedException(id, label(), e.getCause());
        } catch (TimeoutException e) {
            throw new TaskTimeoutException(id, label(), timeout);
        }
    }

    @Override
    public Throwable exception(Duration timeout) throws InterruptedException {
        try {
            get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new TaskTimeoutException(id, label(), timeout);
        }
    }

    @Override
    public void addDoneCallback(Consumer<? super TaskFuture<T>> callback) {
        whenComplete((value, failure) -> {
            try {
                callback.accept(this);
            } catch (Throwable t) {
                System.err.println("multitask: a done-callback of " + this + " threw " + t);
                t.printStackTrace();
            }
        });
    }

    @Override
    public String toString() {
        String name = labelSource == null ? "#" + id : "#" + id + " (" + label() + ")";
        String status =
                switch (state) {
                    case NEW -> isDone() ? "completed from outside" : "pending";
                    case RUNNING, INTERRUPTING, INTERRUPTED -> "running";
                    case CANCELLED -> "cancelled";
                    default -> isCompletedExceptionally() ? (isCancelled() ? "cancelled" : "failed") : "succeeded";
                };
        return "TaskFuture[" + owner.name() + " " + name + " " + status + "]";
    }
}
