package dev.multitask.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.Strategy;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace file against the Chrome Trace Event format (the "JSON Object Format" of the format's specification; there
 * is no official schema): the fields each event type must have, with their JSON types.
 */
class ChromeTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesAnObjectOfTraceEventsEachWithItsPhasesRequiredFields() throws Exception {
        JsonNode root =
                write(List.of(new Run("one thread", Lessons.oneThread()), new Run("two", Lessons.twoThreads())));

        assertThat(root.isObject()).isTrue();
        assertThat(root.get("displayTimeUnit").asText()).isIn("ms", "ns");
        JsonNode events = root.get("traceEvents");
        assertThat(events.isArray()).isTrue();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("name").isTextual()).as(event.toString()).isTrue();
            assertThat(event.get("ph").asText()).as(event.toString()).isIn("X", "M", "C", "i");
            assertThat(event.get("pid").isIntegralNumber()).as(event.toString()).isTrue();
            assertThat(event.get("tid").isIntegralNumber()).as(event.toString()).isTrue();
            if (!event.get("ph").asText().equals("M")) {
                assertThat(event.get("ts").isNumber()).as(event.toString()).isTrue();
                assertThat(event.get("ts").asDouble()).isGreaterThanOrEqualTo(0);
            }
            if (event.has("args")) {
                assertThat(event.get("args").isObject()).isTrue();
            }
        });
        assertThat(select(events, e -> e.get("ph").asText().equals("X"))).allSatisfy(event -> {
            assertThat(event.get("dur").isNumber()).isTrue();
            assertThat(event.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(event.get("args").get("id").isIntegralNumber()).isTrue();
            assertThat(event.get("args").get("input").isTextual()).isTrue();
            assertThat(event.get("args").get("outcome").isTextual()).isTrue();
        });
    }

    @Test
    void givesEachRunAProcessAndEachWorkerAThreadWithOneCompleteEventPerTask() throws Exception {
        JsonNode events = write(
                        List.of(new Run("one thread", Lessons.oneThread()), new Run("two", Lessons.twoThreads())))
                .get("traceEvents");

        assertThat(select(events, e -> e.get("name").asText().equals("process_name")))
                .extracting(e ->
                        e.get("pid").asInt() + " " + e.get("args").get("name").asText())
                .containsExactly("1 one thread (pool one)", "2 two (pool two)");
        assertThat(select(events, e -> e.get("name").asText().equals("thread_name")))
                .extracting(e -> e.get("pid").asInt() + "/" + e.get("tid").asInt() + " "
                        + e.get("args").get("name").asText())
                .containsExactly("1/1 worker-1", "2/1 worker-1", "2/2 worker-2");
        List<JsonNode> tasks = select(events, e -> e.get("ph").asText().equals("X"));
        assertThat(tasks)
                .extracting(e -> e.get("pid").asInt() + "/" + e.get("tid").asInt() + " "
                        + e.get("name").asText())
                .containsExactly(
                        "1/1 input-1",
                        "1/1 input-2",
                        "1/1 input-3",
                        "1/1 input-4",
                        "2/1 input-1",
                        "2/2 input-2",
                        "2/1 input-3",
                        "2/2 input-4");
        JsonNode failed = tasks.get(7);
        assertThat(failed.get("args").get("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.get("args").get("error").asText()).contains("refused");
    }

    @Test
    void putsTimesInMicrosecondsFromTheEarliestRunsStart() throws Exception {
        JsonNode events = write(
                        List.of(new Run("one thread", Lessons.oneThread()), new Run("two", Lessons.twoThreads())))
                .get("traceEvents");
        List<JsonNode> tasks = select(events, e -> e.get("ph").asText().equals("X"));

        assertThat(tasks.get(1).get("ts").asDouble()).isEqualTo(100_000.0); // second 100 ms task of run one
        assertThat(tasks.get(1).get("dur").asDouble()).isEqualTo(100_000.0);
        assertThat(tasks.get(5).get("ts").asDouble()).isEqualTo(1_002_000.0); // run two began 1 s later
    }

    @Test
    void showsATaskCancelledBeforeItStartedAsAnInstantAndCountsRunningAndQueuedTasks() throws Exception {
        Trace trace = Trace.of(
                "c",
                Strategy.threads(1),
                Lessons.ORIGIN,
                List.of(
                        Lessons.task(1, "w", 0, 0, 10 * Lessons.MS, Outcome.SUCCEEDED),
                        new dev.multitask.TaskRecord(
                                2, "late", null, 0, -1, 5 * Lessons.MS, -1, Outcome.CANCELLED, null)));
        JsonNode events = write(List.of(new Run("c", trace))).get("traceEvents");

        assertThat(select(events, e -> e.get("ph").asText().equals("i")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("name").asText()).isEqualTo("late");
                    assertThat(e.get("s").asText()).isEqualTo("p");
                    assertThat(e.get("ts").asDouble()).isEqualTo(5000.0);
                });
        assertThat(select(events, e -> e.get("ph").asText().equals("C")))
                .extracting(e -> e.get("ts").asDouble() + " "
                        + e.get("args").get("running").asInt() + " "
                        + e.get("args").get("queued").asInt())
                .containsExactly("0.0 1 1", "5000.0 1 0", "10000.0 0 0");
    }

    @Test
    void addsCpuSamplesAsCountersPerCore() throws Exception {
        Path file = dir.resolve("cpu.json");
        ChromeTrace.write(file, List.of(new Run("one", Lessons.oneThread())), Lessons.cpu());
        JsonNode events = JSON.readTree(file.toFile()).get("traceEvents");

        List<JsonNode> cpu = select(events, e -> e.get("name").asText().equals("cpu"));
        assertThat(cpu).hasSize(14).allSatisfy(e -> {
            assertThat(e.get("ph").asText()).isEqualTo("C");
            assertThat(e.get("args").get("cpu0").asDouble()).isEqualTo(90.0);
            assertThat(e.get("args").get("cpu1").isNumber()).isTrue();
        });
    }

    @Test
    void leavesNoPartFileAndReplacesAnEarlierTrace() throws Exception {
        Path file = dir.resolve("trace.json");
        Files.writeString(file, "old");
        ChromeTrace.write(file, List.of(Lessons.oneThread()));
        assertThat(JSON.readTree(file.toFile()).get("traceEvents").isArray()).isTrue();
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }

    private JsonNode write(List<Run> runs) throws Exception {
        Path file = dir.resolve("trace.json");
        ChromeTrace.write(file, runs, CpuSamples.none());
        return JSON.readTree(file.toFile());
    }

    private static List<JsonNode> select(JsonNode events, Predicate<JsonNode> filter) {
        List<JsonNode> selected = new ArrayList<>();
        events.forEach(e -> {
            if (filter.test(e)) {
                selected.add(e);
            }
        });
        return selected;
    }
}
