package dev.multitask.internal;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.auto.AutoPools;
import dev.multitask.processes.ProcessPools;
import dev.multitask.sequential.SequentialPools;
import dev.multitask.threads.ThreadPools;
import dev.multitask.virtual.VirtualPools;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Turns a {@link PoolConfig} into a pool of its strategy: the JDK-only strategies directly, others by provider. */
public final class Pools {

    private static final Map<String, AtomicInteger> POOLS_PER_KIND = new ConcurrentHashMap<>();

    private Pools() {}

    public static Pool create(PoolConfig config) {
        Strategy strategy = config.strategy();
        String name = config.name() != null ? config.name() : nextName(kind(strategy));
        PoolConfig named = config.withName(name);
        return switch (strategy) {
            case Strategy.Sequential s -> SequentialPools.create(named);
            case Strategy.Threads t -> ThreadPools.create(named, t.workers());
            case Strategy.Virtual v -> VirtualPools.create(named, v.limit());
            case Strategy.Processes p -> ProcessPools.create(named, p.workers());
            case Strategy.Auto a -> AutoPools.create(named);
            case Strategy.Cluster c -> fromProvider(named);
        };
    }

    /** The strategy's kind as written in its text form, such as {@code threads}. */
    public static String kind(Strategy strategy) {
        String text = strategy.toString();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    /** A new pool name for {@code kind}: the kind and a number, like {@code threads-3}. */
    public static String nextName(String kind) {
        return kind + "-"
                + POOLS_PER_KIND.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private static Pool fromProvider(PoolConfig config) {
        String kind = kind(config.strategy());
        for (PoolProvider provider : ServiceLoader.load(PoolProvider.class)) {
            if (provider.kind().equals(kind)) {
                return provider.create(config);
            }
        }
        throw new UnsupportedOperationException("strategy '" + kind + "' needs the multitask-" + kind
                + " module on the class path, and it is not there");
    }
}
