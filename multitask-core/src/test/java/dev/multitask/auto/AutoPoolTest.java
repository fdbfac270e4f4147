package dev.multitask.auto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.Decision;
import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.Trace;
import dev.multitask.internal.PoolConfig;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code Pool.auto()} on real tasks: the limit it settles at, within bands wide enough for a machine busy with other
 * work. Each test prints the decisions, which is what to read when one fails.
 */
class AutoPoolTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @Test
    void raisesTheLimitFarPastTheProcessorsForTasksThatWait() {
        Trace trace = run(2_000, i -> sleep(50));
        assertThat(peakLimit(trace)).isGreaterThanOrEqualTo(Math.max(100, 20 * PROCESSORS));
        assertThat(trace.summary().tasks()).isEqualTo(2_000);
        assertThat(trace.summary().wall().toMillis()).isLessThan(20_000); // threads:2 would need 50 s
    }

    @Test
    void holdsTasksThatComputeNearTheNumberOfProcessors() {
        Trace trace = run(6 * PROCESSORS * 10, i -> spin(20));
        // On a quiet machine it stays at the processor count. On one busy with other programs, the first windows
        // (code not yet compiled, processors taken by others) can make a step up look worth trying; the throughput
        // probe then undoes it. So the band is on where it ends, and on how many ran at once.
        assertThat(trace.decisions().getLast().limit()).isLessThanOrEqualTo(4 * PROCESSORS);
        assertThat(trace.summary().workers()).isLessThanOrEqualTo(4 * PROCESSORS);
    }

    @Test
    void givesTasksThatHalfWaitMoreThanTheProcessorsButNotThousands() {
        Trace trace = run(20 * PROCESSORS * 4, i -> {
            spin(10);
            return sleep(10);
        });
        int last = trace.decisions().getLast().limit();
        assertThat(last).isBetween(PROCESSORS, 40 * PROCESSORS);
    }

    @Test
    void settlesNearWhatAnOverloadedDownstreamServesInsteadOfTheMaximum() {
        Downstream server = new Downstream(16, 10);
        Trace trace = run(3_000, i -> server.call());
        List<Decision> decisions = trace.decisions();
        // The server serves 16 at once; more only queue there. The limit may overshoot while it learns, but must
        // come back down, and never reach the maximum.
        assertThat(peakLimit(trace)).isLessThan(AutoPool.MAX_LIMIT);
        // Which rule stops the growth depends on the machine: rising run times, or a step up that bought no
        // throughput. Either way it must stop near what the server serves.
        assertThat(decisions.getLast().limit()).isLessThanOrEqualTo(16 * 6);
    }

    @Test
    void startsAtMostOneWorkerPerTaskWhenThousandsAreSubmittedInARowUnderAHighLimit() throws Exception {
        int tasks = 5_000;
        // A first limit of 10,000, as the early rule reaches for tasks that wait: every submission finds room to start
        // workers, and must start only as many as there are queued tasks no worker is already on its way to take.
        try (Pool pool = AutoPool.start(new PoolConfig(Strategy.auto(), "many", false, 0, null), 10_000)) {
            pool.map(i -> sleep(20), IntStream.range(0, tasks).boxed().toList()).toList();
            // Workers are named multitask-POOL-worker-N, numbered in the order they were made.
            String name = pool.submit(() -> Thread.currentThread().getName()).get();
            long made = Long.parseLong(name.substring(name.lastIndexOf('-') + 1));

            // Starting a worker per queued task at every submission made 22,000 to 85,000 for these 5,000 tasks.
            assertThat(made).isLessThanOrEqualTo(tasks + 1);
        }
    }

    @Test
    void shutdownNowCancelsQueuedTasksInterruptsRunningOnesAndEndsEveryThread() throws Exception {
        Pool pool = Pool.auto();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(PROCESSORS);
        java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();
        List<dev.multitask.TaskFuture<?>> running = new java.util.ArrayList<>();
        for (int i = 0; i < PROCESSORS; i++) { // the first limit is the processor count: these fill it
            running.add(pool.submit(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
                return null;
            }));
        }
        dev.multitask.TaskFuture<Integer> queued = pool.submit(() -> 1);
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        List<Runnable> neverStarted = pool.shutdownNow();

        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        assertThat(neverStarted).hasSize(1);
        assertThat(queued.isCancelled()).isTrue();
        assertThat(interrupted.get()).isEqualTo(PROCESSORS);
        assertThat(pool.isTerminated()).isTrue();
    }

    /** A server that handles {@code capacity} requests at once in {@code serviceMillis} each; the rest queue. */
    private record Downstream(Semaphore slots, long serviceMillis) {
        Downstream(int capacity, long serviceMillis) {
            this(new Semaphore(capacity, true), serviceMillis);
        }

        int call() {
            slots.acquireUninterruptibly();
            try {
                return sleep(serviceMillis);
            } finally {
                slots.release();
            }
        }
    }

    private static Trace run(int tasks, java.util.function.Function<Integer, Integer> task) {
        try (Pool pool = Pool.builder(Strategy.auto()).tracing(true).build()) {
            pool.map(task, IntStream.range(0, tasks).boxed().toList()).toList();
            Trace trace = pool.trace();
            trace.decisions()
                    .forEach(d -> System.out.printf("%8.1f ms  %5d  %s%n", d.atNanos() / 1e6, d.limit(), d.reason()));
            System.out.println(trace.summary());
            return trace;
        }
    }

    private static int peakLimit(Trace trace) {
        return trace.decisions().stream().mapToInt(Decision::limit).max().orElseThrow();
    }

    static int sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    /**
     * Computes for about {@code millis} of CPU time on a quiet machine: a fixed amount of work, so that a busy machine
     * makes it take longer on the wall clock without making it look like waiting.
     */
    static int spin(long millis) {
        long x = 1;
        for (long i = 0; i < millis * 100_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return (int) x | 1;
    }
}
