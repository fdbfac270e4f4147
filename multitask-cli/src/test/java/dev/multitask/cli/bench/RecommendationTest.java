package dev.multitask.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recommendation from recorded measurements: the same rows always give the same advice. */
class RecommendationTest {

    /** A row as bench records it, before its speed-up is known. */
    private static Measurement row(
            String strategy, int workers, double wall, double busy, double cpu, double threadCpu, int failures) {
        return new Measurement(
                "w",
                strategy,
                workers,
                1000,
                1000,
                wall,
                0,
                0,
                busy,
                cpu,
                threadCpu,
                0,
                cpu / wall,
                10,
                failures,
                false,
                false,
                1,
                null,
                null);
    }

    /** The rows with speed-ups against the first, the sequential one, as bench computes them. */
    private static List<Measurement> rows(Measurement... rows) {
        double sequential = rows[0].wallSeconds();
        return Arrays.stream(rows).map(r -> r.against(sequential)).toList();
    }

    // Recorded on a 2-processor machine: 1,000 tasks that sleep 50 ms.
    private static final List<Measurement> IO = rows(
            row("sequential", 1, 51.8, 51.7, 0.42, 0.35, 0),
            row("threads:2", 2, 25.9, 51.7, 0.54, 0, 0),
            row("threads:128", 128, 0.69, 49.9, 0.46, 0, 0),
            row("virtual", 1000, 0.24, 50.6, 0.22, 0, 0),
            row("processes:2", 2, 30.1, 51.0, 4.1, 0, 0),
            row("auto", 269, 0.67, 50.3, 0.33, 0, 0));

    // Recorded on a 2-processor machine: 100 tasks that compute for 20 ms.
    private static final List<Measurement> CPU = rows(
            row("sequential", 1, 2.05, 2.04, 2.06, 2.01, 0),
            row("threads:2", 2, 1.04, 2.07, 2.08, 0, 0),
            row("threads:8", 8, 1.06, 8.3, 2.1, 0, 0),
            row("virtual", 2, 1.05, 2.08, 2.09, 0, 0),
            row("processes:2", 2, 1.9, 2.1, 5.0, 0, 0),
            row("auto", 2, 1.07, 2.09, 2.1, 0, 0));

    @Test
    void recommendsVirtualThreadsForTasksThatWaitAndSaysHowManyRanAtOnce() {
        Recommendation advice = Recommendation.of(IO, 2);

        assertThat(advice.strategy()).isEqualTo("virtual");
        assertThat(advice.line())
                .startsWith("tasks spend 99% of their time waiting: use virtual threads (virtual); 1,000 in flight was"
                        + " best (0.24 s, 215.8x sequential)")
                .endsWith("; auto took 179% longer");
    }

    @Test
    void recommendsOneThreadPerProcessorForTasksThatComputeAndCreditsAutoWhenClose() {
        Recommendation advice = Recommendation.of(CPU, 2);

        // threads:2, virtual and auto are within 3% of each other; the fewest workers, then the fastest, wins.
        assertThat(advice.strategy()).isEqualTo("threads:2");
        assertThat(advice.line())
                .startsWith("tasks spend 99% of their time computing: use threads:2, one thread per processor")
                .contains("auto came within 3% of it with no settings");
    }

    @Test
    void prefersPlatformThreadsForTasksThatComputeWhenVirtualThreadsTieWithThem() {
        // Measured at 12:31 (bench/auto-vs-best): virtual 0.97 s, threads:2 within 3%; both ran 2 tasks at once.
        List<Measurement> cpu = rows(
                row("sequential", 1, 1.85, 1.84, 1.86, 1.80, 0),
                row("threads:2", 2, 0.99, 1.9, 1.9, 0, 0),
                row("virtual", 2, 0.97, 1.9, 1.9, 0, 0),
                row("auto", 2, 0.99, 1.9, 1.9, 0, 0));

        Recommendation advice = Recommendation.of(cpu, 2);

        assertThat(advice.strategy()).isEqualTo("threads:2");
        assertThat(advice.line()).startsWith("tasks spend 98% of their time computing: use threads:2, one thread per");
    }

    @Test
    void recommendsVirtualThreadsForTasksThatComputeWhenTheyAreClearlyFaster() {
        List<Measurement> cpu = rows(
                row("sequential", 1, 1.85, 1.84, 1.86, 1.80, 0),
                row("threads:2", 2, 1.20, 1.9, 1.9, 0, 0),
                row("virtual", 2, 0.97, 1.9, 1.9, 0, 0));

        assertThat(Recommendation.of(cpu, 2).strategy()).isEqualTo("virtual");
    }

    @Test
    void countsTimeWaitingForAProcessorHeldByOthersAsComputingNotWaiting() {
        // On a busy machine the sequential run's thread computed 0.9 s of its 2.0 s and waited 1.0 s for a processor.
        Measurement starved = new Measurement(
                "cpu",
                "sequential",
                1,
                100,
                100,
                2.0,
                1,
                1,
                2.0,
                0.95,
                0.9,
                1.0,
                0.5,
                5,
                0,
                false,
                false,
                1,
                null,
                null);
        Recommendation advice = Recommendation.of(List.of(starved, CPU.get(1)), 2);

        assertThat(advice.line())
                .startsWith("tasks spend 90% of their time computing")
                .endsWith("Beware: the sequential run's tasks waited 50% of their time for a processor held by other"
                        + " programs; on a busy machine more threads win a bigger share of it, so measure again when it"
                        + " is quiet");
    }

    @Test
    void passesOverRunsWithFailures() {
        List<Measurement> runs = rows(
                row("sequential", 1, 51.8, 51.7, 0.4, 0.35, 0),
                row("virtual", 1000, 0.2, 50.0, 0.2, 0, 12),
                row("threads:128", 128, 0.7, 50.0, 0.4, 0, 0));

        assertThat(Recommendation.of(runs, 2).strategy()).isEqualTo("threads:128");
    }

    @Test
    void saysSoWhenEveryRunFailed() {
        List<Measurement> runs = rows(row("sequential", 1, 1, 1, 0.1, 0.1, 3), row("virtual", 5, 1, 1, 0.1, 0, 3));

        Recommendation advice = Recommendation.of(runs, 2);

        assertThat(advice.strategy()).isNull();
        assertThat(advice.line()).startsWith("every run had failing tasks");
    }
}
