package dev.multitask.cli.demo;

import dev.multitask.cli.Verbosity;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code multitask demo}: the multitasking lesson, reproduced with real timings. Placeholder until written. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The multitasking lesson, measured.")
public final class DemoCommand implements Runnable {

    @Mixin
    Verbosity verbosity;

    @Parameters(arity = "0..*", paramLabel = "LESSON", description = "threads, pool, download, cpu-vs-io")
    List<String> lessons = List.of();

    @Override
    public void run() {
        System.out.println("demo: not written yet");
    }
}
