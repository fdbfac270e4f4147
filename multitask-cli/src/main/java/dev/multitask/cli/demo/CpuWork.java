package dev.multitask.cli.demo;

import dev.multitask.cli.CpuLoop;
import java.io.Serializable;
import java.time.Duration;

/**
 * A task that computes and never waits: a loop of arithmetic whose length is calibrated on this machine to take
 * about a given time on one core, so that the lesson's compute tasks and waiting tasks last about as long.
 */
final class CpuWork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long iterations;

    private CpuWork(long iterations) {
        this.iterations = iterations;
    }

    /** Sizes the loop to take about {@code target} of one processor on this machine. */
    static CpuWork calibrate(Duration target) {
        return new CpuWork(Math.max(1, (long) (target.toNanos() / CpuLoop.nanosPerIteration())));
    }

    /** Runs the loop once; the result only exists so that the compiler cannot drop the work. */
    long run(long seed) {
        return CpuLoop.spin(iterations, seed);
    }
}
