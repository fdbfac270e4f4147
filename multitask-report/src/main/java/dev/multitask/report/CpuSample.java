package dev.multitask.report;

import java.time.Instant;

/**
 * CPU use over one sampling interval.
 *
 * @param time when the interval ended
 * @param usage for each of the samples' {@linkplain CpuSamples#series() series}, the share of that CPU's time spent
 *     not idle during the interval, from 0 to 1
 */
public record CpuSample(Instant time, double[] usage) {}
