package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multitask.MapOptions;
import dev.multitask.Pool;
import dev.multitask.SerializableCallable;
import dev.multitask.SerializableFunction;
import dev.multitask.SerializableRunnable;
import dev.multitask.Strategy;
import dev.multitask.TaskContext;
import dev.multitask.TaskFailedException;
import dev.multitask.TaskRecord;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A process pool in normal use: where tasks run, what comes back, what travels and what cannot. */
class ProcessPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One worker, so that "the same worker" is checkable through its pid. */
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.builder(Strategy.parse("processes:1")).tracing(true).build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
        Workers.awaitNoneRunning();
    }

    private static long workerPid() throws Exception {
        return pool.submit((SerializableCallable<Long>)
                        () -> ProcessHandle.current().pid())
                .result(WAIT);
    }

    @Test
    void tasksRunInAChildProcessOfThisJvm() throws Exception {
        long pid = workerPid();

        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(pid);
        assertThat(pool.strategy()).isEqualTo(Strategy.processes(1));
    }

    @Test
    void mapReturnsResultsInInputOrder() {
        List<Integer> inputs = IntStream.range(0, 50).boxed().toList();

        List<Integer> squares = pool.map((SerializableFunction<Integer, Integer>) x -> x * x, inputs)
                .toList();

        assertThat(squares).isEqualTo(inputs.stream().map(x -> x * x).toList());
    }

    @Test
    void mapWithAChunkSizeShipsInputsInBatchesAndKeepsOrder() {
        List<Integer> inputs = IntStream.range(0, 100).boxed().toList();
        long tracedBefore = pool.trace().summary().tasks();

        List<String> results = pool.map(
                        (SerializableFunction<Integer, String>) x -> "#" + x,
                        inputs,
                        MapOptions.defaults().withChunkSize(30))
                .toList();

        assertThat(results).isEqualTo(inputs.stream().map(x -> "#" + x).toList());
        assertThat(pool.trace().summary().tasks() - tracedBefore)
                .as("one task per chunk: 30 + 30 + 30 + 10")
                .isEqualTo(4);
    }

    @Test
    void chunksCarryNumbersBooleansNullsAndObjectsUnchanged() {
        List<Object> inputs = java.util.Arrays.asList(
                1, -2L, 3.5, true, false, null, "text", List.of(4, 5), Integer.MIN_VALUE, Long.MAX_VALUE, Double.NaN);

        List<Object> results = pool.map(
                        (SerializableFunction<Object, Object>) x -> x,
                        inputs,
                        MapOptions.defaults().withChunkSize(4))
                .toList();

        assertThat(results).isEqualTo(inputs);
        assertThat(results.get(1)).isInstanceOf(Long.class);
    }

    @Test
    void tenThousandTinyTasksShippedInBurstsComeBackInOrder() {
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().toList();

        List<String> results = pool.map(
                        (SerializableFunction<Integer, String>) x -> x % 3 == 0 ? "#" + x : String.valueOf(-x),
                        inputs,
                        MapOptions.defaults().withChunkSize(1))
                .toList();

        assertThat(results)
                .isEqualTo(inputs.stream()
                        .map(x -> x % 3 == 0 ? "#" + x : String.valueOf(-x))
                        .toList());
    }

    @Test
    void valuesSentWithoutJavaSerializationComeBackUnchanged() {
        List<Object> inputs = java.util.Arrays.asList(
                0,
                Integer.MIN_VALUE,
                Long.MIN_VALUE,
                -0.0,
                Double.NaN,
                Double.MAX_VALUE,
                true,
                false,
                null,
                "",
                "gr\u00fc\u00dfe \ud83d\ude00",
                new StringBuilder("sb").toString(),
                (short) 7,
                'c',
                1.5f);

        List<Object> results = pool.map(
                        (SerializableFunction<Object, Object>) x -> x,
                        inputs,
                        MapOptions.defaults().withChunkSize(1))
                .toList();

        assertThat(results).isEqualTo(inputs);
        assertThat(results.get(12)).isInstanceOf(Short.class);
        assertThat(results.get(13)).isInstanceOf(Character.class);
    }

    @Test
    void aShortTasksResultIsNotHeldBackByALongTaskShippedBehindIt() throws Exception {
        workerPid(); // the worker is up
        var quick = pool.submit((SerializableCallable<String>) () -> "quick");
        var slow = pool.submit((SerializableCallable<String>) () -> {
            Thread.sleep(4_000);
            return "slow";
        });

        assertThat(quick.result(Duration.ofSeconds(3))).isEqualTo("quick");
        assertThat(slow.isDone())
                .as("the quick result came while the slow task still ran")
                .isFalse();
        assertThat(slow.result(WAIT)).isEqualTo("slow");
    }

    @Test
    void aFailingInputFailsMapWithTheWorkersException() {
        SerializableFunction<Integer, Integer> failOnSeven = x -> {
            if (x == 7) {
                throw new IllegalArgumentException("seven");
            }
            return x;
        };

        assertThatThrownBy(() -> pool.map(failOnSeven, List.of(1, 7, 9)).toList())
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("(7)")
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seven");
    }

    @Test
    void aTasksExceptionComesBackWithItsWorkerSideStackTrace() throws Exception {
        long pid = workerPid();

        Throwable failure = pool.submit((SerializableCallable<Object>) () -> {
                    throw new IllegalStateException("thrown in the worker");
                })
                .exception(WAIT);

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("thrown in the worker");
        assertThat(Arrays.stream(failure.getStackTrace()).map(StackTraceElement::getClassName))
                .contains(WorkerMain.class.getName());
        assertThat(TaskContext.of(failure).orElseThrow().worker()).contains("pid " + pid);
    }

    @Test
    void anUnserializableLambdaFailsOnlyItsTaskAndTheWorkerStays() throws Exception {
        long pid = workerPid();
        Object notSerializable = new Object();

        Throwable failure = pool.submit(() -> notSerializable.hashCode()).exception(WAIT);

        assertThat(failure)
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("cannot be sent to a worker process")
                .hasMessageContaining("SerializableCallable");
        assertThat(workerPid()).isEqualTo(pid);
    }

    @Test
    void anUnserializableResultFailsOnlyItsTaskAndTheWorkerStays() throws Exception {
        long pid = workerPid();

        Throwable failure =
                pool.submit((SerializableCallable<Object>) () -> new Thread()).exception(WAIT);

        assertThat(failure)
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("result, a java.lang.Thread, cannot be serialized");
        assertThat(workerPid()).isEqualTo(pid);
    }

    @Test
    void anUnserializableExceptionComesBackAsACopy() throws Exception {
        Throwable failure = pool.submit((SerializableCallable<Object>) () -> {
                    throw new UnserializableException();
                })
                .exception(WAIT);

        assertThat(failure.toString()).contains(UnserializableException.class.getName(), "holds a thread");
        assertThat(failure.getStackTrace()).isNotEmpty();
    }

    @Test
    void aHundredMegabyteResultArrivesWhole() throws Exception {
        byte[] result = pool.submit((SerializableCallable<byte[]>) () -> {
                    byte[] bytes = new byte[100_000_000];
                    for (int i = 0; i < bytes.length; i += 4096) {
                        bytes[i] = (byte) (i >>> 12);
                    }
                    bytes[bytes.length - 1] = 42;
                    return bytes;
                })
                .result(WAIT);

        assertThat(result).hasSize(100_000_000);
        assertThat(result[4096 * 5]).isEqualTo((byte) 5);
        assertThat(result[result.length - 1]).isEqualTo((byte) 42);
    }

    @Test
    void whatATaskPrintsReachesThisProcessPrefixedWithTheWorker() throws Exception {
        long pid = workerPid();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            pool.submit((SerializableRunnable) () -> {
                        System.out.println("to stdout");
                        System.err.println("to stderr");
                    })
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            String prefix = "[" + pool.name() + "-worker-1 pid " + pid + "] ";
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(out.toString(StandardCharsets.UTF_8)).contains(prefix + "to stdout");
                assertThat(err.toString(StandardCharsets.UTF_8)).contains(prefix + "to stderr");
            });
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(workerPid()).as("printing cannot upset the protocol").isEqualTo(pid);
    }

    @Test
    void theTraceNamesTheWorkerProcessOfEachTask() throws Exception {
        long pid = workerPid();
        pool.submit("labelled", (SerializableCallable<Integer>) () -> 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        TaskRecord record = pool.trace().tasks().stream()
                .filter(r -> "labelled".equals(r.label()))
                .findFirst()
                .orElseThrow();
        assertThat(record.worker()).isEqualTo("multitask-" + pool.name() + "-worker-1 (pid " + pid + ")");
        assertThat(record.outcome()).isEqualTo(TaskRecord.Outcome.SUCCEEDED);
    }

    @Test
    void invokeAllRunsEveryTaskInTheWorkers() throws Exception {
        List<SerializableCallable<Long>> tasks =
                List.of(() -> ProcessHandle.current().pid(), () -> ProcessHandle.current()
                        .pid());

        List<Long> pids = pool.invokeAll(tasks).stream()
                .map(f -> {
                    try {
                        return f.get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(pids).doesNotContain(ProcessHandle.current().pid()).containsOnly(workerPid());
    }

    /** Holds a thread, so that serialization fails on it. */
    static final class UnserializableException extends RuntimeException {
        @SuppressWarnings("unused")
        private final Object thread = new Thread();

        UnserializableException() {
            super("holds a thread");
        }
    }
}
