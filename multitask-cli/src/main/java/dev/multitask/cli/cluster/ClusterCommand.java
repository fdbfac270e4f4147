package dev.multitask.cli.cluster;

import picocli.CommandLine.Command;

/** {@code multitask cluster}: the commands for running tasks on several machines. */
@Command(
        name = "cluster",
        description = "Run tasks on the members of a Hazelcast cluster (see docs/cluster.md).",
        subcommands = {MemberCommand.class})
public final class ClusterCommand {}
