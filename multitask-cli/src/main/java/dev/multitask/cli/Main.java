package dev.multitask.cli;

import dev.multitask.cli.bench.BenchCommand;
import dev.multitask.cli.cluster.ClusterCommand;
import dev.multitask.cli.demo.DemoCommand;
import dev.multitask.cli.get.GetCommand;
import dev.multitask.cli.run.ProcessLaunch;
import dev.multitask.cli.run.RunCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code multitask} command: parses the command line, runs one subcommand and turns failures into exit codes. */
@Command(
        name = "multitask",
        // Every subcommand inherits -h/--help and -V/--version (and only those: options are inherited one by one).
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run many tasks at once: by threads when tasks wait, by cores when they compute.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            GetCommand.class,
            BenchCommand.class,
            ClusterCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":Success.",
            ExitCodes.FAILURE + ":The work failed at run time (a task, a download, a server).",
            ExitCodes.USAGE + ":Bad command line: unknown option, lesson or strategy, or a bad value."
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            ProcessLaunch.preferDirectExec(); // before anything reads the environment; see its javadoc
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; for tests, which must not exit the JVM. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, so that tests can set its output streams. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine
                .getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(true);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command, e.g. 'multitask demo'");
    }

    /** A usage error is one line on stderr, a hint, and exit code 2: no usage dump, no stack trace. */
    private static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getColorScheme().errorText(cmd.getCommandName() + ": " + e.getMessage()));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput(); // 2, or what a subcommand documents
        }
    }

    /**
     * An exception from a command is a usage error if it says so ({@link UsageException}), else a run-time failure:
     * one line on stderr, and the stack trace only with {@code --verbose}.
     */
    private static final class FailureHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            err.println(cmd.getColorScheme().errorText("multitask: " + message));
            if (Verbosity.isVerbose(parseResult)) {
                e.printStackTrace(err);
            }
            err.flush();
            return e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
    }
}
