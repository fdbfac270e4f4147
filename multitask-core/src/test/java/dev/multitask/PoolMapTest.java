package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PoolMapTest {

    static Stream<Strategy> all() {
        return Strategies.all();
    }

    static Stream<Strategy> concurrent() {
        return Strategies.concurrent();
    }

    @ParameterizedTest
    @MethodSource("all")
    void returnsResultsInInputOrderWhateverOrderTasksFinishIn(Strategy strategy) {
        List<Integer> inputs = IntStream.range(0, 200).boxed().toList();
        try (Pool pool = Pool.of(strategy)) {
            List<Integer> squares = pool.map(
                            (Integer n) -> {
                                if (n % 7 == 0) {
                                    Thread.yield(); // some tasks take longer, so that they finish out of order
                                }
                                return n * n;
                            },
                            inputs)
                    .toList();
            assertThat(squares).isEqualTo(inputs.stream().map(n -> n * n).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void readsAnEndlessInputLazilyWithBoundedTasksInFlight(Strategy strategy) {
        AtomicInteger read = new AtomicInteger();
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return read.incrementAndGet();
            }
        };
        try (Pool pool = Pool.of(strategy)) {
            List<Integer> first = pool.map(
                            (Integer n) -> n + 1, endless, MapOptions.defaults().withInFlight(8))
                    .limit(100)
                    .toList();
            assertThat(first).startsWith(2, 3, 4).hasSize(100);
            assertThat(read.get()).isBetween(100, 100 + 8);
        }
    }

    @ParameterizedTest
    @MethodSource("concurrent")
    void startsWorkAtTheCallBeforeAnyResultIsTaken(Strategy strategy) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(3);
        try (Pool pool = Pool.of(strategy)) {
            try (Stream<Integer> results = pool.map(
                    (Integer n) -> {
                        started.countDown();
                        return n;
                    },
                    List.of(1, 2, 3))) {
                assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                assertThat(results.toList()).containsExactly(1, 2, 3);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void rethrowsAFailureWithTheTaskThatFailedAndCancelsTheRest(Strategy strategy) {
        AtomicInteger ran = new AtomicInteger();
        try (Pool pool = Pool.of(strategy)) {
            Stream<Integer> results = pool.map(
                    (Integer n) -> {
                        ran.incrementAndGet();
                        if (n == 3) {
                            throw new IllegalStateException("three is bad");
                        }
                        return n;
                    },
                    IntStream.rangeClosed(1, 10_000).boxed().toList(),
                    MapOptions.defaults().withInFlight(4));
            assertThatThrownBy(results::toList)
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("(3) failed")
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .satisfies(
                            e -> assertThat(((TaskFailedException) e).label()).isEqualTo("3"));
        }
        assertThat(ran.get()).isLessThan(20);
    }

    @ParameterizedTest
    @MethodSource("concurrent")
    void timesOutMeasuredFromTheCallAndCancelsTheRest(Strategy strategy) {
        CountDownLatch never = new CountDownLatch(1);
        try (Pool pool = Pool.of(strategy)) {
            Stream<Integer> results = pool.map(
                    (Integer n) -> {
                        if (n == 2) {
                            await(never);
                        }
                        return n;
                    },
                    List.of(1, 2, 3),
                    Duration.ofMillis(200));
            Iterator<Integer> iterator = results.iterator();
            assertThat(iterator.next()).isEqualTo(1);
            assertThatThrownBy(iterator::next)
                    .isInstanceOf(TaskTimeoutException.class)
                    .hasMessageContaining("was not done within PT0.2S");
        } // close() returns: the blocked task was cancelled with an interrupt
    }

    @ParameterizedTest
    @MethodSource("all")
    void inChunksGivesTheSameResultsInOrderWithFewerTasks(Strategy strategy) {
        List<Integer> inputs = IntStream.range(0, 100).boxed().toList();
        try (Pool pool = Pool.builder(strategy).tracing(true).build()) {
            List<Integer> doubled = pool.map(
                            (Integer n) -> 2 * n, inputs, MapOptions.defaults().withChunkSize(7))
                    .toList();
            assertThat(doubled).isEqualTo(inputs.stream().map(n -> 2 * n).toList());
            assertThat(pool.trace().tasks())
                    .hasSize(15)
                    .first()
                    .extracting(TaskRecord::label)
                    .isEqualTo("0 (+6)");
        }
    }

    @Test
    void inChunksAFailureComesAfterTheResultsBeforeItAndNamesItsInput() {
        try (Pool pool = Pool.threads(2)) {
            Iterator<Integer> results = pool.map(
                            (Integer n) -> {
                                if (n == 5) {
                                    throw new IllegalArgumentException("five");
                                }
                                return n;
                            },
                            IntStream.range(0, 20).boxed().toList(),
                            MapOptions.defaults().withChunkSize(4))
                    .iterator();
            for (int expected = 0; expected < 5; expected++) {
                assertThat(results.next()).isEqualTo(expected);
            }
            assertThatThrownBy(results::next)
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessage("task #2 (5) failed: java.lang.IllegalArgumentException: five")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closingTheStreamCancelsTasksInFlight() throws InterruptedException {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        try (Pool pool = Pool.threads(2)) {
            Stream<Integer> results = pool.map(
                    (Integer n) -> {
                        started.incrementAndGet();
                        bothRunning.countDown();
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            interrupted.incrementAndGet();
                        }
                        return n;
                    },
                    List.of(1, 2, 3, 4));
            assertThat(bothRunning.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            results.close();
        }
        assertThat(interrupted.get())
                .as("the two running tasks were interrupted")
                .isEqualTo(2);
        assertThat(started.get()).as("the two queued tasks never ran").isEqualTo(2);
    }

    @Test
    void rejectsAfterShutdown() {
        Pool pool = Pool.threads(1);
        pool.close();
        assertThatThrownBy(() -> pool.map(x -> x, List.of(1)))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
