package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PoolLifecycleTest {

    static Stream<Strategy> all() {
        return Strategies.all();
    }

    /** Strategies that queue tasks when all workers are busy. */
    static Stream<Strategy> queueing() {
        return Stream.of(Strategy.threads(1), Strategy.virtual(1));
    }

    @ParameterizedTest
    @MethodSource("queueing")
    void shutdownLetsQueuedTasksRun(Strategy strategy) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Pool pool = Pool.of(strategy);
        TaskFuture<?> blocker = pool.submit(() -> awaitUninterruptibly(release));
        List<TaskFuture<Integer>> queued = submitNumbers(pool, 5);
        pool.shutdown(false, false);
        assertThat(pool.isShutdown()).isTrue();
        assertThat(pool.isTerminated()).isFalse();
        release.countDown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(blocker).isDone();
        assertThat(queued).allSatisfy(f -> assertThat(f.state()).isEqualTo(java.util.concurrent.Future.State.SUCCESS));
    }

    @ParameterizedTest
    @MethodSource("queueing")
    void shutdownWithCancelPendingCancelsQueuedTasksAndWaitsForRunningOnes(Strategy strategy) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Pool pool = Pool.of(strategy);
        TaskFuture<String> blocker = pool.submit(() -> {
            running.countDown();
            awaitUninterruptibly(release);
            return "finished";
        });
        List<TaskFuture<Integer>> queued = submitNumbers(pool, 5);
        running.await();
        Thread shutter = Thread.ofPlatform().start(() -> {
            try {
                pool.shutdown(true, true);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> queued.stream().allMatch(TaskFuture::isCancelled));
        assertThat(shutter.isAlive())
                .as("shutdown(wait=true) waits for the running task")
                .isTrue();
        release.countDown();
        shutter.join(Duration.ofSeconds(10));
        assertThat(shutter.isAlive()).isFalse();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(blocker.get()).isEqualTo("finished");
    }

    @ParameterizedTest
    @MethodSource("queueing")
    void shutdownNowCancelsQueuedFuturesSoNobodyWaitsForeverAndInterruptsRunningTasks(Strategy strategy)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Pool pool = Pool.of(strategy);
        TaskFuture<?> blocker = pool.submit(() -> {
            running.countDown();
            new CountDownLatch(1).await(); // until interrupted
            return null;
        });
        List<TaskFuture<Integer>> queued = submitNumbers(pool, 3);
        running.await();
        List<Runnable> neverStarted = pool.shutdownNow();
        assertThat(neverStarted).hasSize(3);
        assertThat(queued).allSatisfy(f -> assertThat(f.isCancelled()).isTrue());
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(blocker.exceptionNow()).isInstanceOf(InterruptedException.class);
    }

    @ParameterizedTest
    @MethodSource("all")
    void rejectsTasksAfterShutdown(Strategy strategy) {
        Pool pool = Pool.of(strategy);
        pool.shutdown();
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }

    static Stream<Strategy> concurrent() {
        return Strategies.concurrent();
    }

    @ParameterizedTest
    @MethodSource("concurrent")
    void closeWaitsForEveryTaskAndLeavesNoThreadBehind(Strategy strategy) {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        String name;
        try (Pool pool = Pool.of(strategy)) {
            name = pool.name();
            for (int i = 0; i < 100; i++) {
                pool.execute(() -> workers.add(Thread.currentThread()));
            }
        }
        assertThat(workers).isNotEmpty();
        if (strategy.equals(Strategy.virtual())) {
            // Thread per task: like the JDK's thread-per-task executor, the pool has terminated once every task has
            // returned; the threads are then on their last instructions and end without waiting for anything.
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().noneMatch(Thread::isAlive));
        } else {
            assertThat(workers).noneMatch(Thread::isAlive);
        }
        assertThat(liveThreadsNamedAfter(name)).isEmpty();
    }

    @Test
    void closeWhenInterruptedCancelsWhatIsLeftAndKeepsTheInterrupt() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Pool pool = Pool.threads(1);
        TaskFuture<?> blocker = pool.submit(() -> {
            running.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        TaskFuture<Integer> queued = pool.submit(() -> 1);
        running.await();
        AtomicInteger stillInterrupted = new AtomicInteger();
        Thread closer = Thread.ofPlatform().start(() -> {
            Thread.currentThread().interrupt();
            pool.close();
            if (Thread.currentThread().isInterrupted()) {
                stillInterrupted.incrementAndGet();
            }
        });
        closer.join(Duration.ofSeconds(10));
        assertThat(closer.isAlive()).isFalse();
        assertThat(stillInterrupted.get()).isEqualTo(1);
        assertThat(queued.isCancelled()).isTrue();
        assertThat(blocker.exceptionNow()).isInstanceOf(InterruptedException.class);
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void namesWorkerThreadsAfterPoolAndSlot() throws Exception {
        try (Pool pool = Pool.builder(Strategy.threads(2)).name("downloads").build()) {
            assertThat(pool.submit(() -> Thread.currentThread().getName()).get())
                    .matches("multitask-downloads-worker-[12]");
        }
        try (Pool pool = Pool.threads(3)) {
            assertThat(pool.name()).matches("threads-\\d+");
            assertThat(pool.submit(() -> Thread.currentThread().getName()).get())
                    .startsWith("multitask-" + pool.name() + "-worker-");
        }
        try (Pool pool = Pool.virtual()) {
            TaskFuture<Boolean> isVirtual =
                    pool.submit(() -> Thread.currentThread().isVirtual());
            assertThat(isVirtual.get()).isTrue();
            assertThat(pool.submit(() -> Thread.currentThread().getName()).get())
                    .isEqualTo("multitask-" + pool.name() + "-task");
        }
    }

    @Test
    void aTraceTellsTheThreadsOfAThreadPerTaskPoolApartThoughTheyShareOneName() throws Exception {
        int tasks = 2_000;
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        Trace trace;
        try (Pool pool = Pool.builder(Strategy.virtual()).tracing(true).build();
                Pool submitters = Pool.threads(4)) {
            List<TaskFuture<?>> submitted = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                submitted.add(submitters.submit(() -> {
                    List<TaskFuture<Boolean>> mine = new ArrayList<>();
                    for (int i = 0; i < tasks / 4; i++) {
                        mine.add(pool.submit(
                                () -> threadNames.add(Thread.currentThread().getName())));
                    }
                    for (TaskFuture<Boolean> f : mine) {
                        f.get();
                    }
                    return null;
                }));
            }
            for (TaskFuture<?> f : submitted) {
                f.get();
            }
            trace = pool.trace();
        }
        assertThat(threadNames).containsExactly("multitask-" + trace.pool() + "-task");
        assertThat(trace.tasks())
                .hasSize(tasks)
                .extracting(TaskRecord::worker)
                .doesNotHaveDuplicates()
                .allMatch(worker -> worker.matches("multitask-" + trace.pool() + "-task#\\d+"));
    }

    @Test
    void sequentialRunsEachTaskInTheCallingThreadBeforeSubmitReturns() {
        try (Pool pool = Pool.sequential()) {
            Thread caller = Thread.currentThread();
            TaskFuture<Thread> ranOn = pool.submit(Thread::currentThread);
            assertThat(ranOn).isDone();
            assertThat(ranOn.resultNow()).isSameAs(caller);
        }
    }

    @Test
    void invokeAllAndInvokeAnyUseThePoolsTasks() throws Exception {
        try (Pool pool = Pool.threads(2)) {
            List<java.util.concurrent.Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
            assertThat(pool.invokeAll(tasks)).allSatisfy(f -> assertThat(f).isInstanceOf(TaskFuture.class));
            assertThat(pool.invokeAny(tasks)).isIn(1, 2, 3);
        }
    }

    private static List<TaskFuture<Integer>> submitNumbers(Pool pool, int count) {
        List<TaskFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> n));
        }
        return futures;
    }

    private static Object awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    static List<Thread> liveThreadsNamedAfter(String pool) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("multitask-" + pool + "-"))
                .toList();
    }
}
