package dev.multitask.cli.run;

import static dev.multitask.cli.cluster.LoopbackCluster.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.multitask.cli.cluster.LoopbackCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multitask run --cluster} against a real cluster: two Hazelcast members on 127.0.0.1 in this JVM, with a
 * cluster name of their own; the jobs are real child processes of the members.
 */
class RunClusterTest {

    @TempDir
    Path dir;

    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void stopMembers() {
        cluster.close();
    }

    @Test
    void spreadsTheJobsOverEveryMemberNamesEachJobsMemberInTheJoblogAndResumesFromIt() throws Exception {
        HazelcastInstance first = cluster.startMember();
        HazelcastInstance second = cluster.startMember();
        Path joblog = dir.resolve("jobs.tsv");
        List<String> args = new ArrayList<>(List.of(
                "--cluster",
                address(first),
                "--cluster-name",
                cluster.name(),
                "-j4",
                "-k",
                "--tag",
                "--joblog",
                joblog.toString(),
                "sleep 0.2; echo job {}",
                ":::"));
        IntStream.rangeClosed(1, 16).forEach(i -> args.add(Integer.toString(i)));

        RunConformanceTest.Outcome outcome = RunConformanceTest.multitaskRun(args, null);

        assertThat(outcome.exit()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().lines())
                .as("grouped and in input order, as when run here")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 16)
                        .mapToObj(i -> i + "\tjob " + i)
                        .toList());
        List<String[]> rows = rows(joblog);
        assertThat(rows).extracting(row -> row[0]).containsExactlyInAnyOrderElementsOf(seqs(16));
        assertThat(rows)
                .as("each job lands on a random partition's member: all 16 on one has odds of 1 in 32,768")
                .extracting(row -> row[1])
                .containsOnly(address(first), address(second))
                .contains(address(first), address(second));

        List<String> resumed = new ArrayList<>(args);
        resumed.addFirst("--resume");
        RunConformanceTest.Outcome again = RunConformanceTest.multitaskRun(resumed, null);
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(again.stdout())
                .as("--resume: every job is in the joblog, none runs again")
                .isEmpty();
        assertThat(rows(joblog)).hasSize(16);
    }

    @Test
    void aMemberKilledMidRunLosesNoJobAndEachJobIsReportedOnce() throws Exception {
        HazelcastInstance survivor = cluster.startMember();
        HazelcastInstance victim = cluster.startMember();
        // Every job notes that it started, then waits for the file "go", which appears only after the kill: so the
        // kill always comes while jobs run, and the victim's jobs must run again on the survivor.
        Path script = dir.resolve("job.sh");
        Files.writeString(script, """
                echo "$1" >> "$2/started"
                while [ ! -e "$2/go" ]; do sleep 0.05; done
                echo "done $1"
                """);
        Path joblog = dir.resolve("jobs.tsv");
        List<String> args = new ArrayList<>(List.of(
                "--cluster",
                address(survivor) + "," + address(victim),
                "--cluster-name",
                cluster.name(),
                "-j4",
                "--joblog",
                joblog.toString(),
                "sh",
                script.toString(),
                "{}",
                dir.toString(),
                ":::"));
        IntStream.rangeClosed(1, 12).forEach(i -> args.add(Integer.toString(i)));

        CompletableFuture<RunConformanceTest.Outcome> run =
                CompletableFuture.supplyAsync(() -> RunConformanceTest.multitaskRun(args, null));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines(dir.resolve("started")).size() >= 4);
        victim.getLifecycleService().terminate(); // like kill -9: no graceful hand-over
        Files.createFile(dir.resolve("go"));
        RunConformanceTest.Outcome outcome = run.get();

        assertThat(outcome.exit()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().lines())
                .as("every job's output, once")
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 12).mapToObj(i -> "done " + i).toList());
        List<String[]> rows = rows(joblog);
        assertThat(rows).extracting(row -> row[0]).containsExactlyInAnyOrderElementsOf(seqs(12));
        assertThat(lines(dir.resolve("started")))
                .as("at least once: jobs of the killed member may have started twice")
                .containsAll(seqs(12));
    }

    @Test
    void haltNowTerminatesTheJobsStillRunningOnTheMembers() {
        HazelcastInstance member = cluster.startMember();
        String marker = "29." + (System.nanoTime() % 1_000_000);
        List<String> args = List.of(
                "--cluster",
                address(member),
                "--cluster-name",
                cluster.name(),
                "-j3",
                "--halt",
                "now,fail=1",
                "sleep {}; exit 3",
                ":::",
                "0.1",
                marker + "1",
                marker + "2");
        long start = System.nanoTime();

        RunConformanceTest.Outcome outcome = RunConformanceTest.multitaskRun(args, null);

        assertThat(outcome.exit())
                .as(outcome.stderr())
                .as("the failing job's status")
                .isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the 29 s jobs did not run to their end")
                .isLessThan(Duration.ofSeconds(25));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(marker)));
    }

    @Test
    void aBadClusterAddressIsOneLineOnStderrAndExitStatus255NotAFailedJobCount() {
        RunConformanceTest.Outcome outcome =
                RunConformanceTest.multitaskRun(List.of("--cluster", "nowhere", "echo", ":::", "1"), null);
        assertThat(outcome.exit()).isEqualTo(255);
        assertThat(outcome.stdout()).isEmpty();
        assertThat(outcome.stderr().lines())
                .containsExactly("multitask run: --cluster: member address must be HOST:PORT, got 'nowhere'");
    }

    private static List<String> seqs(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList();
    }

    private static List<String[]> rows(Path joblog) throws IOException {
        return lines(joblog).stream().skip(1).map(line -> line.split("\t", 9)).toList();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
