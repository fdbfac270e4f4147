package dev.multitask.cli.get;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The limits on downloads running at once: {@code -j} in all and {@code --max-per-host} against one host and port.
 * A download takes its host's permit first and a global one second, so that downloads waiting for a busy host hold
 * no global permit and downloads from other hosts go ahead of them. Fair semaphores keep the input's order.
 */
final class ConnectionLimits {

    private final Semaphore global;
    private final int perHost;
    private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

    ConnectionLimits(int jobs, int perHost) {
        this.global = new Semaphore(jobs, true);
        this.perHost = perHost;
    }

    /** A slot to download from {@code uri}'s host; close it to give it back. */
    Slot acquire(URI uri) throws InterruptedException {
        Semaphore host = perHost > 0 ? hosts.computeIfAbsent(hostKey(uri), k -> new Semaphore(perHost, true)) : null;
        if (host != null) {
            host.acquire();
        }
        try {
            global.acquire();
        } catch (InterruptedException e) {
            if (host != null) {
                host.release();
            }
            throw e;
        }
        return () -> {
            global.release();
            if (host != null) {
                host.release();
            }
        };
    }

    static String hostKey(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** A held permit. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
