package dev.multitask.cli.cluster;

import picocli.CommandLine.Option;

/** {@code --cluster-name}, shared by the commands that take {@code --cluster}. */
public final class ClusterName {

    @Option(
            names = "--cluster-name",
            paramLabel = "NAME",
            description = "With --cluster: the cluster's name (default: $MULTITASK_CLUSTER_NAME or 'multitask').")
    String name;

    /** The name given, or {@code null} for the default. */
    public String name() {
        return name;
    }
}
