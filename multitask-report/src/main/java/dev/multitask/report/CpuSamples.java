package dev.multitask.report;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link CpuSampler} saw: one {@link CpuSample} per interval, in time order.
 *
 * @param source where the figures came from: {@code /proc/stat} (one series per core) or {@code
 *     OperatingSystemMXBean} (one series for the whole machine)
 * @param series the names of the CPUs sampled, e.g. {@code cpu0}, {@code cpu1}; or {@code all}
 * @param interval the time between samples
 * @param samples the samples, oldest first
 */
public record CpuSamples(String source, List<String> series, Duration interval, List<CpuSample> samples) {

    public CpuSamples {
        series = List.copyOf(series);
        samples = List.copyOf(samples);
    }

    /** No samples, for runs that were not sampled. */
    public static CpuSamples none() {
        return new CpuSamples("none", List.of(), Duration.ZERO, List.of());
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }
}
