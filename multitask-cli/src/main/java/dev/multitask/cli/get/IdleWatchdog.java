package dev.multitask.cli.get;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the idle-read timeout: java.net.http.HttpClient bounds the wait for response headers but not silence in
 * the middle of a body, so each download reports activity here and a daemon thread interrupts the download whose
 * body has been silent for longer than the timeout. The download sees the interrupt as an I/O failure, asks
 * {@link Watch#timedOut()} and retries like any network error.
 */
final class IdleWatchdog implements AutoCloseable {

    private final long timeoutNanos;
    private final ConcurrentHashMap<Watch, Boolean> watches = new ConcurrentHashMap<>();
    private final Thread thread;

    IdleWatchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.thread = Thread.ofPlatform()
                .daemon()
                .name("multitask-get-watchdog")
                .start(() -> {
                    try {
                        while (true) {
                            Thread.sleep(period);
                            long now = System.nanoTime();
                            for (Watch watch : watches.keySet()) {
                                watch.check(now);
                            }
                        }
                    } catch (InterruptedException e) {
                        // closed
                    }
                });
    }

    /** Starts watching the calling thread; activity is reported with {@link Watch#touch()}. */
    Watch watch() {
        Watch w = new Watch(Thread.currentThread());
        watches.put(w, Boolean.TRUE);
        return w;
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    /** The watch over one download attempt. */
    final class Watch implements AutoCloseable {
        private final Thread owner;
        private volatile long lastActivity = System.nanoTime();
        private boolean closed;
        private volatile boolean timedOut;

        private Watch(Thread owner) {
            this.owner = owner;
        }

        void touch() {
            lastActivity = System.nanoTime();
        }

        boolean timedOut() {
            return timedOut;
        }

        private synchronized void check(long now) {
            if (!closed && !timedOut && now - lastActivity > timeoutNanos) {
                timedOut = true;
                owner.interrupt();
            }
        }

        /** Stops watching; after this returns the watchdog never interrupts the owner for this watch. */
        @Override
        public synchronized void close() {
            closed = true;
            watches.remove(this);
        }
    }
}
