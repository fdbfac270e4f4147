package dev.multitask.cli.get;

import static dev.multitask.cli.cluster.LoopbackCluster.address;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import dev.multitask.cli.Main;
import dev.multitask.cli.cluster.LoopbackCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code multitask get --cluster} against {@link FaultServer} with two Hazelcast members on 127.0.0.1 in this JVM:
 * the members share this machine's file system, so the files they write into their {@code -d} are visible here.
 */
class GetClusterTest {

    @TempDir
    Path temp;

    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void stopMembers() {
        cluster.close();
    }

    @Test
    void spreadsTheFilesOverTheMembersAndNamesEachFilesMember() throws Exception {
        HazelcastInstance first = cluster.startMember();
        HazelcastInstance second = cluster.startMember();
        Path out = temp.resolve("out");
        List<String> args = new ArrayList<>(List.of(
                "get", "--cluster", address(first), "--cluster-name", cluster.name(), "-d", out.toString(), "--json"));
        try (FaultServer server = new FaultServer()) {
            for (int i = 0; i < 16; i++) {
                server.route("/f" + i + ".bin", FaultServer.file(GetCommandTest.randomBytes(1000 + i, i)));
                args.add(server.url("/f" + i + ".bin"));
            }
            args.add(server.url("/f0.bin")); // the same name twice: claimed once for the whole run
            Run run = run(args);

            assertThat(run.exit()).as(run.err()).isZero();
            List<JsonNode> records = new ArrayList<>();
            for (String line : run.out().lines().toList()) {
                records.add(new ObjectMapper().readTree(line));
            }
            assertThat(records)
                    .hasSize(17)
                    .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ok"));
            assertThat(records)
                    .as("each file lands on a random partition's member: all 17 on one has odds of 1 in 65,536")
                    .extracting(r -> r.get("member").asText())
                    .containsOnly(address(first), address(second))
                    .contains(address(first), address(second));
            for (int i = 0; i < 16; i++) {
                assertThat(Files.readAllBytes(out.resolve("f" + i + ".bin")))
                        .isEqualTo(GetCommandTest.randomBytes(1000 + i, i));
            }
            assertThat(Files.readAllBytes(out.resolve("f0.1.bin"))).isEqualTo(GetCommandTest.randomBytes(1000, 0));
            assertThat(run.err())
                    .contains("17 files: 17 ok, 0 skipped, 0 failed")
                    .contains("Files are on the members, each in its own -d directory:");
        }
    }

    @Test
    void aBadClusterAddressIsOneLineOnStderrAndExitStatus2() {
        Run run = run(List.of("get", "--cluster", "nowhere", "http://127.0.0.1:1/x"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("multitask: --cluster: member address must be HOST:PORT, got 'nowhere'");
    }

    record Run(int exit, String out, String err) {}

    private static Run run(List<String> args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Run(exit, o.toString(), e.toString());
    }
}
