package dev.multitask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What {@link Main} builds for a command line: only the named subcommand, or all when help needs them, each with the
 * standard help and version options.
 */
class MainTest {

    private static final String[] ALL = {"demo", "run", "get", "bench", "cluster", "generate-completion"};

    @Test
    void aRunNamingASubcommandBuildsOnlyThatOne() {
        assertThat(Main.commandLine("get").getSubcommands()).containsOnlyKeys("get");
        assertThat(Main.commandLine("cluster").getSubcommands().get("cluster").getSubcommands())
                .containsKey("member");
    }

    @Test
    void helpATypoAndTheCompletionScriptGetEverySubcommandInHelpOrder() {
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("--help").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("gte").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("generate-completion").getSubcommands().keySet())
                .containsExactly(ALL);
    }

    @Test
    void runStopsParsingItsOptionsAtTheCommandHoweverItIsBuilt() {
        for (CommandLine commandLine : List.of(Main.commandLine("run"), Main.commandLine())) {
            assertThat(commandLine
                            .getSubcommands()
                            .get("run")
                            .getCommandSpec()
                            .parser()
                            .stopAtPositional())
                    .isTrue();
        }
    }

    @Test
    void theCompletionCommandStaysOutOfTheHelp() {
        assertThat(Main.commandLine()
                        .getSubcommands()
                        .get("generate-completion")
                        .getCommandSpec()
                        .usageMessage()
                        .hidden())
                .isTrue();
    }

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

    /** Exit code, stdout and stderr of {@code multitask COMMAND OPTION}, built as a real run builds it. */
    private static String[] run(String command, String option) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add(option);
        CommandLine commandLine = Main.commandLine(args.get(0));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
