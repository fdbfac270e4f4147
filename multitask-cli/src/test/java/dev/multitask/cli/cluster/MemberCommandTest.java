package dev.multitask.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.multitask.Pool;
import dev.multitask.cli.ExitCodes;
import dev.multitask.cli.Main;
import dev.multitask.cluster.ClusterOptions;
import dev.multitask.cluster.ClusterPools;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MemberCommandTest {

    @Test
    void aMemberRunsTasksForAPoolAndExitsCleanlyWhenStopped() throws Exception {
        String name = ClusterOptions.randomName();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.execute("cluster", "member", "--name", name, "--port", "15701"));
        HazelcastInstance member = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> Hazelcast.getAllHazelcastInstances().stream()
                                .filter(h -> h.getConfig().getClusterName().equals(name))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        var address = member.getCluster().getLocalMember().getAddress();
        ClusterOptions client = ClusterOptions.defaults()
                .withClusterName(name)
                .withMembers(List.of(address.getHost() + ":" + address.getPort()));
        try (Pool pool = ClusterPools.create(client, false)) {
            assertThat(pool.submit((Callable<String> & Serializable) () -> "ran")
                            .get())
                    .isEqualTo("ran");
        }
        member.getLifecycleService().shutdown();
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aBadJoinAddressIsAUsageErrorInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("cluster", "member", "--join", "nowhere");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines())
                .containsExactly("multitask: member address must be HOST:PORT, got 'nowhere'");
    }
}
