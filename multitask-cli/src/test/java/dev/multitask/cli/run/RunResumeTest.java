package dev.multitask.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by SIGTERM terminates its running jobs with their descendants, logs only the jobs that finished, and
 * a second run with {@code --resume} runs exactly the jobs that had not finished.
 */
class RunResumeTest {

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumedRunsOnlyWhatHadNotFinished() throws Exception {
        // Jobs 1-4 finish at once; jobs 5 and up wait for the file "go", which appears only before the second run.
        Path script = dir.resolve("job.sh");
        Files.writeString(script, """
                echo "$1" >> "$2/started"
                if [ "$1" -gt 4 ]; then
                  while [ ! -e "$2/go" ]; do sleep 0.05; done
                fi
                echo "$1" >> "$2/finished"
                """);
        Path joblog = dir.resolve("jobs.tsv");
        List<String> args = new ArrayList<>(List.of(
                "run", "-j2", "--joblog", joblog.toString(), "sh", script.toString(), "{}", dir.toString(), ":::"));
        IntStream.rangeClosed(1, 10).forEach(i -> args.add(Integer.toString(i)));

        Process first = startRunner(args);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines(dir.resolve("started")).size() == 6);
        assertThat(loggedSeqs(joblog)).containsExactlyInAnyOrder("1", "2", "3", "4");

        first.destroy(); // SIGTERM
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        String marker = dir.toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(marker)));
        assertThat(loggedSeqs(joblog)).as("killed jobs are not logged").containsExactlyInAnyOrder("1", "2", "3", "4");

        Files.createFile(dir.resolve("go"));
        List<String> resumed = new ArrayList<>(args);
        resumed.add(1, "--resume");
        Process second = startRunner(resumed);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();

        List<String> all =
                IntStream.rangeClosed(1, 10).mapToObj(Integer::toString).toList();
        assertThat(lines(dir.resolve("finished"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(loggedSeqs(joblog)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(lines(dir.resolve("started")))
                .as("1-4 ran once; 5 and 6 were stopped and ran again; 7-10 ran once")
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "5", "6", "7", "8", "9", "10");
    }

    private Process startRunner(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.multitask.cli.Main"));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("runner.err").toFile())
                .start();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static List<String> loggedSeqs(Path joblog) throws IOException {
        return lines(joblog).stream().skip(1).map(line -> line.split("\t")[0]).toList();
    }
}
