package dev.multitask.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exitCode, String out, String err) {
        List<JsonNode> json() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.lines().toList()) {
                nodes.add(JSON.readTree(line));
            }
            return nodes;
        }
    }

    private static Result bench(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpListsTheWorkloadsOptionsAndExitCodes() {
        Result run = bench("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("cpu", "io", "mixed", "overloaded", "--command", "--class")
                .contains("--strategies", "--workers", "--repeat", "--run-limit", "--json", "--report")
                .contains("Exit codes:", "0   The workload ran", "2   Bad command line");
    }

    @Test
    void printsOneJsonObjectPerStrategyThenTheRecommendation() throws Exception {
        Result run = bench(
                "--workload",
                "io",
                "--tasks",
                "60",
                "--task-ms",
                "20",
                "--strategies",
                "sequential,threads:4,virtual,auto",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.json();
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 4))
                .extracting(n -> n.get("strategy").asText())
                .containsExactly("sequential", "threads:4", "virtual", "auto");
        for (JsonNode row : lines.subList(0, 4)) {
            assertThat(row.get("workers").asInt()).isPositive();
            assertThat(row.get("wallSeconds").asDouble()).isPositive();
            assertThat(row.get("failures").asInt()).isZero();
            assertThat(row.get("completed").asInt()).isEqualTo(60);
        }
        assertThat(lines.get(0).get("speedup").asDouble()).isEqualTo(1.0);
        // 60 waits of 20 ms: 1.2 s one by one; on 4 threads about 0.3 s; all at once about 0.02 s.
        assertThat(lines.get(1).get("speedup").asDouble()).isBetween(2.0, 4.5);
        assertThat(lines.get(2).get("speedup").asDouble())
                .isGreaterThan(lines.get(1).get("speedup").asDouble());
        assertThat(lines.get(3).get("limit")).isNotNull();
        assertThat(lines.get(3).get("decision").asText()).isNotEmpty();
        assertThat(lines.get(4).get("reason").asText()).contains("of their time waiting");
    }

    @Test
    void printsATableAndARecommendationAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("bench.html");
        Result run = bench(
                "--workload",
                "cpu",
                "--tasks",
                "8",
                "--task-ms",
                "10",
                "--strategies",
                "sequential,threads,auto",
                "--workers",
                "2",
                "--report",
                report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Workload cpu: 8 tasks of 10 ms, 100% computing")
                .contains("strategy", "workers", "wall", "speed-up", "efficiency", "CPU", "peak mem", "failures")
                .contains("sequential", "threads:2", "auto");
        assertThat(run.out().lines().filter(l -> l.startsWith("Recommendation: tasks spend")))
                .hasSize(1);
        assertThat(Files.readString(report)).contains("multitask bench: cpu");
    }

    @Test
    void runsAShellCommandPerInputAndCountsItsFailures() throws Exception {
        Result run = bench(
                "--command",
                "test {} != bad",
                "--strategies",
                "sequential,threads:2",
                "--json",
                ":::",
                "a",
                "bad",
                "c",
                "d");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.json();
        assertThat(lines.get(0).get("tasks").asInt()).isEqualTo(4);
        assertThat(lines.subList(0, 2))
                .allSatisfy(row -> assertThat(row.get("failures").asInt()).isEqualTo(1));
    }

    @Test
    void runsAUsersClass() throws Exception {
        Result run = bench(
                "--class", Square.class.getName(), "--tasks", "50", "--strategies", "sequential,virtual", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().subList(0, 2)).allSatisfy(row -> {
            assertThat(row.get("workload").asText()).isEqualTo("class");
            assertThat(row.get("completed").asInt()).isEqualTo(50);
            assertThat(row.get("failures").asInt()).isZero();
        });
    }

    @Test
    void cutsARunAtTheRunLimitAndExtrapolatesItsWallTime() throws Exception {
        Result run = bench(
                "--workload",
                "io",
                "--tasks",
                "200",
                "--task-ms",
                "20",
                "--strategies",
                "sequential",
                "--run-limit",
                "1",
                "--json");

        JsonNode row = run.json().getFirst();
        assertThat(row.get("extrapolated").asBoolean()).isTrue();
        assertThat(row.get("lowerBound").asBoolean()).isFalse(); // one by one from the start: a steady pace
        assertThat(row.get("completed").asInt()).isLessThan(200);
        assertThat(row.get("wallSeconds").asDouble()).isBetween(2.0, 20.0); // 200 x 20 ms = 4 s
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--workload fibres | unknown workload 'fibres': expected cpu, io, mixed or overloaded",
                "--strategies threads,fibres | --strategies: unknown strategy 'fibres'",
                "--blocking-ratio 2 | --blocking-ratio must be from 0 to 1, got 2.0",
                "--workers 2,40000 | --workers counts must be from 1 to 32767, got 40000",
                "--command true | --command needs its inputs after ':::'",
                "--class no.such.Task | --class no.such.Task: no such class on the class path",
                "--workload io --class java.lang.String | give one of --workload, --command and --class"
            })
    void reportsABadCommandLineInOneLineWithExitCodeTwo(String args, String message) {
        Result run = bench(args.split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString().contains(message);
        assertThat(run.out()).isEmpty();
    }
}
