package dev.multitask.cli;

import dev.multitask.cli.bench.BenchCommand;
import dev.multitask.cli.cluster.ClusterCommand;
import dev.multitask.cli.demo.DemoCommand;
import dev.multitask.cli.get.GetCommand;
import dev.multitask.cli.run.ProcessLaunch;
import dev.multitask.cli.run.RunCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The {@code multitask} command: parses the command line, runs one subcommand and turns failures into exit codes. */
@Command(
        name = "multitask",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run many tasks at once: by threads when tasks wait, by cores when they compute.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":Success.",
            ExitCodes.FAILURE + ":The work failed at run time (a task, a download, a server).",
            ExitCodes.USAGE + ":Bad command line: unknown option, lesson or strategy, or a bad value."
        })
public final class Main implements Runnable {

    /**
     * The subcommands by name, in the order help lists them. Here rather than in {@code @Command(subcommands = ...)}
     * so that a run builds only the one it names: picocli builds a subcommand's model by reflection when it is added
     * (about 100 ms of CPU at start-up for the ones a {@code get} does not use), and a short download's run time is
     * mostly start-up. The completion script needs them all.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("demo", DemoCommand::new);
        all.put("run", RunCommand::new);
        all.put("get", GetCommand::new);
        all.put("bench", BenchCommand::new);
        all.put("cluster", ClusterCommand::new);
        all.put("generate-completion", AutoComplete.GenerateCompletion::new);
        return all;
    }

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
        return commandLine(args.length > 0 ? args[0] : null).execute(args);
    }

    /** The configured command line with every subcommand, so that tests can set its output streams. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The configured command line for arguments that start with {@code first}: when that names a subcommand (other
     * than {@code generate-completion}), only that subcommand is built; else all of them, for help, suggestions after
     * a typo, and the completion script.
     */
    static CommandLine commandLine(String first) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        boolean one = first != null && SUBCOMMANDS.containsKey(first) && !first.equals("generate-completion");
        for (Map.Entry<String, Supplier<Object>> sub : SUBCOMMANDS.entrySet()) {
            if (!one || sub.getKey().equals(first)) {
                // A CommandLine made here, not the bare command: picocli applies a command's model transformer
                // (run's stop at the command) only in the constructor, never to an object given to addSubcommand.
                commandLine.addSubcommand(
                        sub.getKey(), new CommandLine(sub.getValue().get()));
            }
        }
        CommandLine completion = commandLine.getSubcommands().get("generate-completion");
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(true);
        }
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
