package dev.multitask.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hazelcast configured for multitask: safe defaults instead of Hazelcast's own, which bind every interface, look for
 * members by multicast and cloud auto-detection, and report usage over the network.
 */
final class HazelcastSetup {

    // Held so that the level is not lost when java.util.logging lets go of an unreferenced logger.
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static {
        // Hazelcast logs every membership change at INFO; a multitask user wants to hear of problems only.
        HAZELCAST_LOG.setLevel(Level.parse(System.getProperty("multitask.cluster.log", "WARNING")));
    }

    private HazelcastSetup() {}

    /** A member that binds only {@code bindAddress}, joins only the listed members by TCP, and phones nowhere. */
    static Config member(ClusterOptions options, boolean shutdownHook) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", Boolean.toString(shutdownHook));
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.getJetConfig().setEnabled(false);
        config.getMetricsConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(options.bindAddress()));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig()
                .setEnabled(true)
                .setMembers(options.members().isEmpty() ? List.of(options.bindAddress()) : options.members());

        config.getSerializationConfig()
                .setJavaSerializationFilterConfig(filter(options))
                .addDataSerializableFactory(RemoteCall.FACTORY_ID, new RemoteCall.Factory());
        config.getExecutorConfig(ClusterOptions.EXECUTOR).setPoolSize(options.memberThreads());
        config.getDurableExecutorConfig(ClusterOptions.EXECUTOR)
                .setPoolSize(options.memberThreads())
                .setDurability(1)
                .setCapacity(100_000);
        return config;
    }

    /** A client of the listed members: it sends tasks and receives results but runs none. */
    static ClientConfig client(ClusterOptions options) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(options.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.getMetricsConfig().setEnabled(false);
        config.getNetworkConfig().setAddresses(options.members());
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(15_000);
        config.getSerializationConfig()
                .setJavaSerializationFilterConfig(filter(options))
                .addDataSerializableFactory(RemoteCall.FACTORY_ID, new RemoteCall.Factory());
        return config;
    }

    /**
     * Only the JDK's classes, multitask's and the allowed task packages may be deserialised: a peer that can send
     * arbitrary serialised objects must not get to pick the classes that run their readObject code.
     */
    private static JavaSerializationFilterConfig filter(ClusterOptions options) {
        ClassFilter allowed = new ClassFilter().addPrefixes("java.", "dev.multitask.", "[");
        options.allowedPackages().forEach(allowed::addPrefixes);
        return new JavaSerializationFilterConfig().setWhitelist(allowed);
    }
}
