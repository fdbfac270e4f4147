package dev.multitask.sequential;

import dev.multitask.internal.AbstractPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.PoolTask;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * No worker threads: {@code submit} runs the task in the calling thread and returns its completed future. The
 * baseline that other strategies are measured against, and a way to debug a program without concurrency. A timeout
 * on such a future can never fire, since the task is done before the caller holds it. {@code map} runs each task when
 * its result is taken.
 *
 * <p>Termination means that no task is running in any caller's thread; {@code shutdownNow} interrupts those callers.
 */
final class SequentialPool extends AbstractPool {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Set<Thread> running = new HashSet<>(); // guarded by lock
    private boolean shutdown; // guarded by lock

    SequentialPool(PoolConfig config) {
        super(config, 1);
    }

    @Override
    protected void dispatch(PoolTask<?> task) {
        Thread caller = Thread.currentThread();
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException(this + " is shut down");
            }
            running.add(caller);
        } finally {
            lock.unlock();
        }
        try {
            task.run();
        } finally {
            lock.lock();
            try {
                running.remove(caller);
                if (running.isEmpty()) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    protected List<Runnable> drainQueue() {
        return List.of();
    }

    @Override
    protected int defaultInFlight() {
        return 1;
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        lock.lock();
        try {
            shutdown = true;
            running.forEach(Thread::interrupt);
        } finally {
            lock.unlock();
        }
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return shutdown && running.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = deadline(timeout, unit);
        lock.lock();
        try {
            while (!(shutdown && running.isEmpty())) {
                if (running.contains(Thread.currentThread())) {
                    return false; // a task of this pool waiting for its own pool would wait forever
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                idle.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
