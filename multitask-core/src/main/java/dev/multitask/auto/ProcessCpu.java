package dev.multitask.auto;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of this whole process, every thread together (the JIT compiler's and the garbage collector's too, which
 * makes tasks look a little more CPU-bound than they are). Read by an auto pool's controller once a tick, never per
 * task: a read costs a few microseconds, and a virtual thread's own CPU time cannot be read at all. On Linux it counts
 * in 10 ms clock ticks, which is why the controller judges CPU use over windows of 60 ms and more.
 */
final class ProcessCpu {

    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private static final Path TASKS = Path.of("/proc/self/task");

    /** What the JDK names the virtual-thread scheduler's carrier threads, e.g. {@code ForkJoinPool-1-worker-3}. */
    private static final String CARRIER_NAME = "ForkJoinPool-";

    private static List<Path> carriers; // guarded by ProcessCpu.class
    private static long carriersFoundAt; // guarded by ProcessCpu.class
    private static int carriersFoundBefore; // guarded by ProcessCpu.class; how many the lookup before the last found
    private static final Map<Path, long[]> seen = new HashMap<>(); // carrier -> {cpu, run queue} at its last read
    private static long carrierCpuNanos; // guarded by ProcessCpu.class
    private static long carrierRunQueueNanos; // guarded by ProcessCpu.class

    private ProcessCpu() {}

    /** Nanoseconds of CPU time used by this process so far, or -1 if the platform does not say. */
    static long nanos() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            if (nanos >= 0) {
                return nanos;
            }
        }
        // Whole clock ticks (10 ms on Linux), coarse for one tick but right over a window of several.
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /**
     * What the carrier threads of virtual threads (named {@code ForkJoinPool-N-worker-M}) have done so far, from Linux's
     * per-thread {@code /proc/self/task/N/schedstat}; {@code null} where there is none. Counted from the first call
     * that saw each carrier, so a carrier that ends takes nothing back and one found late adds only what it did since:
     * only differences between calls mean anything. The carriers are looked up again once a second, and at every call
     * while there are none or while their number is growing towards the processors (the scheduler starts them as tasks
     * arrive; CPU time a carrier used before it was found is not counted); a read costs one small file per carrier.
     */
    static synchronized CarrierTimes carriers() {
        if (!Files.isDirectory(TASKS)) {
            return null;
        }
        long now = System.nanoTime();
        if (carriers == null
                || carriers.isEmpty()
                || carriers.size() > carriersFoundBefore
                        && carriers.size() < Runtime.getRuntime().availableProcessors()
                || now - carriersFoundAt > 1_000_000_000L) {
            carriersFoundBefore = carriers == null ? 0 : carriers.size();
            carriers = findCarriers();
            carriersFoundAt = now;
        }
        for (Path schedstat : carriers) {
            try {
                String stat = Files.readString(schedstat);
                int first = stat.indexOf(' ');
                int second = stat.indexOf(' ', first + 1);
                long cpu = Long.parseLong(stat.substring(0, first));
                long runQueue = Long.parseLong(stat.substring(first + 1, second));
                long[] last = seen.put(schedstat, new long[] {cpu, runQueue});
                if (last != null) {
                    carrierCpuNanos += Math.max(0, cpu - last[0]);
                    carrierRunQueueNanos += Math.max(0, runQueue - last[1]);
                }
            } catch (IOException | RuntimeException e) {
                seen.remove(schedstat);
                carriers = null; // one has ended: look again next time
            }
        }
        return new CarrierTimes(carrierCpuNanos, carrierRunQueueNanos, carriers == null ? 0 : carriers.size());
    }

    /**
     * Nanoseconds the carrier threads spent running (the virtual threads' computing, with the scheduler's own work) and
     * ready to run but waiting for a processor (held by other programs, or by each other), and how many carriers were
     * read: with none, nothing that runs on them can have been counted.
     */
    record CarrierTimes(long cpuNanos, long runQueueNanos, int carriers) {}

    private static List<Path> findCarriers() {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(TASKS)) {
            for (Path thread : threads) {
                try {
                    // Only where tasks run: the JIT compiler's and the collector's waits are not the tasks'. The
                    // kernel keeps 15 characters of a thread's name.
                    if (Files.readString(thread.resolve("comm")).startsWith(CARRIER_NAME)) {
                        found.add(thread.resolve("schedstat"));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to read
        }
        seen.keySet().retainAll(found);
        return found;
    }

    /**
     * How busy the whole machine's processors were since the last call, from 0 to 1, every program counted; NaN if
     * the platform does not say. Tells a task that waits from one that computes but gets little CPU because other
     * programs have the processors.
     */
    static double machineLoad() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            return load >= 0 ? load : Double.NaN;
        }
        return Double.NaN;
    }
}
