package dev.multitask.cli.run;

import java.nio.file.Path;
import java.time.Duration;

/** Everything {@code multitask run} was told, parsed and checked; what the {@link JobRunner} runs by. */
record RunSettings(
        int jobs,
        boolean keepOrder,
        OutputMode outputMode,
        boolean tag,
        boolean json,
        Path joblog,
        boolean resume,
        boolean resumeFailed,
        int retries,
        Duration timeout,
        HaltPolicy halt,
        boolean dryRun,
        boolean bar,
        boolean eta,
        Duration delay,
        Path results,
        String shell,
        boolean timeline,
        boolean tracing) {}
