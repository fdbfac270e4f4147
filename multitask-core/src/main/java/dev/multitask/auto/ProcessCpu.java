package dev.multitask.auto;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The CPU time of this whole process, every thread together (the JIT compiler's and the garbage collector's too, which
 * makes tasks look a little more CPU-bound than they are). Read by an auto pool's controller once a tick, never per
 * task: a read costs a few microseconds, and a virtual thread's own CPU time cannot be read at all. On Linux it counts
 * in 10 ms clock ticks, which is why the controller judges CPU use over windows of 50 ms and more.
 */
final class ProcessCpu {

    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

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
