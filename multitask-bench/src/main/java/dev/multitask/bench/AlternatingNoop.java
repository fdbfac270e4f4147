package dev.multitask.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.multitask.Pool;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code Pool.threads(2)} and {@code Executors.newFixedThreadPool(2)} in one JVM, taking turns in short rounds of
 * no-op batches (submit 1,000, get each), printing each round's throughput and the process CPU time per task. CPU per
 * task tells the two regimes apart that throughput on a 2-core machine swings between: workers that never park
 * (about 150 ns of CPU per task) and hand-offs that park and unpark a thread every time (over 1 µs).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.multitask.bench.AlternatingNoop [ROUNDS]}.
 */
public final class AlternatingNoop {

    private static final Callable<Integer> NO_OP = () -> 1;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private AlternatingNoop() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        try (ExecutorService raw = Executors.newFixedThreadPool(2);
                Pool pool = Pool.threads(2)) {
            round(raw, 2000);
            round(pool, 2000);
            for (int r = 0; r < rounds; r++) {
                System.out.println("raw  " + round(raw, 500) + "   pool " + round(pool, 500));
                System.out.println("pool " + round(pool, 500) + "   raw  " + round(raw, 500));
            }
        }
    }

    private static String round(ExecutorService executor, long millis) throws ExecutionException, InterruptedException {
        Future<?>[] batch = new Future<?>[1000];
        long tasks = 0;
        long cpuBefore = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long elapsed;
        while ((elapsed = System.nanoTime() - start) < millis * 1_000_000L) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = executor.submit(NO_OP);
            }
            for (Future<?> future : batch) {
                future.get();
            }
            tasks += batch.length;
        }
        return String.format(
                Locale.ROOT,
                "%,10.0f tasks/s %6.0f ns CPU/task",
                tasks / (elapsed / 1e9),
                (OS.getProcessCpuTime() - cpuBefore) / (double) tasks);
    }
}
