package dev.multitask.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code --verbose} option, mixed into every subcommand: show stack traces of failures. */
public final class Verbosity {

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the stack trace of a failure.")
    boolean verbose;

    /** Whether {@code --verbose} was given to this command. */
    public boolean verbose() {
        return verbose;
    }

    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
