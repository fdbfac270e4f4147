package dev.multitask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.Trace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command wired the way the {@link ReportOptions} javadoc says, run through {@link Main}'s command line so that exit
 * codes and messages are the real ones: it runs the same small work on each strategy it is given and reports them.
 */
class ReportOptionsTest {

    @Command(name = "example")
    static final class ExampleCommand implements Runnable {
        @Mixin
        ReportOptions report;

        @Option(names = "--strategy")
        List<String> strategies = new ArrayList<>();

        boolean traced;

        @Override
        public void run() {
            report.start();
            traced = report.tracing();
            List<Trace> traces = new ArrayList<>();
            for (String strategy : strategies) {
                try (Pool pool = Pool.builder(Strategy.parse(strategy))
                        .tracing(report.tracing())
                        .build()) {
                    pool.map(
                                    (Integer n) -> busy(n),
                                    IntStream.rangeClosed(1, 6).boxed().toList())
                            .toList();
                    if (report.tracing()) {
                        traces.add(pool.trace());
                    }
                }
            }
            report.write("example", traces);
        }

        private static long busy(int n) {
            long sum = 0;
            for (int i = 0; i < 200_000 * n; i++) {
                sum += i % 7;
            }
            return sum;
        }
    }

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final ExampleCommand command = new ExampleCommand();

    private int execute(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.addSubcommand("example", command);
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("example"));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    @Test
    void writesTheReportAndTheTraceOfEveryRunAndSaysWhere() throws Exception {
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("trace.json");

        int exit = execute(
                "--strategy",
                "sequential",
                "--strategy",
                "threads:2",
                "--report",
                html.toString(),
                "--trace",
                json.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("report written to " + html).contains("trace written to " + json);
        String page = Files.readString(html);
        assertThat(page).contains("\"name\":\"sequential\"").contains("\"name\":\"threads:2\"");
        assertThat(page).contains("\"cpuSource\":\"/proc/stat\"");
        JsonNode trace = new ObjectMapper().readTree(json.toFile());
        assertThat(trace.get("traceEvents").findValues("ph"))
                .filteredOn(ph -> ph.asText().equals("X"))
                .hasSize(12);
    }

    @Test
    void tracesNothingWhenNoFileIsAskedFor() {
        assertThat(execute("--strategy", "threads:2")).isZero();
        assertThat(command.traced).isFalse();
        assertThat(err.toString()).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anOutputInADirectoryThatDoesNotExistIsAUsageErrorBeforeAnyWork() {
        Path missing = dir.resolve("no/such/dir/report.html");

        int exit = execute("--strategy", "threads:2", "--report", missing.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .contains("--report")
                .contains("does not exist");
        assertThat(command.traced).as("failed before the work").isFalse();
    }
}
