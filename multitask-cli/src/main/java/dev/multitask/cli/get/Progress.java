package dev.multitask.cli.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of a run that the display reads: counters that downloads update as they go, and the downloads active now.
 * Updates are single atomic operations so that the hot loop of a download pays almost nothing for them.
 */
final class Progress {

    private final int totalFiles;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ConcurrentLinkedQueue<Active> active = new ConcurrentLinkedQueue<>();

    Progress(int totalFiles) {
        this.totalFiles = totalFiles;
    }

    /** Registers a download that has started; the caller must pass it to {@link #finished} in the end. */
    Active started(String name) {
        Active a = new Active(name, this);
        active.add(a);
        return a;
    }

    void finished(Active download, DownloadResult result) {
        if (download != null) {
            active.remove(download);
        }
        if (result.failed()) {
            failed.incrementAndGet();
        }
        finished.incrementAndGet();
    }

    int totalFiles() {
        return totalFiles;
    }

    int finishedFiles() {
        return finished.get();
    }

    int failedFiles() {
        return failed.get();
    }

    long bytes() {
        return bytes.get();
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    List<Active> active() {
        return new ArrayList<>(active);
    }

    /** One download in progress: its name, bytes so far and expected size (-1 when the server did not say). */
    static final class Active {
        private final String name;
        private final Progress progress;
        private final AtomicLong bytes = new AtomicLong();
        private volatile long size = -1;

        private Active(String name, Progress progress) {
            this.name = name;
            this.progress = progress;
        }

        void add(long n) {
            bytes.addAndGet(n);
            progress.bytes.addAndGet(n);
        }

        /** Sets the bytes already on disk when a download resumes; they do not count as received in this run. */
        void resumedAt(long offset) {
            bytes.set(offset);
        }

        /** Forgets bytes received by a failed attempt that will be received again. */
        void restart() {
            bytes.set(0);
        }

        void size(long size) {
            this.size = size;
        }

        String name() {
            return name;
        }

        long bytes() {
            return bytes.get();
        }

        long size() {
            return size;
        }
    }
}
