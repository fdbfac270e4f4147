package dev.multitask.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The calling thread's scheduler statistics from Linux's {@code /proc/thread-self/schedstat}. */
final class ThreadSchedule {

    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    private ThreadSchedule() {}

    /**
     * @return {nanoseconds on a processor, nanoseconds ready but waiting for one}, or {@code null} where the kernel
     *     does not say (not Linux, or schedstats off)
     */
    static long[] read() {
        try {
            String[] fields = Files.readString(SCHEDSTAT).strip().split("\\s+");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
