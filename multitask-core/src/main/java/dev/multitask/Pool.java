package dev.multitask;

import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.Pools;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An {@link ExecutorService} that runs tasks by one {@link Strategy}, adds the conveniences of Python's
 * {@code concurrent.futures} done the Java way, and can keep a {@link Trace} of every task.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(3)) {
 *     List<Long> sizes = pool.map(url -> download(url), urls).toList();   // input order
 * }                                                                        // close() waits
 * }</pre>
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Futures.</b> {@link #submit} returns a {@link TaskFuture}, which is a {@link
 *       java.util.concurrent.CompletableFuture}: it composes with {@code thenApply}, {@code allOf} and the rest.
 *   <li><b>Errors are never lost.</b> A task's exception completes its future and is kept in the trace; it also gains
 *       a suppressed {@link TaskContext} naming the task, its input and its worker. A task given to {@link #execute}
 *       has no future to hold its exception, so the exception goes to the pool's uncaught-failure handler (by default
 *       it is printed to standard error).
 *   <li><b>Shutdown.</b> {@link #shutdown()} stops accepting tasks and lets queued tasks run; {@link #shutdown(boolean,
 *       boolean)} can also cancel the queued ones and wait. {@link #shutdownNow()} cancels queued tasks (their futures
 *       complete as cancelled, unlike a plain {@code ThreadPoolExecutor}'s, so no caller waits forever) and
 *       interrupts running ones. After shutdown, {@code submit} and {@code execute} throw {@link
 *       RejectedExecutionException}.
 *   <li><b>Close.</b> {@link #close()} is {@code shutdown(true, false)}: it returns when every task has finished and
 *       every worker thread of the pool has ended (for {@link #virtual()}, which starts a thread per task, as for the
 *       JDK's thread-per-task executor: when every task has returned, its thread then ending on its own). If interrupted while waiting, it cancels what is left and
 *       interrupts the workers, then waits for them and re-asserts the interrupt.
 *   <li><b>Threads.</b> Worker threads are named after the pool and slot, e.g. {@code multitask-threads-1-worker-3};
 *       the per-task threads of {@link #virtual()} after the pool, {@code multitask-virtual-1-task}, which a trace
 *       and a {@link TaskContext} tell apart by thread id: {@code multitask-virtual-1-task#42}.
 * </ul>
 *
 * <p>All methods are safe to call from any thread, including from a task of the same pool; a task that waits for
 * another task of a full pool of the same size can deadlock, as with any bounded executor.
 */
public interface Pool extends ExecutorService, AutoCloseable {

    /** A pool that runs every task in the submitting thread before {@code submit} returns. */
    static Pool sequential() {
        return of(Strategy.sequential());
    }

    /**
     * A pool of {@code workers} platform threads, for tasks that compute. The threads live until shutdown and take
     * queued tasks without a shared lock (a FIFO {@link java.util.concurrent.ForkJoinPool}): tasks submitted from one
     * thread start in the order submitted, tasks from different threads in no promised order.
     */
    static Pool threads(int workers) {
        return of(Strategy.threads(workers));
    }

    /** A pool that starts a virtual thread per task, without limit; for tasks that wait. */
    static Pool virtual() {
        return of(Strategy.virtual());
    }

    /** A pool of virtual threads with at most {@code limit} tasks running at once; the rest wait in a queue. */
    static Pool virtual(int limit) {
        return of(Strategy.virtual(limit));
    }

    /**
     * A pool that chooses its own concurrency as it runs, for when it is not known whether tasks compute or wait.
     *
     * <p>Tasks run on virtual threads, at most <i>limit</i> at once; the rest wait in a FIFO queue. The limit starts at
     * the number of available processors and is adjusted by a controller thread that, every 10 ms while tasks are
     * queued, reads cheap figures: the CPU time of the carrier threads that run virtual threads (on Linux, from their
     * schedstat files, one small read per carrier; elsewhere the process's CPU time), the number of tasks ended and
     * the sum of their run times (never a task's own CPU time, which the JVM does not measure on virtual threads; the
     * pool's cost per task is two clock reads and a few counter updates). It judges run times and CPU per task over
     * windows of at least 20 to 60 ms. From them it derives how much of a task's time is spent on a processor, how
     * long a task takes at best, and how many tasks end per second, and:
     *
     * <ul>
     *   <li>before any task has ended, running tasks that use under a quarter of a processor each over 10 ms are
     *       taken to wait, and the limit is multiplied by eight, again every 10 ms until a task ends: a downstream that
     *       answers within 10 ms sees no such step, one that answers within 20 ms at most eight times the processors;
     *   <li>tasks that compute are held near the number of processors (a ceiling of 1.25 times it; and since a virtual
     *       thread that computes keeps its carrier thread, no more than the processors run at once anyway);
     *   <li>tasks that wait at least 90% of their time start slowly, as TCP does: each task that ends at its usual
     *       pace lets one more start, so the limit doubles per task time while run time stays within a tenth of the
     *       shortest, up to the concurrency at which their computing would keep the processors busy (Little's law:
     *       processors &times; task time &divide; CPU time per task), and at most 10,000. The first longer run times
     *       end slow start for good;
     *   <li>after that, the limit is multiplied by four or eight while tasks are queued and their run time does not
     *       grow, up to the same ceiling. A step that does not raise throughput by a tenth is undone and the limit held
     *       for two seconds;
     *   <li>when tasks take more than 1.5 times the shortest run time seen (a downstream service that slows down as
     *       more requests reach it), the limit is lowered in proportion, as in a gradient limiter, but never below
     *       the number of processors, and from then on raised only by a quarter at a time; so the pool settles near
     *       the concurrency the downstream serves best instead of running away to the maximum.
     * </ul>
     *
     * <p>On Linux the controller also reads how long the carrier threads waited for a processor, and takes that time
     * out of the tasks' run times, so that tasks that compute on a machine busy with other programs are not taken for
     * tasks that wait.
     *
     * <p>Nothing changes while nothing is queued. Every change of the limit, with its reason in words, is kept and
     * shown in the pool's {@link Trace#decisions()} when tracing is on. Decisions are based on timing, so on a machine
     * busy with other programs they differ from run to run; the contract is the bands above, not exact limits.
     *
     * <p>The rest of the contract is {@link Pool}'s: {@code shutdownNow} cancels queued tasks and interrupts running
     * ones, {@code close} waits for every task, and {@code awaitTermination} returns true only when every worker
     * thread and the controller thread have ended. Worker threads are named {@code multitask-POOL-worker-N}; a
     * worker runs queued tasks one after another and ends when the queue is empty or the limit has been lowered
     * below the number of workers.
     */
    static Pool auto() {
        return of(Strategy.auto());
    }

    /**
     * A pool of {@code workers} child JVMs, each running one task at a time; for tasks that must be isolated from this
     * process (a crash, {@code System.exit} or a leak in a task cannot harm the caller), or that need their own heap or
     * JVM options. Tasks and results travel by Java serialization: submit {@link SerializableCallable}s and map with
     * {@link SerializableFunction}s. A worker that dies fails only the task it was running, with {@link
     * WorkerDiedException}, and is replaced. See {@link ProcessOptions} for initializers, retries and JVM options.
     */
    static Pool processes(int workers) {
        return of(Strategy.processes(workers));
    }

    /**
     * A pool whose tasks run on the members of a Hazelcast cluster; needs the {@code multitask-cluster} module on the
     * class path. With no members named, it starts a member inside this process (a cluster of one, on 127.0.0.1);
     * otherwise it connects to the named {@code host:port} members as a client. Tasks must be {@link
     * java.io.Serializable} and their classes present on every member.
     *
     * @throws UnsupportedOperationException if {@code multitask-cluster} is not on the class path
     */
    static Pool cluster(String... members) {
        return of(new Strategy.Cluster(java.util.List.of(members)));
    }

    /** A pool with the given strategy and default settings: tracing off, a generated name. */
    static Pool of(Strategy strategy) {
        return builder(strategy).build();
    }

    /** Starts configuring a pool with the given strategy. */
    static Builder builder(Strategy strategy) {
        return new Builder(strategy);
    }

    /** The pool's name, used in its worker threads' names. */
    String name();

    /** The strategy this pool runs by. */
    Strategy strategy();

    @Override
    <T> TaskFuture<T> submit(Callable<T> task);

    @Override
    TaskFuture<?> submit(Runnable task);

    @Override
    <T> TaskFuture<T> submit(Runnable task, T result);

    /** Like {@link #submit(Callable)}, with a label that names the task in the trace, timelines and errors. */
    <T> TaskFuture<T> submit(String label, Callable<T> task);

    /**
     * Applies {@code function} to every input on the pool and returns the results in input order, as a lazy stream.
     * Equivalent to {@code map(function, inputs, MapOptions.defaults())}.
     */
    default <T, R> Stream<R> map(Function<? super T, ? extends R> function, Iterable<? extends T> inputs) {
        return map(function, inputs, MapOptions.defaults());
    }

    /** Like {@link #map(Function, Iterable)}, failing with {@link TaskTimeoutException} past {@code timeout}. */
    default <T, R> Stream<R> map(
            Function<? super T, ? extends R> function, Iterable<? extends T> inputs, Duration timeout) {
        return map(function, inputs, MapOptions.defaults().withTimeout(timeout));
    }

    /**
     * Applies {@code function} to every input on the pool and returns the results in input order, as a lazy stream.
     *
     * <p>Unlike Python's {@code Executor.map} before 3.14, the input is not read to the end first: this call submits
     * the first {@link MapOptions#inFlight()} inputs, and each result taken from the stream lets one more input be
     * read and submitted (more while a window chosen by the pool grows for tiny tasks, up to its stated limit), so an
     * endless input runs with a bounded number of tasks in flight and bounded memory. The input's iterator is only
     * used by the thread that consumes the stream.
     *
     * <p>With {@link MapOptions#chunkSize()} above 1, each task applies the function to that many consecutive inputs,
     * and the in-flight limit counts tasks; this pays off where a task's round trip costs more than its work, as on
     * workers in other processes or machines.
     *
     * <p>If a task fails, taking its result throws {@link TaskFailedException} with the task's exception as cause,
     * and the tasks still in flight are cancelled. If {@link MapOptions#timeout()} passes, measured from this call,
     * before a result is ready, taking it throws {@link TaskTimeoutException}. Closing the stream (use
     * try-with-resources when not consuming it to the end) cancels the tasks still in flight.
     *
     * @throws RejectedExecutionException if the pool is shut down
     */
    <T, R> Stream<R> map(Function<? super T, ? extends R> function, Iterable<? extends T> inputs, MapOptions options);

    /**
     * Shuts the pool down like Python's {@code Executor.shutdown(wait, cancel_futures)}.
     *
     * @param wait if true, returns only when all tasks have finished and all worker threads have ended
     * @param cancelPending if true, cancels the tasks that have not started; running tasks are not interrupted
     * @throws InterruptedException if interrupted while waiting; the pool is shut down all the same
     */
    void shutdown(boolean wait, boolean cancelPending) throws InterruptedException;

    /**
     * The trace of the tasks this pool has run so far.
     *
     * @throws IllegalStateException if the pool was built without tracing
     */
    Trace trace();

    /** Equivalent to {@code shutdown(true, false)}, with the interrupt handling stated in the class description. */
    @Override
    void close();

    /** Configures a {@link Pool}. Not thread-safe; each {@link #build} returns a new pool. */
    final class Builder {
        private final Strategy strategy;
        private String name;
        private boolean tracing;
        private int traceCapacity = 100_000;
        private BiConsumer<TaskFuture<?>, Throwable> uncaughtFailureHandler;
        private ProcessOptions processOptions = ProcessOptions.defaults();

        private Builder(Strategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
        }

        /** Names the pool; by default the strategy's kind and a number, like {@code threads-1}. */
        public Builder name(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("pool name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Keeps a {@link Trace} of every task: a few timestamps per task and one small record when it ends. */
        public Builder tracing(boolean tracing) {
            this.tracing = tracing;
            return this;
        }

        /**
         * The most task records the trace keeps (default 100,000). Later tasks are all counted in the summary, but
         * their records are dropped and only one in 64 is timed, with the summary's sum of task times (and so its
         * speed-up) estimated from those: a long-lived traced pool has bounded memory and pays a few nanoseconds a
         * task instead of three clock reads.
         */
        public Builder traceCapacity(int records) {
            if (records < 0) {
                throw new IllegalArgumentException("trace capacity must be at least 0, got " + records);
            }
            this.traceCapacity = records;
            return this;
        }

        /**
         * Receives the exception of a task given to {@link Pool#execute}, which has no future to hold it. The default
         * prints it, with its {@link TaskContext}, to standard error.
         */
        public Builder uncaughtFailureHandler(BiConsumer<TaskFuture<?>, Throwable> handler) {
            this.uncaughtFailureHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * How the worker processes of a {@link Strategy.Processes} pool are started and treated; ignored by the other
         * strategies.
         */
        public Builder processOptions(ProcessOptions options) {
            this.processOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        public Pool build() {
            return Pools.create(
                    new PoolConfig(strategy, name, tracing, traceCapacity, uncaughtFailureHandler, processOptions));
        }
    }
}
