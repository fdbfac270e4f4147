package dev.multitask.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import dev.multitask.MapOptions;
import dev.multitask.Pool;
import dev.multitask.cluster.ClusterOptions;
import dev.multitask.cluster.ClusterPools;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Cluster throughput on this machine, side by side in one JVM: Hazelcast's executor used directly, {@code
 * Pool.cluster} with single submits and with chunked {@code map}, and the CPU-bound speed-up with 1, 2 and 3 members.
 * All members share this machine's cores, so more members add no cores: the speed-up column shows overhead, not
 * scaling. Run: {@code java -cp multitask-bench/target/benchmarks.jar dev.multitask.bench.ClusterThroughput}.
 */
public final class ClusterThroughput {

    private static final int TASKS = 10_000;

    private ClusterThroughput() {}

    public static void main(String[] args) throws Exception {
        ClusterOptions options = ClusterOptions.defaults().withClusterName(ClusterOptions.randomName());
        long start = System.nanoTime();
        HazelcastInstance first = ClusterPools.startMember(options);
        System.out.printf(Locale.ROOT, "embedded member started in %.2f s%n", (System.nanoTime() - start) / 1e9);
        String address = first.getCluster().getLocalMember().getAddress().getHost() + ":"
                + first.getCluster().getLocalMember().getAddress().getPort();
        ClusterOptions client = options.withMembers(List.of(address));
        List<HazelcastInstance> members = new ArrayList<>(List.of(first));
        try {
            System.out.println("| what | tasks | seconds | tasks/s | ratio to Hazelcast direct |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            // Both sides are clients of the same member, so both pay the same network hop per task.
            HazelcastInstance directClient = HazelcastClient.newHazelcastClient(ClusterSubmits.clientConfig(client));
            double direct;
            try {
                direct = bestOf(3, () -> ClusterSubmits.direct(directClient.getExecutorService("multitask"), TASKS));
            } finally {
                directClient.shutdown();
            }
            row("Hazelcast client, IExecutorService.submit one by one", direct, direct);
            try (Pool pool = ClusterPools.create(client, false)) {
                double single = bestOf(3, () -> ClusterSubmits.pool(pool, TASKS));
                row("Pool.cluster submit, one by one", single, direct);
                double chunked = bestOf(3, () -> poolMap(pool, 1000));
                row("Pool.cluster map, chunk size 1000", chunked, direct);
            }
            System.out.println();
            System.out.println("| members | 8 CPU-bound tasks, seconds | speed-up over 1 member |");
            System.out.println("| ---: | ---: | ---: |");
            double one = 0;
            for (int count = 1; count <= 3; count++) {
                while (members.size() < count) {
                    members.add(ClusterPools.startMember(options.withMembers(List.of(address))));
                }
                try (Pool pool = ClusterPools.create(client, false)) {
                    double seconds = bestOf(2, () -> cpuBound(pool));
                    one = count == 1 ? seconds : one;
                    System.out.printf(Locale.ROOT, "| %d | %.2f | %.2fx |%n", count, seconds, one / seconds);
                }
            }
        } finally {
            members.forEach(member -> member.getLifecycleService().terminate());
        }
    }

    private static double poolMap(Pool pool, int chunk) {
        long start = System.nanoTime();
        long count = pool.map(
                        (Function<Integer, Integer> & Serializable) n -> n,
                        IntStream.range(0, TASKS).boxed().toList(),
                        MapOptions.defaults().withChunkSize(chunk))
                .count();
        if (count != TASKS) {
            throw new IllegalStateException("lost results: " + count);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double cpuBound(Pool pool) {
        long start = System.nanoTime();
        double sum = pool.map(
                        (Function<Integer, Double> & Serializable) ClusterThroughput::burn,
                        IntStream.range(0, 8).boxed().toList())
                .mapToDouble(Double::doubleValue)
                .sum();
        if (Double.isNaN(sum)) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double burn(int seed) {
        double x = seed;
        for (int i = 0; i < 10_000_000; i++) {
            x += Math.sqrt(i + x % 7);
        }
        return x;
    }

    private static void row(String what, double seconds, double direct) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.3f | %,.0f | %.2fx |%n",
                what,
                TASKS,
                seconds,
                TASKS / seconds,
                direct / seconds);
    }

    private interface Run {
        double seconds() throws Exception;
    }

    private static double bestOf(int times, Run run) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < times; i++) {
            best = Math.min(best, run.seconds());
        }
        return best;
    }
}
