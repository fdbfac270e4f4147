package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitask.Pool;
import dev.multitask.ProcessOptions;
import dev.multitask.SerializableCallable;
import dev.multitask.Strategy;
import dev.multitask.TaskFuture;
import java.io.InvalidClassException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link ProcessOptions} change about the workers of a process pool. */
class ProcessOptionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @AfterEach
    void noWorkerOutlivesItsPool() {
        Workers.awaitNoneRunning();
    }

    private static Pool pool(int workers, ProcessOptions options) {
        return Pool.builder(Strategy.processes(workers)).processOptions(options).build();
    }

    @Test
    void theInitializerRunsOnceInEveryWorkerBeforeItsFirstTask() throws Exception {
        ProcessOptions counting = ProcessOptions.defaults()
                .withInitializer(() ->
                        System.setProperty("initialized", Integer.toString(Integer.getInteger("initialized", 0) + 1)));
        try (Pool pool = pool(2, counting)) {
            List<TaskFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit((SerializableCallable<String>)
                        () -> ProcessHandle.current().pid() + "=" + System.getProperty("initialized")));
            }
            for (TaskFuture<String> future : futures) {
                assertThat(future.result(WAIT)).endsWith("=1");
            }
        }
    }

    @Test
    void aWorkerIsReplacedAfterMaxTasksPerWorker() throws Exception {
        try (Pool pool = pool(1, ProcessOptions.defaults().withMaxTasksPerWorker(2))) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pids.add(pool.submit((SerializableCallable<Long>)
                                () -> ProcessHandle.current().pid())
                        .result(WAIT));
            }

            Map<Long, Long> tasksPerPid =
                    pids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(tasksPerPid).hasSize(3).allSatisfy((pid, count) -> assertThat(count)
                    .isEqualTo(2));
        }
    }

    @Test
    void jvmOptionsAndEnvironmentReachTheWorkers() throws Exception {
        ProcessOptions options = ProcessOptions.defaults()
                .withJvmOptions(List.of("-Dmultitask.test=from-options", "-Xmx100m"))
                .withEnvironment(Map.of("MULTITASK_TEST", "from-environment"));
        try (Pool pool = pool(1, options)) {
            String seen = pool.submit((SerializableCallable<String>) () -> System.getProperty("multitask.test") + " "
                            + System.getenv("MULTITASK_TEST") + " "
                            + Runtime.getRuntime().maxMemory() / (1024 * 1024))
                    .result(WAIT);

            assertThat(seen).startsWith("from-options from-environment ");
            assertThat(Long.parseLong(seen.substring(seen.lastIndexOf(' ') + 1)))
                    .isBetween(50L, 100L);
        }
    }

    @Test
    void aCollectorChosenInJvmOptionsReplacesThePoolsOwn() throws Exception {
        try (Pool pool = pool(1, ProcessOptions.defaults().withJvmOptions(List.of("-XX:+UseParallelGC")))) {
            List<String> collectors = pool.submit((SerializableCallable<List<String>>)
                            () -> java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                                    .map(java.lang.management.GarbageCollectorMXBean::getName)
                                    .toList())
                    .result(WAIT);

            assertThat(collectors).anyMatch(name -> name.startsWith("PS "));
        }
    }

    @Test
    void anOutOfMemoryErrorFailsItsTaskAndTheWorkerIsReplaced() throws Exception {
        try (Pool pool = pool(1, ProcessOptions.defaults().withJvmOptions(List.of("-Xmx64m")))) {
            long pid = pool.submit((SerializableCallable<Long>)
                            () -> ProcessHandle.current().pid())
                    .result(WAIT);

            Throwable failure = pool.submit((SerializableCallable<Integer>) () -> new long[100_000_000].length)
                    .exception(WAIT);

            assertThat(failure).isInstanceOf(OutOfMemoryError.class);
            assertThat(pool.submit((SerializableCallable<Long>)
                                    () -> ProcessHandle.current().pid())
                            .result(WAIT))
                    .as("a worker that ran out of memory is not trusted with more tasks")
                    .isNotEqualTo(pid);
        }
    }

    @Test
    void aSerialFilterRefusesResultsOfClassesItDoesNotAllow() throws Exception {
        try (Pool pool = pool(1, ProcessOptions.defaults().withSerialFilter("java.base/*;!*"))) {
            Throwable failure = pool.submit(
                            (SerializableCallable<Object>) () -> new javax.management.ObjectName("a:b=c"))
                    .exception(WAIT);

            assertThat(failure).isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
            assertThat(pool.submit((SerializableCallable<String>) () -> "allowed")
                            .result(WAIT))
                    .isEqualTo("allowed");
        }
    }

    @Test
    void optionsRefuseNonsense() {
        assertThatThrownBy(() -> ProcessOptions.defaults().withRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retries");
        assertThatThrownBy(() -> ProcessOptions.defaults().withMaxTasksPerWorker(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max tasks");
        assertThat(Strategy.parse("processes:3")).isEqualTo(Strategy.processes(3));
    }
}
