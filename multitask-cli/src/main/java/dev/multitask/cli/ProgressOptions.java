package dev.multitask.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code -q, --quiet} option, mixed into commands that show {@link Progress}. A command wires it in with two
 * lines:
 *
 * <pre>{@code
 * @Mixin ProgressOptions progressOptions;
 * try (Progress progress = progressOptions.start("download", urls.size())) { ... progress.step(); ... }
 * }</pre>
 */
public final class ProgressOptions {

    @Option(
            names = {"-q", "--quiet"},
            description = "Show no progress.")
    boolean quiet;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Starts the progress display on the command's stderr, in the style that suits it. */
    public Progress start(String what, long total) {
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        return Progress.start(what, total, Progress.Style.detect(quiet), err);
    }

    public boolean quiet() {
        return quiet;
    }
}
