package dev.multitask.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.multitask.Pool;
import dev.multitask.cluster.ClusterOptions;
import dev.multitask.cluster.ClusterPools;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Single submits only, {@code Pool.cluster} against Hazelcast's client used directly, alternating round by round so
 * that both see the same load on a shared machine, with the process's CPU time per task, which load disturbs far less
 * than wall time: the figure of issue 8's goal "single submits at least 0.9x
 * Hazelcast used directly". Uses only public API, so that the same class measures an older multitask jar too: {@code
 * java -cp classes-of-this:OLD.jar dev.multitask.bench.ClusterSubmits [rounds] [tasks]}.
 */
public final class ClusterSubmits {

    private ClusterSubmits() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        ClusterOptions options = ClusterOptions.defaults().withClusterName(ClusterOptions.randomName());
        HazelcastInstance member = ClusterPools.startMember(options);
        var address = member.getCluster().getLocalMember().getAddress();
        ClusterOptions client = options.withMembers(List.of(address.getHost() + ":" + address.getPort()));
        HazelcastInstance direct = HazelcastClient.newHazelcastClient(clientConfig(client));
        double[] directRates = new double[rounds];
        double[] poolRates = new double[rounds];
        double[] directCpu = new double[rounds];
        double[] poolCpu = new double[rounds];
        try (Pool pool = ClusterPools.create(client, false)) {
            IExecutorService executor = direct.getExecutorService("multitask");
            direct(executor, tasks); // warm-up of both sides
            pool(pool, tasks);
            for (int round = 0; round < rounds; round++) {
                long cpu = cpuNanos();
                directRates[round] = tasks / direct(executor, tasks);
                directCpu[round] = (cpuNanos() - cpu) / 1e3 / tasks;
                cpu = cpuNanos();
                poolRates[round] = tasks / pool(pool, tasks);
                poolCpu[round] = (cpuNanos() - cpu) / 1e3 / tasks;
                System.out.printf(
                        Locale.ROOT,
                        "round %d: Hazelcast direct %,.0f/s (%.0f us CPU/task), Pool.cluster %,.0f/s (%.0f us CPU/task),"
                                + " ratio %.2fx%n",
                        round + 1,
                        directRates[round],
                        directCpu[round],
                        poolRates[round],
                        poolCpu[round],
                        poolRates[round] / directRates[round]);
            }
        } finally {
            direct.shutdown();
            member.getLifecycleService().terminate();
        }
        double bestDirect = Arrays.stream(directRates).max().orElseThrow();
        double bestPool = Arrays.stream(poolRates).max().orElseThrow();
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = poolRates[i] / directRates[i];
        }
        Arrays.sort(ratios);
        System.out.printf(
                Locale.ROOT,
                "best of %d: Hazelcast direct %,.0f/s, Pool.cluster %,.0f/s, ratio of bests %.2fx, median ratio %.2fx%n",
                rounds,
                bestDirect,
                bestPool,
                bestPool / bestDirect,
                ratios[rounds / 2]);
        System.out.printf(
                Locale.ROOT,
                "median CPU per task (caller, client and member, all in this process): Hazelcast direct %.0f us,"
                        + " Pool.cluster %.0f us, ratio %.2fx%n",
                median(directCpu),
                median(poolCpu),
                median(poolCpu) / median(directCpu));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** CPU time of this whole process, which holds the member and both clients: what a task costs the machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static ClientConfig clientConfig(ClusterOptions options) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(options.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setAddresses(options.members());
        return config;
    }

    static double direct(IExecutorService executor, int tasks) throws Exception {
        long start = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int n = i;
            futures.add(executor.submit((Callable<Integer> & Serializable) () -> n));
        }
        for (Future<Integer> future : futures) {
            future.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double pool(Pool pool, int tasks) throws Exception {
        long start = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int n = i;
            futures.add(pool.submit((Callable<Integer> & Serializable) () -> n));
        }
        for (Future<Integer> future : futures) {
            future.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
