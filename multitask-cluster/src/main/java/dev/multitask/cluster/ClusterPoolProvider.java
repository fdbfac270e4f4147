package dev.multitask.cluster;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.PoolProvider;

/** Serves strategy {@code cluster} to {@link Pool#of}, found by {@link java.util.ServiceLoader}. */
public final class ClusterPoolProvider implements PoolProvider {

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public Pool create(PoolConfig config) {
        Strategy.Cluster cluster = (Strategy.Cluster) config.strategy();
        return ClusterPools.create(config, ClusterOptions.defaults().withMembers(cluster.members()));
    }
}
