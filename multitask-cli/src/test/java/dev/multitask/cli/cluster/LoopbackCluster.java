package dev.multitask.cli.cluster;

import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.multitask.cluster.ClusterOptions;
import dev.multitask.cluster.ClusterPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast members on 127.0.0.1 in the test's JVM, under a cluster name of their own, for tests of the commands'
 * {@code --cluster}; {@link #close} terminates every member still running.
 */
public final class LoopbackCluster implements AutoCloseable {

    private final String name = ClusterOptions.randomName();
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** The cluster's name, for {@code --cluster-name}. */
    public String name() {
        return name;
    }

    /**
     * Starts a member with four executor threads that joins the first member started here, and waits until the
     * cluster counts every member started.
     */
    public HazelcastInstance startMember() {
        HazelcastInstance member = ClusterPools.startMember(ClusterOptions.defaults()
                .withClusterName(name)
                .withMemberThreads(4)
                .withMembers(members.isEmpty() ? List.of() : List.of(address(members.getFirst()))));
        members.add(member);
        int expected = members.size();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> members.getFirst().getCluster().getMembers().size() == expected);
        return member;
    }

    /** The member's {@code host:port}, as {@code --cluster} takes it and the joblog names it. */
    public static String address(HazelcastInstance member) {
        var address = member.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    @Override
    public void close() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
