package dev.multitask.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.Pools;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Cluster pools and members. {@code Pool.cluster(...)} and strategy text {@code cluster[:HOST:PORT,...]} reach
 * {@link #create(PoolConfig, ClusterOptions)} with {@link ClusterOptions#defaults()}; call {@link #create(ClusterOptions,
 * boolean)} to choose the options.
 */
public final class ClusterPools {

    private ClusterPools() {}

    /**
     * A pool on the cluster {@code options} describe: with no members listed, a member started in this process that
     * runs the tasks; otherwise a client of those members. Blocks until the member has started or the client has
     * connected.
     *
     * @param tracing whether the pool keeps a {@link dev.multitask.Trace}
     */
    public static Pool create(ClusterOptions options, boolean tracing) {
        Strategy strategy = new Strategy.Cluster(options.members());
        return create(new PoolConfig(strategy, Pools.nextName("cluster"), tracing, 100_000, null), options);
    }

    /** A pool for {@code config}, whose strategy is a {@link Strategy.Cluster}, with the given options. */
    public static Pool create(PoolConfig config, ClusterOptions options) {
        HazelcastInstance hazelcast = options.members().isEmpty()
                ? Hazelcast.newHazelcastInstance(HazelcastSetup.member(options, false))
                : HazelcastClient.newHazelcastClient(HazelcastSetup.client(options));
        return new ClusterPool(config, options, hazelcast);
    }

    /**
     * Starts a member that runs tasks for the cluster, as {@code multitask cluster member} does; it joins the members
     * listed in {@code options}, if any. Stop it with {@code getLifecycleService().shutdown()}; Hazelcast's shutdown
     * hook also stops it when the JVM exits.
     */
    public static HazelcastInstance startMember(ClusterOptions options) {
        return Hazelcast.newHazelcastInstance(HazelcastSetup.member(options, true));
    }

    /**
     * The {@code host:port} of the member running the calling task, for tasks that report where they ran (as {@code
     * multitask run --cluster} does in its joblog); {@code null} when the caller is not a task on a cluster member.
     */
    public static String currentMember() {
        return RemoteCall.CURRENT_MEMBER.get();
    }

    /**
     * The {@code host:port} of every member that runs tasks for {@code pool}, as its member or client sees the
     * cluster now.
     *
     * @throws IllegalArgumentException if {@code pool} is not a cluster pool
     */
    public static List<String> members(Pool pool) {
        if (!(pool instanceof ClusterPool cluster)) {
            throw new IllegalArgumentException("not a cluster pool: " + pool);
        }
        return cluster.memberAddresses();
    }

    /**
     * Runs {@code task} once on every member of {@code pool}'s cluster now, and waits until each has run it or {@code
     * timeout} has passed; for messages to every member, such as "stop this run's jobs". A member that fails the task
     * or leaves meanwhile is skipped. {@code task} must be serializable, as every cluster task.
     *
     * @throws IllegalArgumentException if {@code pool} is not a cluster pool
     * @throws InterruptedException if interrupted while waiting; the task may still run on some members
     */
    public static void runOnEveryMember(Pool pool, Callable<?> task, Duration timeout) throws InterruptedException {
        if (!(pool instanceof ClusterPool cluster)) {
            throw new IllegalArgumentException("not a cluster pool: " + pool);
        }
        cluster.runOnEveryMember(task, timeout.toNanos());
    }
}
