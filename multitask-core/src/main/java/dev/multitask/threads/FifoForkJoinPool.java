package dev.multitask.threads;

import dev.multitask.internal.WorkerThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The engine of {@link ThreadPool}: a {@link ForkJoinPool} in FIFO ("async") mode with exactly {@code parallelism}
 * platform threads that live until shutdown, and what a {@code ThreadPoolExecutor} gives that a plain ForkJoinPool
 * does not: {@link #shutdownNow} returns the tasks that never started, and {@link #drainQueued} takes them back.
 *
 * <p>Why not a {@code ThreadPoolExecutor}: every submit to one that has an idle worker goes through the one lock of
 * its {@code LinkedBlockingQueue} and then wakes that worker, and on no-op tasks the submitter spends most of its time
 * in that wake-up (JFR, session 2: 306 of 371 samples in {@code AbstractQueuedSynchronizer.signalNext}). A ForkJoinPool gives
 * each submitting thread a queue of its own, which workers take from without a lock, and wakes a worker only when none
 * is already looking for work; see BENCHMARKS.md, session 4.
 *
 * <p>The cost is order: tasks that one thread submits start in the order it submitted them, but tasks submitted by
 * different threads, or by tasks on the pool's own workers, have no order between them, and a submitter that finds
 * its queue locked by another submitter moves to another queue. An {@link java.util.concurrent.ExecutorService}
 * promises no order either; {@code Pool.sequential()} is the pool whose tasks run strictly one after another.
 */
final class FifoForkJoinPool extends ForkJoinPool {

    FifoForkJoinPool(int parallelism, WorkerThreads threads) {
        super(
                parallelism,
                threads::forkJoinWorker,
                null, // tasks are PoolTasks, which catch everything they throw
                true, // FIFO: each queue is taken from its oldest end, by its owner as by other workers
                parallelism, // core size: threads kept
                parallelism, // maximum: no extra threads to make up for a blocked one, as in a fixed pool
                1, // fewest unblocked threads before one is added: moot, as none may be added
                pool -> true, // at the maximum, a thread that blocks in a task just blocks
                Long.MAX_VALUE, // idle workers never time out, as in a fixed thread pool
                TimeUnit.NANOSECONDS);
    }

    /**
     * Queues {@code task}, or rejects it once the pool is shut down, also when a task of this pool submits it: a
     * ForkJoinPool rejects only submissions from other threads, and takes its own workers' until it terminates. A
     * worker's submit that races with shutdown may still be queued; it then runs, or is cancelled by {@link
     * #shutdownNow}, as with a {@code ThreadPoolExecutor}.
     *
     * @throws RejectedExecutionException if the pool is shut down
     */
    @Override
    public void execute(Runnable task) {
        if (isShutdown()) {
            throw new RejectedExecutionException("the pool is shut down");
        }
        execute(new Queued(task));
    }

    /** Removes and returns the tasks that are queued and have not started, in no particular order. */
    List<Runnable> drainQueued() {
        List<ForkJoinTask<?>> queued = new ArrayList<>();
        drainTasksTo(queued);
        List<Runnable> tasks = new ArrayList<>(queued.size());
        for (ForkJoinTask<?> task : queued) {
            if (task instanceof Queued q) {
                tasks.add(q.task);
            }
        }
        return tasks;
    }

    /**
     * Stops accepting tasks, takes back the ones that never started and returns them, as {@code ThreadPoolExecutor}
     * does (a ForkJoinPool's own returns an empty list), then interrupts the running ones.
     */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> neverStarted = drainQueued();
        super.shutdownNow(); // cancels what a task queued after the drain: see Queued.cancel
        return neverStarted;
    }

    /** A submitted task on the queues; the JDK's own adapter would not give the task back when drained. */
    private static final class Queued extends ForkJoinTask<Void> {
        final Runnable task;

        Queued(Runnable task) {
            this.task = task;
        }

        /**
         * Runs the task, then clears its thread's interrupt: a ForkJoinPool clears it only when a worker goes idle, so
         * an interrupt a task left behind would reach the next task, which a {@code ThreadPoolExecutor} never lets
         * happen. (A cancel's interrupt is cleared by the task itself; see {@code PoolTask}.)
         */
        @Override
        protected boolean exec() {
            try {
                task.run();
            } finally {
                Thread.interrupted();
            }
            return true;
        }

        /** When the pool cancels a queued task, at shutdownNow, the task's own future must not wait forever. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && task instanceof Future<?> future) {
                future.cancel(false);
            }
            return cancelled;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {}
    }
}
