package dev.multitask.cli.cluster;

import dev.multitask.cli.VersionProvider;
import picocli.CommandLine.Command;

/** {@code multitask cluster}: the commands for running tasks on several machines. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run tasks on the members of a Hazelcast cluster (see docs/cluster.md).",
        subcommands = {MemberCommand.class})
public final class ClusterCommand {}
