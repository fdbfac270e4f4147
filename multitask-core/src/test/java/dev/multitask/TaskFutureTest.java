package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskFutureTest {

    @Test
    void resultReturnsTheValueOrThrowsTheTasksFailureUnchecked() throws InterruptedException {
        try (Pool pool = Pool.threads(2)) {
            assertThat(pool.submit(() -> 42).result(Duration.ofSeconds(10))).isEqualTo(42);
            TaskFuture<Object> failing = pool.submit("load config", () -> {
                throw new IOException("disk gone");
            });
            assertThatThrownBy(() -> failing.result(Duration.ofSeconds(10)))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessage("task #2 (load config) failed: java.io.IOException: disk gone")
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void resultTimesOutWithoutCancellingTheTask() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Pool pool = Pool.threads(1)) {
            TaskFuture<String> slow = pool.submit(() -> {
                release.await();
                return "late";
            });
            assertThatThrownBy(() -> slow.result(Duration.ofMillis(50)))
                    .isInstanceOf(TaskTimeoutException.class)
                    .hasMessage("task #1 was not done within PT0.05S");
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("late");
        }
    }

    @Test
    void exceptionReturnsWhatTheTaskThrewOrNull() throws InterruptedException {
        try (Pool pool = Pool.virtual()) {
            assertThat(pool.submit(() -> "fine").exception(Duration.ofSeconds(10)))
                    .isNull();
            TaskFuture<Object> failing = pool.submit(() -> {
                throw new ArithmeticException("/ by zero");
            });
            assertThat(failing.exception(Duration.ofSeconds(10))).isInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void aFailureCarriesTheTaskItCameFromWhereverItTravels() {
        try (Pool pool = Pool.builder(Strategy.threads(1)).name("ctx").build()) {
            TaskFuture<Object> failing = pool.submit("parse row 7", () -> {
                throw new NumberFormatException("x");
            });
            assertThatThrownBy(failing::get)
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> {
                        TaskContext context = TaskContext.of(e.getCause()).orElseThrow();
                        assertThat(context.pool()).isEqualTo("ctx");
                        assertThat(context.taskId()).isEqualTo(1);
                        assertThat(context.label()).isEqualTo("parse row 7");
                        assertThat(context.worker()).isEqualTo("multitask-ctx-worker-1");
                    });
            CompletableFuture<Object> dependent = failing.thenApply(x -> x);
            assertThatThrownBy(dependent::join).cause().satisfies(cause -> assertThat(TaskContext.of(cause))
                    .isPresent());
        }
    }

    @Test
    void executeHandsAFailureToTheUncaughtFailureHandlerSinceNoFutureHoldsIt() throws InterruptedException {
        CountDownLatch handled = new CountDownLatch(1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (Pool pool = Pool.builder(Strategy.threads(1))
                .uncaughtFailureHandler((task, failure) -> {
                    seen.set(failure);
                    handled.countDown();
                })
                .build()) {
            pool.execute(() -> {
                throw new IllegalStateException("fire and forget");
            });
            assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen.get()).hasMessage("fire and forget");
        assertThat(TaskContext.of(seen.get())).isPresent();
    }

    @Test
    void submitFailuresDoNotReachTheUncaughtFailureHandler() throws InterruptedException {
        AtomicBoolean called = new AtomicBoolean();
        try (Pool pool = Pool.builder(Strategy.threads(1))
                .uncaughtFailureHandler((task, failure) -> called.set(true))
                .build()) {
            TaskFuture<Object> failing = pool.submit(() -> {
                throw new IllegalStateException("held by the future");
            });
            assertThat(failing.exception(Duration.ofSeconds(10))).hasMessage("held by the future");
        }
        assertThat(called).isFalse();
    }

    @Test
    void cancellingATaskThatHasNotStartedMeansItNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        try (Pool pool = Pool.threads(1)) {
            pool.submit(() -> release.await(10, TimeUnit.SECONDS));
            TaskFuture<?> queued = pool.submit(() -> ran.set(true));
            assertThat(queued.cancel(false)).isTrue();
            assertThat(queued.isCancelled()).isTrue();
            assertThat(queued.running()).isFalse();
            release.countDown();
        }
        assertThat(ran).isFalse();
    }

    @Test
    void cancellingARunningTaskWithInterruptInterruptsOnlyThatTask() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        try (Pool pool = Pool.threads(1)) {
            TaskFuture<Object> blocked = pool.submit(() -> {
                running.countDown();
                new CountDownLatch(1).await();
                return null;
            });
            running.await();
            assertThat(blocked.running()).isTrue();
            assertThat(blocked.cancel(true)).isTrue();
            assertThatThrownBy(blocked::get).isInstanceOf(CancellationException.class);
            TaskFuture<Boolean> next = pool.submit(() -> Thread.currentThread().isInterrupted());
            assertThat(next.get())
                    .as("the next task on the same worker is not interrupted")
                    .isFalse();
        }
    }

    @Test
    void anInterruptingCancelRacingTheTasksEndNeverReachesTheWorkersNextTask() throws Exception {
        try (Pool pool = Pool.threads(1)) {
            for (int round = 0; round < 2_000; round++) {
                int spins = round % 50;
                TaskFuture<Integer> racing = pool.submit(() -> {
                    int sum = 0;
                    for (int i = 0; i < spins * 100; i++) {
                        sum += i;
                    }
                    return sum;
                });
                if (round % 2 == 0) {
                    Thread.onSpinWait();
                }
                racing.cancel(true);
                TaskFuture<Boolean> next =
                        pool.submit(() -> Thread.currentThread().isInterrupted());
                assertThat(next.get())
                        .as("round %d: next task interrupted", round)
                        .isFalse();
            }
        }
    }

    @Test
    void doneCallbacksRunOnceDoneAndAtOnceWhenAlreadyDone() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (Pool pool = Pool.threads(1)) {
            TaskFuture<String> task = pool.submit(() -> {
                release.await();
                return "v";
            });
            task.addDoneCallback(f -> calls.add("first:" + f.resultNow()));
            assertThat(calls).isEmpty();
            release.countDown();
            task.get();
            task.addDoneCallback(f -> calls.add("late:" + f.resultNow()));
            assertThat(calls).contains("late:v");
        }
        assertThat(calls).containsExactlyInAnyOrder("first:v", "late:v");
    }

    @Test
    void composesWithCompletableFuture() throws Exception {
        try (Pool pool = Pool.virtual()) {
            CompletableFuture<Integer> sum = pool.submit(() -> 20)
                    .thenCombine(pool.submit(() -> 22), Integer::sum)
                    .toCompletableFuture();
            assertThat(sum.get(10, TimeUnit.SECONDS)).isEqualTo(42);
            assertThat(CompletableFuture.allOf(pool.submit(() -> 1).toCompletableFuture())
                            .get(10, TimeUnit.SECONDS))
                    .isNull();
        }
    }
}
