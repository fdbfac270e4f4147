package dev.multitask.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options the conformance table does not compare with GNU parallel, run in-process. */
class RunOptionsTest {

    @TempDir
    Path dir;

    private static RunConformanceTest.Outcome run(String... args) {
        return RunConformanceTest.multitaskRun(List.of(args), null);
    }

    @Test
    void badCommandLinesExitWith255AndOneLine() {
        RunConformanceTest.Outcome unknown = run("--no-such-option", "echo");
        assertThat(unknown.exit()).isEqualTo(255);
        RunConformanceTest.Outcome missing =
                run("echo", "::::", dir.resolve("missing").toString());
        assertThat(missing.exit()).isEqualTo(255);
        assertThat(missing.stderr()).contains("cannot open input file").doesNotContain("at dev.");
        assertThat(run("--halt", "sometimes", "echo", ":::", "a").exit()).isEqualTo(255);
        assertThat(run("--resume", "echo", ":::", "a").exit()).isEqualTo(255);
    }

    @Test
    void commandWordsThatLookLikeOptionsBelongToTheCommand() {
        assertThat(run("-k", "printf", "'%s-%s\\n'", "-k", ":::", "a").stdout()).isEqualTo("-k-a\n");
    }

    @Test
    void jsonPrintsOneRecordPerJob() throws Exception {
        RunConformanceTest.Outcome outcome = run("-k", "--json", "echo {}; exit {}", ":::", "0", "3");
        List<String> lines = outcome.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("seq").asInt()).isEqualTo(2);
        assertThat(second.get("exitval").asInt()).isEqualTo(3);
        assertThat(second.get("stdout").asText()).isEqualTo("3\n");
        assertThat(second.get("args").get(0).asText()).isEqualTo("3");
        assertThat(outcome.exit()).isEqualTo(1);
    }

    @Test
    void resultsAreFilesPerArgumentInGnuParallelsLayout() throws Exception {
        Path results = dir.resolve("out");
        RunConformanceTest.Outcome outcome =
                run("--results", results.toString(), "echo {1}-{2}; echo err >&2", ":::", "x/y", "b", ":::", "1");
        assertThat(outcome.stdout()).isEmpty();
        assertThat(Files.readString(results.resolve("1/x\\_y/2/1/stdout"))).isEqualTo("x/y-1\n");
        assertThat(Files.readString(results.resolve("1/b/2/1/stderr"))).isEqualTo("err\n");
        assertThat(Files.readString(results.resolve("1/b/2/1/seq"))).isEqualTo("2\n");
    }

    @Test
    void barShowsTheSharedProgressDisplayOnStandardErrorOnly() {
        RunConformanceTest.Outcome outcome = run("-k", "--bar", "echo", ":::", "a", "b", "c");
        assertThat(outcome.stdout()).isEqualTo("a\nb\nc\n");
        assertThat(outcome.stderr().strip())
                .as("not a terminal: plain lines, the last with the final count")
                .startsWith("jobs: ")
                .contains("3/3 (100%)", "done in");
    }

    @Test
    void retriesRunAFailingJobUpToNTimes() throws Exception {
        Path count = dir.resolve("count");
        RunConformanceTest.Outcome outcome = run("--retries", "3", "echo x >> " + count + "; exit 1", ":::", "a");
        assertThat(Files.readAllLines(count)).hasSize(3);
        assertThat(outcome.exit()).isEqualTo(1);
    }

    @Test
    void lineBufferPassesWholeLinesWithTags() {
        RunConformanceTest.Outcome outcome = run("--line-buffer", "--tag", "-j1", "printf 'a\\nb'", ":::", "t");
        assertThat(outcome.stdout()).isEqualTo("t\ta\nt\tb");
    }

    @Test
    void resumeFailedRunsFailedAndMissingJobsOnly() throws Exception {
        Path log = dir.resolve("log.tsv");
        assertThat(run("--joblog", log.toString(), "-j1", "exit {}", ":::", "0", "1", "0")
                        .exit())
                .isEqualTo(1);
        Path ran = dir.resolve("ran");
        RunConformanceTest.Outcome resumed = run(
                "--joblog", log.toString(), "--resume-failed", "-j1", "echo {} >> " + ran, ":::", "0", "1", "0", "5");
        assertThat(resumed.exit()).isZero();
        assertThat(Files.readAllLines(ran)).containsExactly("1", "5");
    }

    @Test
    void jobCountsFollowGnuParallel() {
        assertThat(JobCount.parse("3", 8)).isEqualTo(3);
        assertThat(JobCount.parse("+2", 8)).isEqualTo(10);
        assertThat(JobCount.parse("-2", 8)).isEqualTo(6);
        assertThat(JobCount.parse("-20", 8)).isEqualTo(1);
        assertThat(JobCount.parse("50%", 8)).isEqualTo(4);
        assertThat(JobCount.parse("0", 8)).isEqualTo(JobCount.UNLIMITED);
        assertThatThrownBy(() -> JobCount.parse("many", 8)).isInstanceOf(RunException.class);
        assertThat(JobCount.parse("32767", 8)).isEqualTo(32767);
        assertThatThrownBy(() -> JobCount.parse("40000", 8))
                .isInstanceOf(RunException.class)
                .hasMessage("-j: at most 32767 jobs at once, got '40000'"); // a platform thread waits for each job
    }

    @Test
    void haltPolicyParsesGnuForms() {
        assertThat(HaltPolicy.parse("2")).isEqualTo(new HaltPolicy(HaltPolicy.When.NOW, HaltPolicy.Kind.FAIL, 1, 0));
        assertThat(HaltPolicy.parse("soon,success=3").count()).isEqualTo(3);
        assertThat(HaltPolicy.parse("now,fail=10%").needsTotal()).isTrue();
        assertThatThrownBy(() -> HaltPolicy.parse("now,fail=0")).isInstanceOf(RunException.class);
    }
}
