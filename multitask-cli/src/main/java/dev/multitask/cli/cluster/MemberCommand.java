package dev.multitask.cli.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.multitask.cli.UsageException;
import dev.multitask.cli.Verbosity;
import dev.multitask.cli.VersionProvider;
import dev.multitask.cluster.ClusterOptions;
import dev.multitask.cluster.ClusterPools;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code multitask cluster member}: a member that runs tasks for pools and commands on the cluster, until Ctrl-C or
 * SIGTERM (then it leaves gracefully, handing its data to the others).
 */
@Command(
        name = "member",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Start a cluster member that runs tasks, until Ctrl-C or SIGTERM.",
            "Members find each other only through --join; every member needs the same multitask jar (task classes"
                    + " must exist on every member).",
            "Hazelcast's open edition has no TLS and no authentication: bind to loopback or a private network only."
        })
public final class MemberCommand implements Callable<Integer> {

    @Mixin
    Verbosity verbosity;

    @Option(
            names = "--join",
            split = ",",
            paramLabel = "HOST:PORT",
            description = "Members to join; none starts a new cluster.")
    List<String> join = List.of();

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "The one address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--port",
            defaultValue = "5701",
            description = "The first port to try; the next 99 are tried if taken (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--name",
            paramLabel = "CLUSTER",
            description = "The cluster's name; members of other names are refused (default: $MULTITASK_CLUSTER_NAME"
                    + " or 'multitask'). Not a password.")
    String name;

    @Option(names = "--threads", description = "Tasks this member runs at once (default: one per processor).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        ClusterOptions options;
        try {
            options = ClusterOptions.defaults()
                    .withMembers(join)
                    .withBindAddress(bind)
                    .withPort(port);
            if (name != null) {
                options = options.withClusterName(name);
            }
            if (threads != null) {
                options = options.withMemberThreads(threads);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!isLoopback(bind)) {
            System.err.println("multitask: warning: listening on " + bind + " with no TLS and no authentication;"
                    + " anyone who can reach it and knows the cluster name can run code here");
        }
        HazelcastInstance member = ClusterPools.startMember(options);
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        System.out.println("member " + member.getCluster().getLocalMember().getAddress() + " started in cluster '"
                + options.clusterName() + "' with "
                + member.getCluster().getMembers().size()
                + " member(s); Ctrl-C stops it");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("cannot resolve --bind address '" + address + "'");
        }
    }
}
