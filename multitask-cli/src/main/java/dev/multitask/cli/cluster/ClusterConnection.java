package dev.multitask.cli.cluster;

import dev.multitask.Pool;
import dev.multitask.cluster.ClusterOptions;
import dev.multitask.cluster.ClusterPools;
import dev.multitask.cluster.FailurePolicy;
import java.util.List;

/**
 * {@code --cluster HOST:PORT,...} of {@code run} and {@code get}: a client of those members, as a cluster pool with
 * the retry failure policy (a task whose member dies runs again on another member), and how many members run tasks.
 */
public record ClusterConnection(Pool pool, int members) {

    /**
     * The addresses are malformed, or no member answered: nothing ran. One line for stderr; the command's exit status
     * for bad input (2 for get, 255 for run, whose 1-101 count failed jobs).
     */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /**
     * Connects, waiting for the members up to Hazelcast's client connect timeout (15 s).
     *
     * @param name the cluster's name, or {@code null} for the default
     * @param verbose whether to let Hazelcast's warnings through to stderr
     * @throws Unreachable if an address is malformed or no member of that name answered
     */
    public static ClusterConnection open(List<String> addresses, String name, boolean verbose) {
        if (System.getProperty("multitask.cluster.log") == null) {
            // Hazelcast warns at every failed connection attempt; the user gets one line from us instead.
            System.setProperty("multitask.cluster.log", verbose ? "WARNING" : "SEVERE");
        }
        ClusterOptions options;
        try {
            options = ClusterOptions.defaults().withMembers(addresses).withFailurePolicy(FailurePolicy.RETRY);
            if (name != null) {
                options = options.withClusterName(name);
            }
        } catch (IllegalArgumentException e) {
            throw new Unreachable("--cluster: " + e.getMessage());
        }
        Pool pool;
        try {
            pool = ClusterPools.create(options, false);
        } catch (RuntimeException e) {
            throw new Unreachable("--cluster: no member of cluster '" + options.clusterName() + "' answered at "
                    + String.join(",", addresses) + " (is 'multitask cluster member' running there, with that"
                    + " --name?)");
        }
        return new ClusterConnection(
                pool, Math.max(1, ClusterPools.members(pool).size()));
    }
}
