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
 * java -cp multitask-bench/target/benchmarks.jar dev.multitask.bench.ProcessPoolBench [startup|noop|cpu|memory]...
 * </pre>
 */
public final class ProcessPoolBench {

    private ProcessPoolBench() {}

    public static void main(String[] args) throws Exception {
        List<String> parts = args.length == 0 ? List.of("startup", "noop", "cpu", "memory") : List.of(args);
        for (String part : parts) {
            switch (part) {
                case "startup" -> startup();
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

    private static void noop() throws Exception {
        try (Pool pool = Pool.processes(2)) {
            SerializableFunction<Integer, Integer> identity = x -> x;
            rate(pool, identity, 5_000, 1); // warm-up
            print("noop_chunk1", rate(pool, identity, 20_000, 1), "tasks/s");
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

    /** Resident memory of each idle worker after one task, from /proc. */
    private static void memory() throws Exception {
        try (Pool pool = Pool.processes(2)) {
            pool.submit((SerializableCallable<Integer>) () -> 1).get();
            pool.submit((SerializableCallable<Integer>) () -> 1).get();
            Thread.sleep(500); // let the workers settle after their start
            List<Long> pids =
                    ProcessHandle.current().children().map(ProcessHandle::pid).toList();
            long total = 0;
            for (long pid : pids) {
                total += rssKib(pid);
            }
            print("idle_worker_rss", total / 1024.0 / Math.max(1, pids.size()), "MiB");
        }
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s %.3f %s", name, value, unit));
    }
}
