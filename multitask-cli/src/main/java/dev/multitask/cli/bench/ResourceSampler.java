package dev.multitask.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches one measured run from a daemon thread: the peak of this JVM's heap in use plus the resident memory of its
 * child processes (worker JVMs, shell commands), sampled every {@value #INTERVAL_MILLIS} ms, and the CPU time of
 * this process and of its children. Children's CPU time is read while they live, since a process that has ended can
 * no longer be asked.
 */
final class ResourceSampler {

    static final long INTERVAL_MILLIS = 50;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Thread thread;
    private final long cpuAtStart = processCpuNanos();
    private final Map<Long, Long> childCpuNanos = new HashMap<>(); // by pid, the most seen; guarded by this
    private long peakBytes; // guarded by this
    private volatile boolean stopping;

    private ResourceSampler() {
        this.thread =
                Thread.ofPlatform().daemon().name("multitask-bench-sampler").unstarted(this::sampleUntilStopped);
    }

    static ResourceSampler start() {
        ResourceSampler sampler = new ResourceSampler();
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    /**
     * Stops sampling and returns what was seen.
     *
     * @return {CPU seconds of this process and its children, peak bytes}
     */
    Usage stop() {
        sample();
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            long children =
                    childCpuNanos.values().stream().mapToLong(Long::longValue).sum();
            return new Usage((processCpuNanos() - cpuAtStart + children) / 1e9, peakBytes);
        }
    }

    /** What a run used: CPU seconds, every thread and child process together, and peak memory in bytes. */
    record Usage(double cpuSeconds, long peakBytes) {}

    private void sampleUntilStopped() {
        while (!stopping) {
            LockSupport.parkNanos(Duration.ofMillis(INTERVAL_MILLIS).toNanos());
            sample();
        }
    }

    private void sample() {
        long bytes = MEMORY.getHeapMemoryUsage().getUsed();
        Map<Long, Long> cpu = new HashMap<>();
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            bytes += residentBytes(child.pid());
            child.info().totalCpuDuration().ifPresent(d -> cpu.put(child.pid(), d.toNanos()));
        }
        synchronized (this) {
            peakBytes = Math.max(peakBytes, bytes);
            cpu.forEach((pid, nanos) -> childCpuNanos.merge(pid, nanos, Math::max));
        }
    }

    /** The resident set of a process from {@code /proc}, or 0 where there is none. */
    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading, or this is not Linux
        }
        return 0;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
