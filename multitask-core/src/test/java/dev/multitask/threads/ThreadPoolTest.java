package dev.multitask.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multitask.Pool;
import dev.multitask.TaskFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What {@code Pool.threads(n)} keeps of a fixed thread pool's contract while it runs on a ForkJoinPool. */
class ThreadPoolTest {

    @Test
    void tasksFromOneSubmitterStartInTheOrderSubmitted() {
        List<Integer> started = new ArrayList<>();
        try (Pool pool = Pool.threads(1)) {
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                pool.execute(() -> started.add(n)); // one worker: the list is only touched by it
            }
        }
        assertThat(started).hasSize(10_000).isSorted();
    }

    @Test
    void runsAtMostItsWorkerCountAtOnceEvenWhenTasksBlockOnFutures() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch blocking = new CountDownLatch(2);
        Set<String> workers = ConcurrentHashMap.newKeySet();
        try (Pool pool = Pool.threads(2)) {
            List<TaskFuture<?>> blockers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                blockers.add(pool.submit(() -> {
                    workers.add(Thread.currentThread().getName());
                    blocking.countDown();
                    return gate
                            .get(); // a ForkJoinPool may add a thread for a worker blocked here; a fixed pool must not
                }));
            }
            blocking.await();
            TaskFuture<String> third = pool.submit(() -> Thread.currentThread().getName());
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !third.isDone());
            gate.complete(null);
            workers.add(third.get(10, TimeUnit.SECONDS));
            for (TaskFuture<?> blocker : blockers) {
                blocker.get(10, TimeUnit.SECONDS);
            }
            assertThat(workers).allMatch(name -> name.matches("multitask-" + pool.name() + "-worker-[12]"));
        }
    }

    @Test
    void workersAreNotDaemonsSoTheJvmWaitsForTheirTasksAsForAFixedPool() throws Exception {
        try (Pool pool = Pool.threads(1)) {
            assertThat(pool.submit(() -> Thread.currentThread().isDaemon()).get())
                    .isFalse();
        }
    }

    @Test
    void shutdownNowReturnsAndCancelsTasksThatATaskQueuedOnItsOwnWorker() throws Exception {
        CountDownLatch queuedInside = new CountDownLatch(1);
        AtomicReference<TaskFuture<String>> inner = new AtomicReference<>();
        Pool pool = Pool.threads(1);
        TaskFuture<?> outer = pool.submit(() -> {
            inner.set(pool.submit(() -> "never")); // from a worker: onto that worker's own queue
            queuedInside.countDown();
            new CountDownLatch(1).await(); // until shutdownNow interrupts it
            return null;
        });
        queuedInside.await();
        List<Runnable> neverStarted = pool.shutdownNow();
        assertThat(neverStarted).containsExactly((Runnable) inner.get());
        assertThat(inner.get().isCancelled()).isTrue();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outer.exceptionNow()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void cancelPendingCancelsEveryTaskQueuedFromSeveralSubmittingThreads() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Pool pool = Pool.threads(1);
        TaskFuture<?> blocker = pool.submit(() -> {
            running.countDown();
            release.await();
            return null;
        });
        running.await();
        Set<TaskFuture<Integer>> queued = ConcurrentHashMap.newKeySet(); // in as many queues as there were submitters
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            submitters.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    queued.add(pool.submit(() -> 1));
                }
            }));
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        pool.shutdown(false, true);
        assertThat(queued).hasSize(400).allMatch(TaskFuture::isCancelled);
        release.countDown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(blocker.state()).isEqualTo(java.util.concurrent.Future.State.SUCCESS);
    }

    @Test
    void aTaskOfThePoolCannotSubmitOnceThePoolIsShutDownAsNoOtherThreadCan() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch shutDown = new CountDownLatch(1);
        Pool pool = Pool.threads(1);
        TaskFuture<Object> submitAfterShutdown = pool.submit(() -> {
            running.countDown();
            shutDown.await();
            try {
                return pool.submit(() -> "ran after shutdown");
            } catch (RejectedExecutionException e) {
                return e;
            }
        });
        running.await();
        pool.shutdown();
        shutDown.countDown();
        assertThat(submitAfterShutdown.get(10, TimeUnit.SECONDS)).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptATaskLeavesOnItsThreadDoesNotReachTheNextTask() throws Exception {
        try (Pool pool = Pool.threads(1)) {
            pool.submit(() -> Thread.currentThread().interrupt()).get();
            assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get())
                    .isFalse();
        }
    }
}
