package dev.multitask.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The carrier threads' CPU time, read from Linux's schedstat files: what an auto pool judges tasks by. */
class ProcessCpuTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @BeforeEach
    void everyCarrierIsStartedAndSeen() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: the process CPU time stands in");
        // Only carriers already seen count from the next read on: start as many as there are processors, then look.
        onVirtualThreads(PROCESSORS, () -> AutoPoolTest.spin(5));
        ProcessCpu.carriers();
        ProcessCpu.carriers();
    }

    @Test
    void countsTheCpuTimeOfVirtualThreadsThatCompute() throws InterruptedException {
        long before = ProcessCpu.carriers().cpuNanos();
        // A fixed amount of work, so that a busy machine stretches its wall time, not its CPU time: 200 ms of one
        // processor with the loop interpreted or compiled by C1, 30 to 50 ms once C2 has compiled it.
        onVirtualThreads(1, () -> AutoPoolTest.spin(200));
        long used = ProcessCpu.carriers().cpuNanos() - before;

        assertThat(used).isBetween(15_000_000L, 5_000_000_000L);
    }

    @Test
    void countsAlmostNothingForVirtualThreadsThatSleep() throws InterruptedException {
        long before = ProcessCpu.carriers().cpuNanos();
        onVirtualThreads(8 * PROCESSORS, () -> AutoPoolTest.sleep(100));
        long used = ProcessCpu.carriers().cpuNanos() - before;

        // 100 ms asleep on each of them; starting, parking and waking them costs well under a millisecond each.
        assertThat(used).isLessThan(30_000_000L);
    }

    private static void onVirtualThreads(int count, Runnable work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofVirtual().start(work));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
