package dev.multitask.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs each case through the real GNU parallel (installed by scripts/install-test-deps) and through {@code multitask
 * run} in-process, and requires the same standard output, exit status and joblog columns Seq, Exitval, Signal and
 * Command (times and sizes aside).
 */
class RunConformanceTest {

    @TempDir
    static Path dir;

    /** Awkward names: spaces, quotes, shell syntax, unicode, dots, nested directories. */
    static List<String> names;

    @BeforeAll
    static void createFiles() throws IOException {
        names = List.of(
                dir + "/dir one/file with spaces.txt",
                dir + "/it's/quo\"ted.tar.gz",
                dir + "/ünïcödé/файл.txt",
                dir + "/.hidden",
                dir + "/a.b/noext",
                dir + "/nested/deep/er/x.y.z",
                dir + "/semi;colon $(echo no) `echo no` & *.txt",
                dir + "/back\\slash 'single' \"double\" {}.txt",
                "relative/dir/",
                "plain");
        for (String name : names.subList(0, 6)) {
            Files.createDirectories(Path.of(name).getParent());
            Files.writeString(Path.of(name), name + "\n");
        }
        Files.writeString(dir.resolve("args.txt"), "one\ntwo words\nthree 'quoted'\n");
    }

    record Case(String name, List<String> args, String stdin) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case of(String name, String stdin, String... args) {
        return new Case(name, List.of(args), stdin);
    }

    static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    static Stream<Case> cases() {
        List<String> values =
                IntStream.rangeClosed(1, 105).mapToObj(Integer::toString).toList();
        String out = dir + "/out-{#}.txt";
        return Stream.of(
                new Case(
                        "replacement strings over awkward names",
                        concat(List.of("-j1", "echo", "{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}", ":::"), names),
                        null),
                new Case(
                        "appended arguments, no replacement string",
                        concat(List.of("-k", "echo", "pre"), concat(List.of(":::"), names)),
                        null),
                new Case(
                        "cat of files with awkward names",
                        concat(List.of("-k", "cat", ":::"), names.subList(0, 6)),
                        null),
                of(
                        "positional strings over a cartesian product",
                        null,
                        "-k",
                        "echo",
                        "{2}",
                        "{1}",
                        "{1.}",
                        "{2/}",
                        "{3}",
                        ":::",
                        "a.x",
                        "b c.y",
                        ":::",
                        "d/e.f",
                        "g"),
                of(
                        "cartesian product of three sources",
                        null,
                        "-k",
                        "echo",
                        ":::",
                        "a",
                        "b",
                        ":::",
                        "1",
                        "2",
                        ":::",
                        "x",
                        "y"),
                of(
                        "--link wraps the shorter source",
                        null,
                        "-k",
                        "--link",
                        "echo",
                        ":::",
                        "a",
                        "b",
                        "c",
                        ":::",
                        "1",
                        "2"),
                of(
                        ":::+ links a source to the previous one",
                        null,
                        "-k",
                        "echo",
                        ":::",
                        "a",
                        ":::",
                        "b",
                        "c",
                        ":::+",
                        "d",
                        "e",
                        "f"),
                of(
                        "lines from stdin stay inert",
                        "plain\nwith space\nit's\n$(echo no)\n*\nback\\slash\n\ntab\there\n",
                        "-k",
                        "echo",
                        "[{}]"),
                of("-0 records keep newlines", "line one\nline two\u0000\u0000ü\u0000", "-0", "-k", "echo", "{}"),
                of(":::: reads a file", null, "-k", "echo", "{}", "::::", dir + "/args.txt"),
                of(
                        "command words mean what the shell makes of them",
                        null,
                        "-j1",
                        "echo",
                        "{}",
                        ">",
                        out,
                        "&&",
                        "cat",
                        out,
                        ":::",
                        "a b",
                        "c;d"),
                of("quoted template words", null, "-k", "echo", "\"{}\"", "'{.}'", ":::", "x y.z"),
                of("arguments as commands", null, "-k", ":::", "echo a", "echo 'b c'; echo d"),
                of("-k keeps input order", null, "-k", "-j3", "sleep {}; echo {}", ":::", "0.6", "0.1", "0.3", "0"),
                of("--tag prefixes every line", null, "-k", "--tag", "echo x; echo y", ":::", "a b", "c", ":::", "1"),
                of(
                        "job number and slot in the environment",
                        null,
                        "-j1",
                        "echo $PARALLEL_SEQ $PARALLEL_JOBSLOT {#} {%}",
                        ":::",
                        "a",
                        "b",
                        "c"),
                of("failing jobs set the exit status", null, "-j1", "exit {}", ":::", "0", "1", "2", "3"),
                new Case("more than 100 failures is 101", concat(List.of("-j2", "false", ":::"), values), null),
                of("a command that is not found", null, "-j1", "no-such-command-multitask", ":::", "1"),
                of("a job killed by a signal", null, "-j1", "kill -9 $$", ":::", "1"),
                of(
                        "--halt now,fail=1",
                        null,
                        "-j1",
                        "--halt",
                        "now,fail=1",
                        "echo {}; exit {}",
                        ":::",
                        "0",
                        "3",
                        "0",
                        "0"),
                of(
                        "--halt soon,fail=2",
                        null,
                        "-j1",
                        "--halt",
                        "soon,fail=2",
                        "echo {}; exit {}",
                        ":::",
                        "0",
                        "3",
                        "4",
                        "0",
                        "0"),
                of(
                        "--halt now,success=1",
                        null,
                        "-j1",
                        "--halt",
                        "now,success=1",
                        "echo {}; exit {}",
                        ":::",
                        "1",
                        "0",
                        "0"),
                of(
                        "--halt now,fail=50%",
                        null, "-j1", "--halt", "now,fail=50%", "echo {}; exit {}", ":::", "0", "3", "5", "0"),
                of("--halt now,done=2", null, "-j1", "--halt", "now,done=2", "exit {}", ":::", "0", "3", "5", "0"),
                of("--timeout kills the job", null, "-k", "--timeout", "0.5", "sleep", ":::", "5", "0"),
                of(
                        "--dry-run prints the commands",
                        null,
                        "--dry-run",
                        "-k",
                        "cp {} {.}.bak",
                        ":::",
                        "a b.txt",
                        "it's.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGnuParallel(Case c) throws Exception {
        Path gnuLog = Files.createTempFile(dir, "gnu", ".log");
        Path ourLog = Files.createTempFile(dir, "ours", ".log");
        Outcome gnu = gnuParallel(withJoblog(c.args(), gnuLog), c.stdin());
        Outcome ours = multitaskRun(withJoblog(c.args(), ourLog), c.stdin());

        assertThat(ours.stdout()).as("stdout").isEqualTo(gnu.stdout());
        assertThat(ours.exit()).as("exit status; stderr: %s", ours.stderr()).isEqualTo(gnu.exit());
        assertThat(joblog(ourLog)).as("joblog Seq, Exitval, Signal, Command").isEqualTo(joblog(gnuLog));
    }

    private static List<String> withJoblog(List<String> args, Path log) {
        return concat(List.of("--joblog", log.toString()), args);
    }

    record Outcome(String stdout, String stderr, int exit) {}

    static Outcome gnuParallel(List<String> args, String stdin) throws Exception {
        List<String> command = concat(List.of("parallel", "--will-cite"), args);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(out, "", process.exitValue());
    }

    static Outcome multitaskRun(List<String> args, String stdin) {
        CommandLine commandLine = Main.commandLine();
        RunCommand run = (RunCommand) commandLine.getSubcommands().get("run").getCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] input = stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8);
        run.useStreams(new ByteArrayInputStream(input), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        int exit = commandLine.execute(concat(List.of("run"), args).toArray(String[]::new));
        return new Outcome(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }

    /** The comparable columns of a joblog, by job number: Seq, Exitval, Signal, Command. */
    static List<String> joblog(Path log) throws IOException {
        if (!Files.exists(log) || Files.size(log) == 0) {
            return List.of();
        }
        String text = Files.readString(log);
        List<String[]> rows = new ArrayList<>();
        String[] lines = text.split("\n(?=\\d+\t)");
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            rows.add(line.split("\t", 9));
        }
        assertThat(lines[0]).isEqualTo(JobLog.HEADER.strip());
        return rows.stream()
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r[0])))
                .map(r -> String.join("\t", r[0], r[6], r[7], r[8].stripTrailing()))
                .collect(Collectors.toList());
    }
}
