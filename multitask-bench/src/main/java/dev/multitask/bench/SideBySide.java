package dev.multitask.bench;

import dev.multitask.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The multitask side of {@code bench/python-vs-multitask}: the same three workloads as {@code bench/python_side.py},
 * run on {@link Pool}s, then a table against the Python figures that script printed. A last column runs the same on
 * the plain JDK executor each pool is built on, for reference: what the JVM gives on this machine at this moment.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.multitask.bench.SideBySide [PYTHON_RESULTS_FILE]}. Without the file,
 * only the multitask column is printed. Exit code 0 whether or not the goals are met: this measures, it does not
 * judge; the table says which goals were met.
 */
public final class SideBySide {

    static final int BATCH = 1000;
    static final double NOOP_SECONDS = 2.0;
    static final int NOOP_ROUNDS = 4;
    /**
     * Warm-up before the no-op rounds, in turns: on the 2-core machine of BENCHMARKS.md both pools ran slower from
     * their 3rd to about their 10th second of no-op tasks (compilations still settling) and up to 3 times as fast
     * after it, so a short warm-up measured that transient.
     */
    static final double NOOP_WARMUP_SECONDS = 12.0;

    static final int SLEEPERS = 10_000;
    static final long SLEEP_MILLIS = 500;
    static final int CPU_TASKS = 8;
    static final double CPU_TASK_SECONDS = 0.2;
    static final int ROUNDS = 3;
    static final int SLEEPER_WARMUPS = 3;
    static final int WORKERS = 2;

    private static final Callable<Integer> NO_OP = () -> 1;

    private SideBySide() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> python = args.length > 0 ? readPython(Path.of(args[0])) : Map.of();

        double[] noops = noopTasksPerSecond(Pool.threads(WORKERS), Executors.newFixedThreadPool(WORKERS));
        double noop = noops[0];
        double jdkNoop = noops[1];
        // Unmeasured runs first, in turns: the first start of 10,000 virtual threads in a JVM is several times slower,
        // and the JDK's virtual-thread and timer code they share is still being compiled during the next two or three
        // runs (ending 10,000 sleeps took 0.10-0.15 s longer then, for whichever executor ran first). Then measured
        // runs in turns, the first of each turn alternating.
        for (int i = 0; i < SLEEPER_WARMUPS; i++) {
            sleepersSeconds(Pool::virtual);
            sleepersSeconds(Executors::newVirtualThreadPerTaskExecutor);
        }
        double[] poolRuns = new double[ROUNDS];
        double[] jdkRuns = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            if (i % 2 == 0) {
                poolRuns[i] = sleepersSeconds(Pool::virtual);
                jdkRuns[i] = sleepersSeconds(Executors::newVirtualThreadPerTaskExecutor);
            } else {
                jdkRuns[i] = sleepersSeconds(Executors::newVirtualThreadPerTaskExecutor);
                poolRuns[i] = sleepersSeconds(Pool::virtual);
            }
        }
        double sleepers = median(poolRuns);
        double jdkSleepers = median(jdkRuns);
        long steps = calibrateSteps();
        double[][] cpu = new double[ROUNDS][];
        double[] jdkCpu = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            cpu[i] = cpuSpeedup(steps);
            jdkCpu[i] = cpu[i][0] / cpuSeconds(steps, Executors.newFixedThreadPool(WORKERS));
        }
        double sequential = median(Arrays.stream(cpu).mapToDouble(r -> r[0]).toArray());
        double threaded = median(Arrays.stream(cpu).mapToDouble(r -> r[1]).toArray());
        double speedup = median(Arrays.stream(cpu).mapToDouble(r -> r[0] / r[1]).toArray());

        System.out.printf(
                Locale.ROOT,
                "multitask on Java %s, %d cores; Python %s%n%n",
                Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(),
                python.getOrDefault("python", "not run"));
        List<String[]> rows = new ArrayList<>();
        rows.add(
                new String[] {"workload", "Python", "multitask", "multitask vs Python", "goal", "met", "JDK executor"});
        double pyNoop = number(python, "noop_tasks_per_s");
        rows.add(new String[] {
            "no-op tasks/s, 2 threads, batches of " + BATCH,
            perSecond(pyNoop) + " ThreadPoolExecutor(2)",
            perSecond(noop) + " Pool.threads(2)",
            ratio(noop / pyNoop),
            ">= 20x",
            met(noop / pyNoop >= 20),
            perSecond(jdkNoop) + " newFixedThreadPool(2)"
        });
        double pySleepers = number(python, "sleepers_s");
        rows.add(new String[] {
            String.format(Locale.ROOT, "%,d tasks each waiting %.1f s", SLEEPERS, SLEEP_MILLIS / 1000.0),
            seconds(pySleepers) + " asyncio.gather",
            seconds(sleepers) + " Pool.virtual()",
            ratio(pySleepers / sleepers) + " as fast",
            "<= 0.600 s",
            met(sleepers <= 0.6),
            seconds(jdkSleepers) + " newVirtualThreadPerTaskExecutor()"
        });
        double pySpeedup = number(python, "cpu_speedup");
        rows.add(new String[] {
            CPU_TASKS + " CPU tasks, 2 threads vs sequential",
            ratio(pySpeedup) + " ThreadPoolExecutor(2)",
            ratio(speedup) + " Pool.threads(2)",
            ratio(speedup / pySpeedup),
            ">= 1.90x",
            met(speedup >= 1.9),
            ratio(median(jdkCpu)) + " newFixedThreadPool(2)"
        });
        print(rows);
        System.out.printf(
                Locale.ROOT,
                "%nCPU tasks: multitask %.3f s each, %.3f s sequential, %.3f s on 2 threads; "
                        + "Python %s s each, %s s sequential, %s s on 2 threads.%n",
                sequential / CPU_TASKS,
                sequential,
                threaded,
                python.getOrDefault("cpu_task_s", "-"),
                python.getOrDefault("cpu_sequential_s", "-"),
                python.getOrDefault("cpu_threads_s", "-"));
        System.out.printf(
                Locale.ROOT,
                "Waiting and CPU figures are medians of %d runs (waiting: after %d unmeasured runs each, Pool and JDK taking turns); no-op figures are"
                        + " medians of %d rounds of %.1f s after a %.0f s warm-up, Pool and JDK taking turns.%n",
                ROUNDS,
                SLEEPER_WARMUPS,
                NOOP_ROUNDS,
                NOOP_SECONDS / NOOP_ROUNDS,
                NOOP_WARMUP_SECONDS);
    }

    /**
     * Batches of submit-1000-then-get-each on each executor, which this closes: after a warm-up of {@link
     * #NOOP_WARMUP_SECONDS} in turns, {@link #NOOP_ROUNDS}
     * short rounds taking turns between them (throughput on a busy machine swings from one second to the next, and a
     * JVM's first executor warms code the second one also runs), and the median round of each.
     */
    static double[] noopTasksPerSecond(ExecutorService... executors) throws ExecutionException, InterruptedException {
        double[][] rounds = new double[executors.length][NOOP_ROUNDS];
        try {
            double turn = NOOP_SECONDS / NOOP_ROUNDS;
            for (int warmup = 0; warmup * turn * executors.length < NOOP_WARMUP_SECONDS; warmup++) {
                for (ExecutorService executor : executors) {
                    runNoops(executor, turn);
                }
            }
            for (int round = 0; round < NOOP_ROUNDS; round++) {
                for (int i = 0; i < executors.length; i++) {
                    rounds[i][round] = runNoops(executors[i], NOOP_SECONDS / NOOP_ROUNDS);
                }
            }
        } finally {
            for (ExecutorService executor : executors) {
                executor.close();
            }
        }
        return Arrays.stream(rounds).mapToDouble(SideBySide::median).toArray();
    }

    private static double runNoops(ExecutorService pool, double seconds)
            throws ExecutionException, InterruptedException {
        Future<?>[] batch = new Future<?>[BATCH];
        long tasks = 0;
        long start = System.nanoTime();
        long elapsed;
        while ((elapsed = System.nanoTime() - start) < seconds * 1e9) {
            for (int i = 0; i < BATCH; i++) {
                batch[i] = pool.submit(NO_OP);
            }
            for (int i = 0; i < BATCH; i++) {
                batch[i].get();
            }
            tasks += BATCH;
        }
        return tasks / (elapsed / 1e9);
    }

    /** From creating the executor to closing it, with every task done. */
    static double sleepersSeconds(Supplier<ExecutorService> executors) {
        long start = System.nanoTime();
        try (ExecutorService pool = executors.get()) {
            List<Future<?>> futures = new ArrayList<>(SLEEPERS);
            for (int i = 0; i < SLEEPERS; i++) {
                futures.add(pool.submit(() -> {
                    Thread.sleep(SLEEP_MILLIS);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** CPU-bound: xorshift64 for {@code steps} steps; the same function as {@code spin} in python_side.py. */
    static long spin(long steps) {
        long x = 88172645463325252L;
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /**
     * How many steps of {@link #spin} take about {@link #CPU_TASK_SECONDS} on one thread, once compiled: measured
     * until two estimates in a row agree within 20%, since the first may include time before the JIT compiled it.
     */
    static long calibrateSteps() {
        long previous = calibrateStepsFrom(100_000);
        for (int i = 0; i < 5; i++) {
            long steps = calibrateStepsFrom(Math.max(100_000, previous / 4));
            if (Math.abs(steps - previous) <= 0.2 * previous) {
                return steps;
            }
            previous = steps;
        }
        return previous;
    }

    private static long calibrateStepsFrom(long firstSteps) {
        long steps = firstSteps;
        long sink = 0;
        while (true) {
            long start = System.nanoTime();
            sink += spin(steps);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= CPU_TASK_SECONDS / 2 && sink != 42) {
                return (long) (steps * CPU_TASK_SECONDS / elapsed);
            }
            steps *= 2;
        }
    }

    /** Seconds for {@link #CPU_TASKS} spins on {@code Pool.sequential()}, then on {@code Pool.threads(2)}. */
    static double[] cpuSpeedup(long steps) {
        List<Long> inputs = java.util.Collections.nCopies(CPU_TASKS, steps);
        double[] seconds = new double[2];
        Pool[] pools = {Pool.sequential(), Pool.threads(WORKERS)};
        for (int i = 0; i < pools.length; i++) {
            long start = System.nanoTime();
            try (Pool pool = pools[i]) {
                long sink = pool.map(SideBySide::spin, inputs)
                        .mapToLong(Long::longValue)
                        .sum();
                if (sink == 42) {
                    System.out.print(""); // keeps the results alive
                }
            }
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    /** Seconds for {@link #CPU_TASKS} spins submitted to {@code executor}, which this closes. */
    static double cpuSeconds(long steps, ExecutorService executor) {
        long start = System.nanoTime();
        try (executor) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < CPU_TASKS; i++) {
                futures.add(executor.submit(() -> spin(steps)));
            }
            long sink = 0;
            for (Future<Long> future : futures) {
                sink += future.get();
            }
            if (sink == 42) {
                System.out.print(""); // keeps the results alive
            }
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, String> readPython(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                values.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return values;
    }

    private static double number(Map<String, String> python, String key) {
        String value = python.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    private static String perSecond(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f/s", value);
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f s", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }

    private static String met(boolean met) {
        return met ? "yes" : "NO";
    }

    private static void print(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", rows.get(r)[i]));
                line.append(i < widths.length - 1 ? " | " : "");
            }
            System.out.println(line.toString().stripTrailing());
            if (r == 0) {
                System.out.println("-".repeat(line.toString().stripTrailing().length()));
            }
        }
    }
}
