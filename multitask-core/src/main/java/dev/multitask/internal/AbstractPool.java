package dev.multitask.internal;

import dev.multitask.MapOptions;
import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.TaskFuture;
import dev.multitask.Trace;
import dev.multitask.jfr.TaskEvents;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What every strategy shares: tasks as {@link PoolTask}s with ids, tracing, {@code map}, and the shutdown variants
 * built on the {@link java.util.concurrent.ExecutorService} lifecycle methods that each strategy implements.
 *
 * <p>A strategy implements {@link #dispatch} (run or queue one task), {@link #drainQueue} (take back the tasks not
 * started), {@link #defaultInFlight}, and the lifecycle methods {@code shutdown}, {@code shutdownNow}, {@code
 * isShutdown}, {@code isTerminated} and {@code awaitTermination}; {@code awaitTermination} must return true only once
 * every thread the pool started has ended. {@code shutdownNow} should call {@link #cancelAll} on what it drains.
 */
public abstract class AbstractPool extends AbstractExecutorService implements Pool {

    private final PoolConfig config;
    private final TraceRecorder recorder;
    private final BiConsumer<TaskFuture<?>, Throwable> uncaughtFailureHandler;
    private final TaskIds ids = new TaskIds();

    /**
     * @param workers the worker count that utilisation is measured against, or 0 for the peak of tasks run at once
     */
    protected AbstractPool(PoolConfig config, int workers) {
        this.config = Objects.requireNonNull(config, "config");
        this.recorder = config.tracing() ? new TraceRecorder(config.traceCapacity(), workers) : null;
        this.uncaughtFailureHandler = config.uncaughtFailureHandler() != null
                ? config.uncaughtFailureHandler()
                : AbstractPool::printUncaughtFailure;
    }

    /**
     * Runs {@code task} now or hands it to a worker.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
     */
    protected abstract void dispatch(PoolTask<?> task);

    /** Removes and returns the tasks that were dispatched but have not started. */
    protected abstract List<Runnable> drainQueue();

    /** How many tasks {@code map} keeps in flight when its options do not say. */
    protected abstract int defaultInFlight();

    /**
     * What a worker runs for {@code task}. In-process strategies run the task itself; a strategy whose workers are
     * elsewhere returns a callable that ships the task there and waits for its result.
     */
    protected <T> Callable<T> adapt(Callable<T> task) {
        return task;
    }

    /**
     * How far {@code map} may grow its window beyond {@link #defaultInFlight} when its options do not say and tasks
     * are so short that a small window would leave workers idle; by default it does not grow.
     */
    protected int maxDefaultInFlight() {
        return defaultInFlight();
    }

    /**
     * How many inputs of {@code map} one task carries: 1, the default, for pools whose workers share this process,
     * where batching saves nothing; {@link MapOptions#chunkSize()} for pools that ship tasks elsewhere.
     */
    protected int mapChunkSize(MapOptions options) {
        return 1;
    }

    @Override
    public final String name() {
        return config.name();
    }

    @Override
    public final Strategy strategy() {
        return config.strategy();
    }

    /**
     * How a trace and a failure's {@link dev.multitask.TaskContext} name the worker that ran a task: by default its
     * thread's name, read as the task ends.
     */
    protected String workerName(Thread worker) {
        return worker.getName();
    }

    /** The recorder, or {@code null} when tracing is off. */
    final TraceRecorder recorder() {
        return recorder;
    }

    @Override
    public Trace trace() {
        if (recorder == null) {
            throw new IllegalStateException(
                    "pool " + name() + " keeps no trace: build it with Pool.builder(strategy).tracing(true)");
        }
        return recorder.snapshot(name(), strategy());
    }

    @Override
    public final void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof PoolTask<?> task && task.ownedBy(this)) {
            submitTask(task); // from AbstractExecutorService.invokeAll and invokeAny, via newTaskFor
        } else {
            submitTask(newTask(null, true, new RunnableCall<>(command, null)));
        }
    }

    @Override
    public final <T> TaskFuture<T> submit(Callable<T> task) {
        return submitLabelled(null, task);
    }

    @Override
    public final TaskFuture<?> submit(Runnable task) {
        return submitLabelled(null, new RunnableCall<>(Objects.requireNonNull(task, "task"), null));
    }

    @Override
    public final <T> TaskFuture<T> submit(Runnable task, T result) {
        return submitLabelled(null, new RunnableCall<>(Objects.requireNonNull(task, "task"), result));
    }

    @Override
    public final <T> TaskFuture<T> submit(String label, Callable<T> task) {
        return submitLabelled(label, task);
    }

    /** Submits a task whose label is {@code String.valueOf(labelSource)}, computed only when it is shown. */
    final <T> PoolTask<T> submitLabelled(Object labelSource, Callable<T> task) {
        PoolTask<T> poolTask = newTask(labelSource, false, Objects.requireNonNull(task, "task"));
        submitTask(poolTask);
        return poolTask;
    }

    @Override
    protected final <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return newTask(null, false, callable);
    }

    @Override
    protected final <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTask(null, false, new RunnableCall<>(runnable, value));
    }

    private <T> PoolTask<T> newTask(Object labelSource, boolean detached, Callable<T> callable) {
        return new PoolTask<>(this, ids.next(), labelSource, detached, adapt(callable));
    }

    private void submitTask(PoolTask<?> task) {
        if (recorder != null) {
            recorder.submitted(task);
        }
        TaskEvents.submitted(name(), task);
        dispatch(task);
    }

    @Override
    public final <T, R> Stream<R> map(
            Function<? super T, ? extends R> function, Iterable<? extends T> inputs, MapOptions options) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(inputs, "inputs");
        int inFlight = options.inFlight() > 0 ? options.inFlight() : defaultInFlight();
        int maxInFlight = options.inFlight() > 0 ? options.inFlight() : maxDefaultInFlight();
        int chunkSize = mapChunkSize(options);
        if (chunkSize > 1) { // one task per chunk; inFlight then counts chunks
            Iterator<MapChunk<T>> chunks = MapChunk.split(inputs.iterator(), chunkSize);
            return new OrderedMap<MapChunk<T>, List<R>>(
                            this, new MapChunk.Apply<T, R>(function), chunks, inFlight, inFlight, options.timeout())
                    .stream().flatMap(List::stream);
        }
        return new OrderedMap<T, R>(this, function, inputs.iterator(), inFlight, maxInFlight, options.timeout())
                .stream();
    }

    @Override
    public final void shutdown(boolean wait, boolean cancelPending) throws InterruptedException {
        shutdown();
        if (cancelPending) {
            cancelAll(drainQueue());
        }
        if (wait) {
            while (!awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
                // awaitTermination with no limit returns only when terminated; the loop guards spurious returns
            }
        }
    }

    @Override
    public final void close() {
        boolean interrupted = false;
        shutdown();
        for (boolean terminated = false; !terminated; ) {
            try {
                terminated = awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    shutdownNow();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code timeout} from now as a {@link System#nanoTime()} deadline; see {@link Deadlines}. */
    protected static long deadline(long timeout, TimeUnit unit) {
        return Deadlines.after(timeout, unit);
    }

    /** Cancels the futures of drained tasks, so that nobody waits for a task that will never run. */
    protected static List<Runnable> cancelAll(List<Runnable> drained) {
        for (Runnable task : drained) {
            if (task instanceof PoolTask<?> poolTask) {
                poolTask.cancel(false);
            }
        }
        return drained;
    }

    final void uncaughtFailure(PoolTask<?> task, Throwable failure) {
        try {
            uncaughtFailureHandler.accept(task, failure);
        } catch (Throwable handlerFailure) {
            failure.addSuppressed(handlerFailure);
            printUncaughtFailure(task, failure);
        }
    }

    private static void printUncaughtFailure(TaskFuture<?> task, Throwable failure) {
        System.err.println("multitask: " + task + " threw and nothing was waiting for it:");
        failure.printStackTrace();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + " " + strategy() + (isShutdown() ? " shut down]" : "]");
    }
}
