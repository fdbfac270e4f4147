package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multitask.Pool;
import dev.multitask.ProcessOptions;
import dev.multitask.SerializableCallable;
import dev.multitask.SerializableRunnable;
import dev.multitask.Strategy;
import dev.multitask.TaskFuture;
import dev.multitask.WorkerDiedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that die, by signal, by {@code System.exit} or by a failing initializer, cost only their own task, and
 * nothing ever hangs or outlives the pool or its parent.
 */
class ProcessPoolFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @AfterEach
    void noWorkerOutlivesItsPool() {
        Workers.awaitNoneRunning();
    }

    @Test
    void aWorkerKilledWithSignalNineFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (Pool pool = Pool.processes(2)) {
            String marker = dir.resolve("running").toString();
            TaskFuture<Long> victim = pool.submit((SerializableCallable<Long>) () -> Workers.markAndBlock(marker));
            long pid = Workers.awaitMarker(Path.of(marker));

            Workers.kill9(pid);

            Throwable failure = victim.exception(WAIT);
            assertThat(failure)
                    .isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("pid " + pid)
                    .hasMessageContaining("exit status 137 (signal 9)")
                    .hasMessageContaining(pool.name() + "-worker-");
            WorkerDiedException died = (WorkerDiedException) failure;
            assertThat(died.pid()).isEqualTo(pid);
            assertThat(died.exitStatus()).isEqualTo(137);
            Set<Long> pidsAfter = pidsOf(pool, 8);
            assertThat(pidsAfter).doesNotContain(pid).isNotEmpty();
            await().atMost(WAIT).until(() -> Workers.running().size() == 2);
        }
    }

    @Test
    void systemExitInATaskFailsOnlyThatTask() throws Exception {
        try (Pool pool = Pool.processes(1)) {
            Throwable failure = pool.submit((SerializableCallable<Object>) () -> {
                        System.exit(3);
                        return null;
                    })
                    .exception(WAIT);

            assertThat(failure).isInstanceOf(WorkerDiedException.class).hasMessageContaining("exit status 3");
            assertThat(((WorkerDiedException) failure).exitStatus()).isEqualTo(3);
            assertThat(pool.submit((SerializableCallable<String>) () -> "still serving")
                            .result(WAIT))
                    .isEqualTo("still serving");
        }
    }

    @Test
    void aTaskWhoseWorkerDiesRunsAgainOnANewWorkerWhenRetriesAreAsked() throws Exception {
        String firstAttempt = dir.resolve("first-attempt").toString();
        ProcessOptions oneRetry = ProcessOptions.defaults().withRetries(1);
        try (Pool pool =
                Pool.builder(Strategy.processes(1)).processOptions(oneRetry).build()) {
            long pid = pool.submit((SerializableCallable<Long>) () -> {
                        if (!Files.exists(Path.of(firstAttempt))) {
                            Files.createFile(Path.of(firstAttempt));
                            Runtime.getRuntime().halt(9);
                        }
                        return ProcessHandle.current().pid();
                    })
                    .result(WAIT);

            assertThat(Path.of(firstAttempt)).exists();
            assertThat(pid).isPositive();
        }
    }

    @Test
    void retriesAreSpentAndThenTheDeathIsReported() throws Exception {
        ProcessOptions oneRetry = ProcessOptions.defaults().withRetries(1);
        try (Pool pool =
                Pool.builder(Strategy.processes(1)).processOptions(oneRetry).build()) {
            Throwable failure = pool.submit(
                            (SerializableRunnable) () -> Runtime.getRuntime().halt(5))
                    .exception(WAIT);

            assertThat(failure).isInstanceOf(WorkerDiedException.class).hasMessageContaining("(attempt 2)");
        }
    }

    @Test
    void cancellingARunningTaskWithInterruptionKillsItsWorker() throws Exception {
        try (Pool pool = Pool.processes(1)) {
            String marker = dir.resolve("running").toString();
            TaskFuture<Long> blocked = pool.submit((SerializableCallable<Long>) () -> Workers.markAndBlock(marker));
            long pid = Workers.awaitMarker(Path.of(marker));

            assertThat(blocked.cancel(true)).isTrue();

            await().atMost(WAIT).until(() -> ProcessHandle.of(pid).isEmpty());
            assertThat(pool.submit((SerializableCallable<Long>)
                                    () -> ProcessHandle.current().pid())
                            .result(WAIT))
                    .isNotEqualTo(pid);
        }
    }

    @Test
    void shutdownNowKillsRunningTasksAndCancelsQueuedOnes() throws Exception {
        Pool pool = Pool.processes(1);
        String marker = dir.resolve("running").toString();
        TaskFuture<Long> running = pool.submit((SerializableCallable<Long>) () -> Workers.markAndBlock(marker));
        TaskFuture<Integer> queued = pool.submit((SerializableCallable<Integer>) () -> 1);
        Workers.awaitMarker(Path.of(marker));

        List<Runnable> notRun = pool.shutdownNow();

        assertThat(notRun).hasSize(1);
        assertThat(queued.isCancelled()).isTrue();
        assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(running.exception(WAIT)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void anInitializerThatThrowsFailsTheTasksAndBreaksThePool() throws Exception {
        ProcessOptions failing = ProcessOptions.defaults().withInitializer(() -> {
            throw new IllegalStateException("no licence");
        });
        Pool pool = Pool.builder(Strategy.processes(2)).processOptions(failing).build();
        try {
            Throwable failure =
                    pool.submit((SerializableCallable<Integer>) () -> 1).exception(WAIT);

            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("initializer")
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no licence");
            assertThatThrownBy(() -> pool.submit((SerializableCallable<Integer>) () -> 2))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("broken");
        } finally {
            pool.close();
        }
    }

    @Test
    void tenThousandTasksWhileWorkersAreKilledAtRandomAllEndAndNoneHangs() throws Exception {
        int tasks = 10_000;
        AtomicInteger kills = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        try (Pool pool = Pool.processes(3)) {
            Thread killer = Thread.ofPlatform().name("random-killer").start(() -> {
                while (!done.get() && kills.get() < 15) {
                    List<ProcessHandle> workers = Workers.running();
                    if (!workers.isEmpty()) {
                        workers.get(ThreadLocalRandom.current().nextInt(workers.size()))
                                .destroyForcibly();
                        kills.incrementAndGet();
                    }
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(50, 300));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<TaskFuture<Integer>> futures = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                int input = i;
                futures.add(pool.submit((SerializableCallable<Integer>) () -> input + 1));
            }

            int succeeded = 0;
            int died = 0;
            for (int i = 0; i < tasks; i++) {
                try {
                    assertThat(futures.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                            .isEqualTo(i + 1);
                    succeeded++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(WorkerDiedException.class);
                    died++;
                }
            }
            done.set(true);
            killer.join();

            assertThat(succeeded + died).isEqualTo(tasks);
            assertThat(died).as("only a killed worker's own task fails").isLessThanOrEqualTo(kills.get());
            assertThat(succeeded).isGreaterThan(tasks - kills.get() - 1);
        }
    }

    @Test
    void aParentKilledWithSignalNineLeavesNoWorkerBehind() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), OrphanParent.class.getName())
                .redirectErrorStream(true)
                .start();
        List<Long> workerPids;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the parent's output ended early").isNotNull();
            } while (!line.startsWith("workers "));
            workerPids = Arrays.stream(line.substring("workers ".length()).split(" "))
                    .map(Long::parseLong)
                    .toList();
            assertThat(workerPids).hasSize(2);

            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            parent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> workerPids.stream()
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    /** Started as a separate JVM: opens a pool of 2 busy workers, prints their pids and waits to be killed. */
    static final class OrphanParent {
        public static void main(String[] args) throws Exception {
            Pool pool = Pool.processes(2);
            List<TaskFuture<Long>> busy = List.of(
                    pool.submit((SerializableCallable<Long>) OrphanParent::pidThenSleep),
                    pool.submit((SerializableCallable<Long>) OrphanParent::pidThenSleep));
            await().atMost(WAIT).until(() -> ProcessHandle.current().children().count() == 2);
            System.out.println("workers "
                    + ProcessHandle.current()
                            .children()
                            .map(p -> Long.toString(p.pid()))
                            .collect(Collectors.joining(" ")));
            System.out.flush();
            busy.getFirst().get(); // never returns; the test kills this JVM
        }

        static long pidThenSleep() throws InterruptedException {
            Thread.sleep(Duration.ofMinutes(5));
            return ProcessHandle.current().pid();
        }
    }

    private static Set<Long> pidsOf(Pool pool, int tasks) throws Exception {
        List<TaskFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            futures.add(pool.submit(
                    (SerializableCallable<Long>) () -> ProcessHandle.current().pid()));
        }
        Set<Long> pids = new java.util.HashSet<>();
        for (TaskFuture<Long> future : futures) {
            pids.add(future.result(WAIT));
        }
        return pids;
    }
}
