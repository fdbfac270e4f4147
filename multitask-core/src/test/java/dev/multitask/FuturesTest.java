package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitask.Futures.Done;
import dev.multitask.Futures.ReturnWhen;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void asCompletedYieldsFuturesInTheOrderTheyComplete() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = CompletableFuture.completedFuture("c");
        var iterator = Futures.asCompleted(List.of(a, b, c)).iterator();
        assertThat(iterator.next()).isSameAs(c);
        b.complete("b");
        assertThat(iterator.next()).isSameAs(b);
        a.completeExceptionally(new RuntimeException("a"));
        assertThat(iterator.next()).isSameAs(a);
        assertThat(iterator.hasNext()).isFalse();
    }

    @Test
    void asCompletedWorksOnPoolTasks() {
        CountDownLatch release = new CountDownLatch(1);
        try (Pool pool = Pool.threads(2)) {
            TaskFuture<String> slow = pool.submit(() -> {
                release.await();
                return "slow";
            });
            TaskFuture<String> fast = pool.submit(() -> "fast");
            var iterator = Futures.asCompleted(List.of(slow, fast)).iterator();
            assertThat(iterator.next()).isSameAs(fast);
            release.countDown();
            assertThat(iterator.next()).isSameAs(slow);
        }
    }

    @Test
    void asCompletedTimesOutFromTheCall() {
        CompletableFuture<String> never = new CompletableFuture<>();
        var iterator =
                Futures.asCompleted(List.of(never), Duration.ofMillis(50)).iterator();
        assertThatThrownBy(iterator::next)
                .isInstanceOf(TaskTimeoutException.class)
                .hasMessageContaining("1 of 1 futures");
    }

    @Test
    void waitForFirstCompletedReturnsAsSoonAsOneIsDone() throws InterruptedException {
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletableFuture<String> done = CompletableFuture.completedFuture("x");
        Done<CompletableFuture<String>> result =
                Futures.waitFor(List.of(pending, done), ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(10));
        assertThat(result.done()).containsExactly(done);
        assertThat(result.notDone()).containsExactly(pending);
    }

    @Test
    void waitForFirstExceptionReturnsOnAFailureButNotOnASuccessOrCancellation() throws InterruptedException {
        CompletableFuture<String> ok = CompletableFuture.completedFuture("ok");
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        CompletableFuture<String> pending = new CompletableFuture<>();
        Done<CompletableFuture<String>> timedOut =
                Futures.waitFor(List.of(ok, cancelled, pending), ReturnWhen.FIRST_EXCEPTION, Duration.ofMillis(50));
        assertThat(timedOut.notDone()).containsExactly(pending);

        CompletableFuture<String> failed = CompletableFuture.failedFuture(new RuntimeException());
        Done<CompletableFuture<String>> result =
                Futures.waitFor(List.of(ok, failed, pending), ReturnWhen.FIRST_EXCEPTION, null);
        assertThat(result.done()).containsExactly(ok, failed);
    }

    @Test
    void waitForAllCompletedWaitsForEveryFuture() throws InterruptedException {
        try (Pool pool = Pool.virtual()) {
            List<TaskFuture<Integer>> futures =
                    List.of(pool.submit(() -> 1), pool.submit(() -> 2), pool.submit(() -> 3));
            Done<TaskFuture<Integer>> result = Futures.waitFor(futures, ReturnWhen.ALL_COMPLETED, null);
            assertThat(result.done()).containsExactlyElementsOf(futures);
            assertThat(result.notDone()).isEmpty();
        }
    }
}
