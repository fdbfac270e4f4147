package dev.multitask.bench;

import dev.multitask.MapOptions;
import dev.multitask.Pool;
import dev.multitask.SerializableCallable;
import dev.multitask.SerializableFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The Java side of {@code bench/process-pool}: the same measurements as {@code bench/process_pool.py} makes of
 * Python's ProcessPoolExecutor, printed as {@code name value unit} lines for the script to compare.
 *
 * <pre>
 * java -cp multitask-bench/target/benchmarks.jar dev.multitask.bench.ProcessPoolBench [startup|fresh|noop|cpu|memory]...
 * </pre>
 */
public final class ProcessPoolBench {

    private ProcessPoolBench() {}

    public static void main(String[] args) throws Exception {
        List<String> parts = args.length == 0 ? List.of("startup", "fresh", "noop", "cpu", "memory") : List.of(args);
        for (String part : parts) {
            switch (part) {
                case "startup" -> startup();
                case "fresh" -> fresh();
                case "first-result" -> System.out.println(firstResultMillis());
                case "noop" -> noop();
                case "cpu" -> cpu();
                case "memory" -> memory();
                default -> throw new IllegalArgumentException("unknown part " + part);
            }
        }
    }

    /** From creating a pool of 2 to holding the first result; the best and median of several fresh pools. */
    private static void startup() throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            try (Pool pool = Pool.processes(2)) {
                pool.submit((SerializableCallable<Integer>) () -> 1).get();
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        print(
                "startup_first_result_best",
                times.stream().mapToDouble(d -> d).min().orElseThrow(),
                "ms");
        print("startup_first_result_median", times.stream().sorted().toList().get(times.size() / 2), "ms");
    }

    /**
     * As {@link #startup}, but each pool in a JVM of its own, started for it: the figure a command that makes one pool
     * sees, with this process's first use of the pool's classes, of serialization and of starting a process. Timed
     * from inside that JVM, from creating the pool, as in {@link #startup}; its own start is not counted. One untimed
     * run first, so that the workers' AOT cache exists, as it does from the second run of a build on.
     */
    private static void fresh() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java, "-cp", System.getProperty("java.class.path"), ProcessPoolBench.class.getName(), "first-result");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i <= 11; i++) {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("a fresh JVM's pool failed: " + out);
            }
            if (i > 0) {
                times.add(Double.parseDouble(out));
            }
        }
        print(
                "startup_fresh_first_result_best",
                times.stream().mapToDouble(d -> d).min().orElseThrow(),
                "ms");
        print("startup_fresh_first_result_median", median(times), "ms");
    }

    /** The time from creating a pool of 2 to holding its first result, in a JVM that has made no pool before. */
    private static double firstResultMillis() throws Exception {
        long start = System.nanoTime();
        try (Pool pool = Pool.processes(2)) {
            pool.submit((SerializableCallable<Integer>) () -> 1).get();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void noop() throws Exception {
        try (Pool pool = Pool.processes(2)) {
            SerializableFunction<Integer, Integer> identity = x -> x;
            rate(pool, identity, 5_000, 1); // warm-up
            print("noop_chunk1", rate(pool, identity, 20_000, 1), "tasks/s");
            submitRate(pool, 2_000); // warm-up
            print("noop_submit", submitRate(pool, 20_000), "tasks/s");
            rate(pool, identity, 200_000, 1000); // warm-up
            print("noop_chunk1000", rate(pool, identity, 2_000_000, 1000), "tasks/s");
        }
    }

    private static double rate(Pool pool, SerializableFunction<Integer, Integer> f, int n, int chunk) {
        List<Integer> inputs = IntStream.range(0, n).boxed().toList();
        long start = System.nanoTime();
        long count =
                pool.map(f, inputs, MapOptions.defaults().withChunkSize(chunk)).count();
        if (count != n) {
            throw new AssertionError(count + " results for " + n + " inputs");
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Submits {@code n} capturing lambdas one by one, then waits for all: chunk size 1 without {@code map}. */
    private static double submitRate(Pool pool, int n) throws Exception {
        long start = System.nanoTime();
        List<dev.multitask.TaskFuture<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int x = i;
            futures.add(pool.submit((SerializableCallable<Integer>) () -> x));
        }
        for (var future : futures) {
            future.get();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Eight tasks that each count primes below 3 million, in this thread and on 2 workers. */
    private static void cpu() throws Exception {
        int tasks = 8;
        int limit = 3_000_000;
        countPrimes(limit); // warm-up of this JVM
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            countPrimes(limit);
        }
        double sequential = (System.nanoTime() - start) / 1e9;
        try (Pool pool = Pool.processes(2)) {
            pool.submit((SerializableCallable<Integer>) () -> 1).get(); // workers up: start-up is measured apart
            start = System.nanoTime();
            List<Integer> inputs =
                    IntStream.range(0, tasks).map(i -> limit).boxed().toList();
            pool.map((SerializableFunction<Integer, Integer>) ProcessPoolBench::countPrimes, inputs)
                    .count();
            double parallel = (System.nanoTime() - start) / 1e9;
            print("cpu8_sequential", sequential, "s");
            print("cpu8_processes2", parallel, "s");
            print("cpu8_speedup", sequential / parallel, "x");
        }
    }

    static int countPrimes(int below) {
        int count = 0;
        for (int n = 2; n < below; n++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    /**
     * Resident memory of each idle worker after a few tasks, from /proc: VmRSS (what {@code ps -o rss} shows) and Pss
     * (pages shared with the other workers counted in part). Worker JVM options from {@code -Dworker.options="..."}.
     * A first pool runs before the measured one, so that the workers' archive exists, as it does after first use.
     */
    private static void memory() throws Exception {
        String given = System.getProperty("worker.options", "").strip();
        List<String> options = given.isEmpty() ? List.of() : List.of(given.split("\\s+"));
        for (int round = 0; round < 2; round++) {
            try (Pool pool = Pool.builder(dev.multitask.Strategy.processes(2))
                    .processOptions(dev.multitask.ProcessOptions.defaults().withJvmOptions(options))
                    .build()) {
                for (int i = 0; i < 4; i++) {
                    pool.submit((SerializableCallable<Integer>) () -> 1).get();
                }
                Thread.sleep(1000); // let the workers settle after their start
                if (round == 0) {
                    continue;
                }
                List<Long> pids = ProcessHandle.current()
                        .children()
                        .map(ProcessHandle::pid)
                        .toList();
                long rss = 0;
                long pss = 0;
                for (long pid : pids) {
                    rss += kib(Path.of("/proc/" + pid + "/status"), "VmRSS:");
                    pss += kib(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
                }
                print("idle_worker_rss", rss / 1024.0 / Math.max(1, pids.size()), "MiB");
                print("idle_worker_pss", pss / 1024.0 / Math.max(1, pids.size()), "MiB");
            }
        }
    }

    static long kib(Path file, String field) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s %.3f %s", name, value, unit));
    }
}
