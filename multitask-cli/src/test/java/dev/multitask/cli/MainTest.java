package dev.multitask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which subcommands {@link Main} builds for a command line: only the named one, or all when help needs them. */
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
    void theCompletionCommandStaysOutOfTheHelp() {
        assertThat(Main.commandLine()
                        .getSubcommands()
                        .get("generate-completion")
                        .getCommandSpec()
                        .usageMessage()
                        .hidden())
                .isTrue();
    }
}
