package dev.multitask.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A member process without the CLI, for class paths that hold only multitask-core, multitask-cluster and Hazelcast:
 * {@code java -cp ... dev.multitask.cluster.ClusterMember [--name N] [--bind ADDR] [--port P] [--join H:P,...]
 * [--threads N] [--until-stdin-closes]}. Prints {@code member ADDRESS started} once it runs tasks; with {@code
 * --until-stdin-closes} it stops when its standard input closes, so that it never outlives a parent that dies.
 */
public final class ClusterMember {

    private ClusterMember() {}

    public static void main(String[] args) throws IOException {
        ClusterOptions options = ClusterOptions.defaults();
        boolean untilStdinCloses = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--name" -> options = options.withClusterName(required(value, args[i++]));
                case "--bind" -> options = options.withBindAddress(required(value, args[i++]));
                case "--port" -> options = options.withPort(Integer.parseInt(required(value, args[i++])));
                case "--join" ->
                    options = options.withMembers(
                            List.of(required(value, args[i++]).split(",")));
                case "--threads" -> options = options.withMemberThreads(Integer.parseInt(required(value, args[i++])));
                case "--until-stdin-closes" -> untilStdinCloses = true;
                default -> {
                    System.err.println(
                            "cluster member: unknown argument '" + args[i] + "' in " + Arrays.toString(args));
                    System.exit(2);
                }
            }
        }
        HazelcastInstance member = ClusterPools.startMember(options);
        System.out.println("member " + member.getCluster().getLocalMember().getAddress() + " started");
        System.out.flush();
        if (untilStdinCloses) {
            InputStream in = System.in;
            while (in.read() >= 0) {
                // nothing is read from stdin but its end
            }
            member.getLifecycleService().shutdown();
        }
    }

    private static String required(String value, String option) {
        if (value == null) {
            System.err.println("cluster member: " + option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
