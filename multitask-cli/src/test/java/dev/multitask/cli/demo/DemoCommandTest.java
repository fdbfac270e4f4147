package dev.multitask.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DemoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rootHelpNamesTheDemoAndExitsZero() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: multitask", "demo", "Exit codes:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionNamesTheToolAndItsJava() {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("multitask", "Java " + Runtime.version().feature());
    }

    @Test
    void demoHelpListsEveryLessonOptionAndExitCode() {
        CommandRun run = CommandRun.of("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("threads", "pool", "download", "cpu-vs-io")
                .contains("--scale", "--json", "--url", "--strategy", "--workers", "--width", "--repeat", "--verbose")
                .contains("Exit codes:", "0   Success", "1   A lesson failed", "2   Bad command line");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(
                        List.of("demo", "nope"), "unknown lesson 'nope': expected threads, pool, download, cpu-vs-io"),
                Arguments.of(List.of("demo", "threads", "fibres"), "unknown lesson 'fibres'"),
                Arguments.of(List.of("demo", "--scale", "0"), "must be above 0 and at most 100, got '0'"),
                Arguments.of(List.of("demo", "--scale", "-1"), "must be above 0 and at most 100, got '-1'"),
                Arguments.of(List.of("demo", "--scale", "NaN"), "must be above 0 and at most 100, got 'NaN'"),
                Arguments.of(List.of("demo", "--scale", "Infinity"), "must be above 0 and at most 100"),
                Arguments.of(List.of("demo", "--scale", "fast"), "'fast' is not a number"),
                Arguments.of(List.of("demo", "pool", "--strategy", "fibres"), "unknown strategy 'fibres'"),
                Arguments.of(
                        List.of("demo", "pool", "--strategy", "threads:0"), "worker count must be at least 1, got 0"),
                Arguments.of(List.of("demo", "pool", "--strategy", "threads:-2"), "worker count must be at least 1"),
                Arguments.of(
                        List.of("demo", "pool", "--strategy", "threads:many"), "worker count must be a whole number"),
                Arguments.of(List.of("demo", "pool", "--strategy", "processes:2"), "the demo runs in this process"),
                Arguments.of(List.of("demo", "pool", "--workers", "0"), "worker count must be at least 1, got 0"),
                Arguments.of(List.of("demo", "download", "-w", "-3"), "worker count must be at least 1, got -3"),
                Arguments.of(List.of("demo", "pool", "--workers", "40000"), "worker count must be at most 32767"),
                Arguments.of(List.of("demo", "pool", "--workers", "two"), "'two' is not a whole number"),
                Arguments.of(
                        List.of("demo", "pool", "-w", "2", "-s", "virtual"), "give --strategy or --workers, not both"),
                Arguments.of(
                        List.of("demo", "threads", "--workers", "2"), "apply to the pool and download lessons only"),
                Arguments.of(
                        List.of("demo", "download", "--url", "ftp://example.org/a.jpg"), "not an http or https URL"),
                Arguments.of(List.of("demo", "download", "--url", "images/a.jpg"), "not an http or https URL"),
                Arguments.of(List.of("demo", "download", "--url", "http://bad host/"), "is not a URL"),
                Arguments.of(
                        List.of("demo", "pool", "--url", "http://127.0.0.1/a"),
                        "--url applies to the download lesson only"),
                Arguments.of(List.of("demo", "--width", "10"), "must be from 40 to 1000, got 10"),
                Arguments.of(List.of("demo", "--repeat", "0"), "must be from 1 to 100, got 0"),
                Arguments.of(List.of("demo", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of(List.of(), "missing a command"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void aBadCommandLineIsOneClearLineAndExitCodeTwo(List<String> args, String message) {
        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).isNotEmpty();
        assertThat(run.errLines().getFirst()).contains(message);
        assertThat(run.errLines()).hasSizeLessThanOrEqualTo(2); // the error, then where to find --help
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void anUnreachableUrlIsOneLineAndExitCodeOne() throws IOException {
        URI url = URI.create("http://127.0.0.1:" + closedPort() + "/image-1.ppm");

        CommandRun run = CommandRun.of("demo", "download", "--json", "--url", url.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("multitask: cannot download " + url + ": connection refused");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void verboseShowsTheStackTraceOfAFailure() throws IOException {
        URI url = URI.create("http://127.0.0.1:" + closedPort() + "/image-1.ppm");

        CommandRun run = CommandRun.of("demo", "download", "--verbose", "--url", url.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().getFirst()).isEqualTo("multitask: cannot download " + url + ": connection refused");
        assertThat(run.err()).contains("\tat ", "ConnectException");
    }

    @Test
    void aUrlThatAnswersAnErrorStatusFailsWithThatStatus() throws IOException {
        try (ImageServer server = ImageServer.start(1, Duration.ZERO)) {
            URI missing = server.imageUris().getFirst().resolve("image-9.ppm");

            CommandRun run = CommandRun.of("demo", "download", "--url", missing.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errLines())
                    .containsExactly("multitask: cannot download " + missing + ": the server answered HTTP 404");
        }
    }

    @Test
    void theWholeDemoAsJsonShowsTheLessonsSpeedUps() throws IOException {
        CommandRun run = CommandRun.of("demo", "--scale", "0.05", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> runs = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode node = JSON.readTree(line); // every line of stdout is one JSON object, and nothing else
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.has("lesson") && node.has("strategy") && node.has("workers") && node.has("tasks"))
                    .as(line)
                    .isTrue();
            assertThat(node.get("wallSeconds").asDouble()).as(line).isPositive();
            assertThat(node.get("speedup").asDouble()).as(line).isPositive();
            runs.add(node);
        }
        assertThat(runs.stream().map(r -> r.get("lesson").asText()).distinct())
                .containsExactly("threads", "pool", "download", "cpu-vs-io");
        assertThat(runs).hasSize(2 + 3 + 2 + 10);

        JsonNode oneThread = find(runs, "threads", "one thread", null);
        assertThat(oneThread.get("strategy").asText()).isEqualTo("sequential");
        assertThat(oneThread.get("speedup").asDouble()).isEqualTo(1.0);
        assertThat(oneThread.get("wallSeconds").asDouble()).isBetween(0.38, 3.0); // 8 pauses of 50 ms
        JsonNode twoThreads = find(runs, "threads", "two threads", null);
        assertThat(twoThreads.get("workers").asInt()).isEqualTo(2);
        assertThat(twoThreads.get("tasks").asInt()).isEqualTo(8);
        assertThat(twoThreads.get("speedup").asDouble()).isGreaterThanOrEqualTo(1.4);

        assertThat(find(runs, "pool", "map", null).get("speedup").asDouble()).isGreaterThanOrEqualTo(1.4);
        assertThat(find(runs, "pool", "submit", null).get("strategy").asText()).isEqualTo("threads:2");

        JsonNode pooled = find(runs, "download", "pool of 3", null);
        assertThat(pooled.get("strategy").asText()).isEqualTo("threads:3");
        assertThat(pooled.get("tasks").asInt()).isEqualTo(5);
        assertThat(pooled.get("speedup").asDouble()).isGreaterThanOrEqualTo(1.6);

        JsonNode waitingOnVirtual = find(runs, "cpu-vs-io", "virtual threads", "wait");
        assertThat(waitingOnVirtual.get("speedup").asDouble()).isGreaterThanOrEqualTo(2.0);
        assertThat(find(runs, "cpu-vs-io", "sequential", "cpu").get("speedup").asDouble())
                .isEqualTo(1.0);
        int cores = Runtime.getRuntime().availableProcessors();
        JsonNode computingInProcesses = find(runs, "cpu-vs-io", "processes, one per core", "cpu");
        assertThat(computingInProcesses.get("strategy").asText()).isEqualTo("processes:" + cores);
        assertThat(computingInProcesses.get("workers").asInt()).isEqualTo(cores);
        assertThat(computingInProcesses.get("tasks").asInt()).isEqualTo(Math.max(8, 4 * cores));
    }

    @Test
    void theThreadsLessonPrintsTheLessonsLinesTimelinesAndExplanation() {
        CommandRun run = CommandRun.of("demo", "threads", "--scale", "0.05", "--repeat", "1", "--width", "60");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines)
                .filteredOn(l -> l.equals("Calculating Square : 5 ^ 2 = 25"))
                .hasSize(2); // once per run
        assertThat(lines)
                .filteredOn(l -> l.equals("Calculating Cube : 8 ^ 3 = 512"))
                .hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("Calculating ")).hasSize(16);
        assertThat(run.out())
                .contains("One thread (sequential, 8 tasks):", "Two threads (threads:2, 8 tasks):")
                .contains("t1.start(); t2.start(); t1.join(); t2.join();")
                .contains("8.09 s on one thread, 4.07 s on two", "What it shows:");
        // A thread that starts late on a loaded machine begins its row with a blank column or two.
        assertThat(lines)
                .anyMatch(l -> l.matches("t1-square +\\[2\\^2.*"))
                .anyMatch(l -> l.matches("t2-cube +\\[2\\^3.*"));
        assertThat(lines).filteredOn(l -> l.contains("[") && l.contains("]")).allMatch(l -> l.length() <= 60);
    }

    @Test
    void theDownloadLessonFetchesTheUrlsGiven() throws IOException {
        try (ImageServer server = ImageServer.start(3, Duration.ofMillis(50))) {
            List<String> args = new ArrayList<>(List.of("demo", "download", "--workers", "3"));
            server.imageUris().forEach(uri -> args.addAll(List.of("--url", uri.toString())));

            CommandRun run = CommandRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("Downloading the 3 URLs given with --url.")
                    .contains("image-1.ppm", "image-2.ppm", "image-3.ppm")
                    .contains(String.format("%,d bytes", server.imageBytes()))
                    .contains("Ideal: 3 downloads in 1 rounds of at most 3 = 3.00x.");
        }
    }

    @Test
    void anotherStrategyRunsThePoolLesson() throws IOException {
        CommandRun run = CommandRun.of("demo", "pool", "--scale", "0.05", "--repeat", "1", "--json", "-s", "virtual");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> strategies = new ArrayList<>();
        for (String line : run.outLines()) {
            strategies.add(JSON.readTree(line).get("strategy").asText());
        }
        assertThat(strategies).containsExactly("sequential", "virtual", "virtual");
    }

    private static JsonNode find(List<JsonNode> runs, String lesson, String run, String work) {
        Optional<JsonNode> found = runs.stream()
                .filter(r -> r.get("lesson").asText().equals(lesson)
                        && r.get("run").asText().equals(run)
                        && (work == null || r.get("work").asText().equals(work)))
                .findFirst();
        assertThat(found)
                .as(lesson + " / " + run + " / " + work + " in " + runs)
                .isPresent();
        return found.get();
    }

    /** A port on 127.0.0.1 that nothing listens on: bound once by the system, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
