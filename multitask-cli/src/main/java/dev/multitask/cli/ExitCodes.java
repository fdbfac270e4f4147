package dev.multitask.cli;

/** The exit codes every subcommand shares; a subcommand may document more of its own (as {@code run} does). */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private ExitCodes() {}
}
