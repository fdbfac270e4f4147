package dev.multitask.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** A loop of arithmetic that computes and never waits, for the compute tasks of {@code demo} and {@code bench}. */
public final class CpuLoop {

    private static final long MEASURE_AT_LEAST_NANOS = 10_000_000;

    private CpuLoop() {}

    /**
     * Nanoseconds one round of {@link #spin} takes on this machine. The loop is timed by the thread's CPU time, not
     * the wall clock, so that other programs busy on the machine while it is measured do not make it look slow; the
     * fastest of a few measurements counts, once the JIT has compiled it.
     */
    public static double nanosPerIteration() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        double nanosPerIteration = Double.MAX_VALUE;
        long n = 10_000;
        for (int round = 0; round < 12; round++) {
            long start = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            spin(n, round);
            long elapsed = (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
            if (elapsed < MEASURE_AT_LEAST_NANOS && n < Long.MAX_VALUE / 4) {
                n *= 2; // too short to measure well; the early rounds also warm the loop up
                continue;
            }
            nanosPerIteration = Math.min(nanosPerIteration, (double) elapsed / n);
        }
        return nanosPerIteration == Double.MAX_VALUE ? 1 : nanosPerIteration;
    }

    /** Runs {@code n} rounds; the result only exists so that the compiler cannot drop the work. */
    public static long spin(long n, long seed) {
        long x = seed;
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }
}
