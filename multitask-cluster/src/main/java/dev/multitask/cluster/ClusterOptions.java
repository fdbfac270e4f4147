package dev.multitask.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a cluster pool's tasks run, and how.
 *
 * @param clusterName members and clients only join a cluster of the same name; it is not a password (see
 *     docs/cluster.md)
 * @param members {@code host:port} addresses of members to join; empty for a cluster of one member started in this
 *     process
 * @param bindAddress the one address a member started here listens on; loopback unless said otherwise
 * @param port the first port a member started here tries; it tries the next 99 when one is taken
 * @param failurePolicy what happens to a task whose member dies
 * @param allowedPackages package prefixes whose classes may be deserialised, besides {@code java.} and {@code
 *     dev.multitask.}: the packages of your task classes
 * @param memberThreads how many tasks a member started here runs at once
 */
public record ClusterOptions(
        String clusterName,
        List<String> members,
        String bindAddress,
        int port,
        FailurePolicy failurePolicy,
        List<String> allowedPackages,
        int memberThreads) {

    /** The executor's name on the cluster; every multitask pool and member uses this one. */
    static final String EXECUTOR = "multitask";

    public ClusterOptions {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        members = List.copyOf(members);
        for (String member : members) {
            if (!member.matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("member address must be HOST:PORT, got '" + member + "'");
            }
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
        }
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        allowedPackages = List.copyOf(allowedPackages);
        if (memberThreads < 1) {
            throw new IllegalArgumentException("member threads must be at least 1, got " + memberThreads);
        }
    }

    /**
     * Loopback, port 5701, {@link FailurePolicy#FAIL}, one member thread per processor, and the cluster name from the
     * system property {@code multitask.cluster.name}, else the environment variable {@code MULTITASK_CLUSTER_NAME},
     * else {@code multitask}.
     */
    public static ClusterOptions defaults() {
        String name = System.getProperty("multitask.cluster.name", System.getenv("MULTITASK_CLUSTER_NAME"));
        return new ClusterOptions(
                name == null || name.isBlank() ? "multitask" : name,
                List.of(),
                "127.0.0.1",
                5701,
                FailurePolicy.FAIL,
                List.of(),
                Runtime.getRuntime().availableProcessors());
    }

    /** A cluster name no other cluster has, for tests and private runs. */
    public static String randomName() {
        return "multitask-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    public ClusterOptions withClusterName(String clusterName) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }

    public ClusterOptions withMembers(List<String> members) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }

    public ClusterOptions withBindAddress(String bindAddress) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }

    public ClusterOptions withPort(int port) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }

    public ClusterOptions withFailurePolicy(FailurePolicy failurePolicy) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }

    public ClusterOptions withAllowedPackages(List<String> allowedPackages) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }

    public ClusterOptions withMemberThreads(int memberThreads) {
        return new ClusterOptions(
                clusterName, members, bindAddress, port, failurePolicy, allowedPackages, memberThreads);
    }
}
