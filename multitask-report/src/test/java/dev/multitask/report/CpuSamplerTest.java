package dev.multitask.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

    @Test
    void samplesEveryCoreWhileRunningAndStopsWithALastSample() throws Exception {
        Instant before = Instant.now();
        CpuSampler sampler = CpuSampler.start(Duration.ofMillis(20));
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread busy = Thread.ofPlatform().start(() -> {
            long sink = 0;
            while (spin.get()) {
                sink += System.nanoTime() % 7;
            }
            if (sink == 42) {
                System.out.print("");
            }
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> sampler.snapshotSize() >= 5);
        } finally {
            spin.set(false);
            busy.join();
        }
        CpuSamples samples = sampler.stop();

        assertThat(samples.series()).isNotEmpty();
        if (samples.source().equals("/proc/stat")) {
            assertThat(samples.series()).hasSize(Runtime.getRuntime().availableProcessors());
        }
        assertThat(samples.samples()).hasSizeGreaterThanOrEqualTo(6).allSatisfy(s -> {
            assertThat(s.usage()).hasSize(samples.series().size());
            assertThat(java.util.Arrays.stream(s.usage()).allMatch(u -> u >= 0 && u <= 1))
                    .isTrue();
            assertThat(s.time()).isAfterOrEqualTo(before);
        });
        assertThat(samples.samples())
                .as("a spinning thread keeps at least one core busy in some sample")
                .anySatisfy(
                        s -> assertThat(java.util.Arrays.stream(s.usage()).max().orElse(0))
                                .isGreaterThan(0.3));
        assertThat(sampler.stop().samples()).isEqualTo(samples.samples());
    }

    @Test
    void refusesIntervalsTooShortToMeasure() {
        assertThatThrownBy(() -> CpuSampler.start(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10 ms");
    }
}
