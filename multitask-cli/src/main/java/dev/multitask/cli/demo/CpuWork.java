package dev.multitask.cli.demo;

import java.time.Duration;

/**
 * A task that computes and never waits: a loop of arithmetic whose length is calibrated on this machine to take
 * about a given time on one core, so that the lesson's compute tasks and waiting tasks last about as long.
 */
final class CpuWork {

    private static final long MEASURE_AT_LEAST_NANOS = 30_000_000;

    private final long iterations;

    private CpuWork(long iterations) {
        this.iterations = iterations;
    }

    /** Measures this machine's speed at the loop, then sizes the loop to take about {@code target}. */
    static CpuWork calibrate(Duration target) {
        long n = 10_000;
        spin(n, 1); // let the JIT compile the loop before it is timed
        spin(n, 2);
        long elapsed;
        while (true) {
            long start = System.nanoTime();
            spin(n, 3);
            elapsed = System.nanoTime() - start;
            if (elapsed >= MEASURE_AT_LEAST_NANOS || n > Long.MAX_VALUE / 4) {
                break;
            }
            n *= 2;
        }
        double nanosPerIteration = (double) elapsed / n;
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
