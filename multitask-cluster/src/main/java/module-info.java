/** {@code Pool.cluster}: multitask's tasks on the members of a Hazelcast cluster. */
module dev.multitask.cluster {
    requires dev.multitask.core;
    requires com.hazelcast.core;
    requires java.logging;

    exports dev.multitask.cluster;

    provides dev.multitask.internal.PoolProvider with
            dev.multitask.cluster.ClusterPoolProvider;
}
