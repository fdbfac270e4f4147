package dev.multitask.cli.demo;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * A task that computes and never waits: a loop of arithmetic whose length is calibrated on this machine to take
 * about a given time on one core, so that the lesson's compute tasks and waiting tasks last about as long.
 */
final class CpuWork implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final long MEASURE_AT_LEAST_NANOS = 10_000_000;

    private final long iterations;

    private CpuWork(long iterations) {
        this.iterations = iterations;
    }

    /**
     * Measures this machine's speed at the loop, then sizes the loop to take about {@code target}. The loop is timed
     * by the thread's CPU time, not the wall clock, so that other programs busy on the machine while it is measured
     * do not make it look slow; the fastest of a few measurements counts, once the JIT has compiled it.
     */
    static CpuWork calibrate(Duration target) {
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
        if (nanosPerIteration == Double.MAX_VALUE) {
            nanosPerIteration = 1;
        }
        return new CpuWork(Math.max(1, (long) (target.toNanos() / nanosPerIteration)));
    }

    /** Runs the loop once; the result only exists so that the compiler cannot drop the work. */
    long run(long seed) {
        return spin(iterations, seed);
    }

    private static long spin(long n, long seed) {
        long x = seed;
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }
}
