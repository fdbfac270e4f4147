package dev.multitask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "run", "get", "bench", "cluster", "cluster member"})
    void everyCommandAnswersHelpAndVersionWithExitCode0(String command) {
        String[] help = run(command, "--help");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).startsWith("Usage: multitask" + (command.isEmpty() ? "" : " " + command));
        assertThat(help[1]).contains("-V, --version");

        String[] version = run(command, "-V");
        assertThat(version[0]).isEqualTo("0");
        assertThat(version[1]).startsWith("multitask ").contains("Java " + Runtime.version());
        assertThat(version[2]).isEmpty();
    }

    /** Exit code, stdout and stderr of {@code multitask COMMAND OPTION}. */
    private static String[] run(String command, String option) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add(option);
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
