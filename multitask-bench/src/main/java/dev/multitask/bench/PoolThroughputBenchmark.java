package dev.multitask.bench;

import dev.multitask.MapOptions;
import dev.multitask.Pool;
import dev.multitask.Strategy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-task cost of a {@link Pool} against the raw JDK executor it is built on, in tasks per second.
 *
 * <p>Each invocation pushes a batch of {@value #BATCH} no-op tasks through the executor: submit them all, then wait
 * for each in order. Batching keeps the workers busy while the benchmark thread submits, so the figure is the pool's
 * throughput rather than one task's round trip through an idle pool (park, unpark, wake-up latency).
 *
 * <ul>
 *   <li>{@code kind}: {@code threads} is {@code Pool.threads(2)} against {@code Executors.newFixedThreadPool(2)};
 *       {@code virtual} is {@code Pool.virtual()} against {@code Executors.newVirtualThreadPerTaskExecutor()}.
 *   <li>{@code impl}: {@code raw} is the JDK executor, {@code pool} the Pool with tracing off (the default), {@code
 *       traced} the Pool built with {@code tracing(true)}.
 * </ul>
 *
 * <p>{@code submitGet} measures submit and get; {@code map} measures {@code Pool.map} over {@value #MAP_INPUTS}
 * inputs against the loop a user would write on the raw executor: submit every input, then get the results in input
 * order. {@code Pool.map} keeps a bounded window in flight instead ({@code mapInFlight} fixes it; 0 lets the pool
 * choose), which is what it must do and what the raw loop does not.
 *
 * <p>The traced pool keeps its default capacity of 100,000 records, so after the first 100,000 tasks of a fork it
 * only counts: the steady state measured here is that of a long-lived traced pool.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Long warm-up: on the 2-core machine of BENCHMARKS.md, every configuration ran slower from its 3rd to its ~10th
// second (compilations still settling) and then ran up to 3 times as fast, so a short warm-up measured the transient.
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PoolThroughputBenchmark {

    static final int BATCH = 1000;

    /**
     * Inputs per {@code map} call: more than the largest window {@code Pool.map} chooses (4,096), so that the window,
     * not the whole input, is what the pool has in flight.
     */
    static final int MAP_INPUTS = 10_000;

    private static final Callable<Integer> NO_OP = () -> 1;
    private static final Function<Integer, Integer> IDENTITY = x -> x;

    @Param({"threads", "virtual"})
    public String kind;

    @Param({"raw", "pool", "traced"})
    public String impl;

    /** The window of {@code Pool.map}: 0 keeps the pool's default; the raw loop always has the whole batch out. */
    @Param({"0"})
    public int mapInFlight;

    private ExecutorService executor;
    private MapOptions mapOptions;
    private Pool pool; // the same object as executor, or null for raw
    private final List<Integer> inputs = new ArrayList<>(MAP_INPUTS);
    private final Future<?>[] futures = new Future<?>[MAP_INPUTS];

    @Setup
    public void setUp() {
        Strategy strategy =
                switch (kind) {
                    case "threads" -> Strategy.threads(2);
                    case "virtual" -> Strategy.virtual();
                    default -> throw new IllegalArgumentException("kind " + kind);
                };
        switch (impl) {
            case "raw" ->
                executor = kind.equals("threads")
                        ? Executors.newFixedThreadPool(2)
                        : Executors.newVirtualThreadPerTaskExecutor();
            case "pool" -> executor = pool = Pool.of(strategy);
            case "traced" ->
                executor = pool = Pool.builder(strategy).tracing(true).build();
            default -> throw new IllegalArgumentException("impl " + impl);
        }
        mapOptions = MapOptions.defaults().withInFlight(mapInFlight);
        for (int i = 0; i < MAP_INPUTS; i++) {
            inputs.add(i);
        }
    }

    @TearDown
    public void tearDown() {
        executor.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void submitGet(Blackhole blackhole) throws ExecutionException, InterruptedException {
        Future<?>[] batch = futures;
        for (int i = 0; i < BATCH; i++) {
            batch[i] = executor.submit(NO_OP);
        }
        for (int i = 0; i < BATCH; i++) {
            blackhole.consume(batch[i].get());
            batch[i] = null;
        }
    }

    @Benchmark
    @OperationsPerInvocation(MAP_INPUTS)
    public void map(Blackhole blackhole) throws ExecutionException, InterruptedException {
        if (pool != null) {
            for (Iterator<Integer> results =
                            pool.map(IDENTITY, inputs, mapOptions).iterator();
                    results.hasNext(); ) {
                blackhole.consume(results.next());
            }
            return;
        }
        // What map replaces on a plain ExecutorService: submit every input, then take the results in input order.
        Future<?>[] batch = futures;
        for (int i = 0; i < MAP_INPUTS; i++) {
            Integer input = inputs.get(i);
            batch[i] = executor.submit(() -> IDENTITY.apply(input));
        }
        for (int i = 0; i < MAP_INPUTS; i++) {
            blackhole.consume(batch[i].get());
            batch[i] = null;
        }
    }
}
